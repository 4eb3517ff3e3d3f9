import { describe, expect, it } from 'vitest';
import { ImportJobFailedError, ImportJobTimeoutError } from '../../src/bulk/import-errors.js';
import type { WaitingEvent } from '../../src/bulk/progress.js';
import { AbortedError, NotFoundError } from '../../src/errors.js';
import { BUCKET, bulkFixture, ROLE_ARN, settle } from './support/fixture.js';

async function startJob(fixture: ReturnType<typeof bulkFixture>, jobName = 'job-1') {
  const { jobArn } = await fixture.transport.createDatasetImportJob({
    jobName,
    datasetArn: fixture.datasetArn,
    dataLocation: `s3://${BUCKET}/data/interactions.csv`,
    roleArn: ROLE_ARN,
    importMode: 'FULL',
  });
  return jobArn;
}

describe('waitForJob', () => {
  it('polls with growing, slightly jittered delays until ACTIVE and reports each poll', async () => {
    const fixture = bulkFixture({ importer: { poll: { initialDelayMs: 1000, maxDelayMs: 4000 } } });
    const jobArn = await startJob(fixture);
    const done = fixture.importer.waitForJob(jobArn, { onProgress: fixture.onProgress });
    const job = await settle(fixture.clock, done, 100);
    expect(job).toMatchObject({ jobArn, jobName: 'job-1', status: 'ACTIVE', importMode: 'FULL' });
    // random 0.5: 7/8 of the ceiling (1000, 2000, 4000 … ms): 875, 1750, 3500 ms; the job finishes 5000 ms after
    // creation (the fake's timings), so the fourth poll, at 6125 ms, sees it ACTIVE.
    const times = fixture.transport.callsOf('describeDatasetImportJob').map((call) => call.at);
    const gaps = times.slice(1).map((at, i) => at - (times[i] ?? 0));
    expect(gaps).toEqual([875, 1750, 3500]);
    const phases = fixture.events.map((event) => event.phase);
    expect(phases).toEqual(['waiting', 'waiting', 'waiting', 'done']);
    expect((fixture.events[1] as WaitingEvent).status).toBe('CREATE PENDING');
    expect((fixture.events[2] as WaitingEvent).status).toBe('CREATE IN_PROGRESS');
    expect(fixture.events.at(-1)).toMatchObject({ phase: 'done', elapsedMs: 6125 });
  });

  it('tolerates throttled and failed polls', async () => {
    const fixture = bulkFixture({ importer: { poll: { initialDelayMs: 1000, maxDelayMs: 1000 } } });
    const jobArn = await startJob(fixture);
    fixture.transport.throttleNext(2, { call: 'describeDatasetImportJob' });
    fixture.transport.failNext(2, { call: 'describeDatasetImportJob' });
    const job = await settle(
      fixture.clock,
      fixture.importer.waitForJob(jobArn, { onProgress: fixture.onProgress }),
      100,
    );
    expect(job.status).toBe('ACTIVE');
    const errors = fixture.transport.callsOf('describeDatasetImportJob').filter((call) => call.outcome === 'error');
    expect(errors).toHaveLength(4);
    expect((fixture.events[0] as WaitingEvent).pollError).toBeDefined();
    expect((fixture.events[0] as WaitingEvent).status).toBe('UNKNOWN');
  });

  it('rejects at once on an error a retry cannot fix', async () => {
    const fixture = bulkFixture();
    const waiting = fixture.importer.waitForJob('arn:aws:personalize:us-east-1:123456789012:dataset-import-job/nope');
    await expect(waiting).rejects.toBeInstanceOf(NotFoundError);
    expect(fixture.transport.callsOf('describeDatasetImportJob')).toHaveLength(1);
  });

  it('rejects with ImportJobFailedError carrying the reason', async () => {
    const fixture = bulkFixture();
    fixture.transport.failNextJob('Input file is malformed.');
    const jobArn = await startJob(fixture);
    const waiting = settle(fixture.clock, fixture.importer.waitForJob(jobArn));
    await expect(waiting).rejects.toBeInstanceOf(ImportJobFailedError);
    await expect(waiting).rejects.toMatchObject({
      code: 'IMPORT_JOB_FAILED',
      jobArn,
      failureReason: 'Input file is malformed.',
    });
  });

  it('stops at timeoutMs, naming the job, which keeps running', async () => {
    const fixture = bulkFixture({ transport: { jobTimings: { pendingMs: 1000, inProgressMs: 60_000 } } });
    const jobArn = await startJob(fixture);
    const startedAt = fixture.clock.now();
    const waiting = fixture.importer.waitForJob(jobArn, { timeoutMs: 30_000 });
    const error = await settle(fixture.clock, waiting, 100).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportJobTimeoutError);
    expect(error).toMatchObject({ jobArn, lastStatus: 'CREATE IN_PROGRESS' });
    expect((error as Error).message).toContain(jobArn);
    // The last poll is at the deadline exactly, not past it.
    expect(fixture.transport.callsOf('describeDatasetImportJob').at(-1)?.at).toBe(startedAt + 30_000);
    await fixture.clock.advance(60_000);
    expect((await fixture.importer.describeJob(jobArn)).status).toBe('ACTIVE');
  });

  it('stops promptly when the signal aborts, while sleeping', async () => {
    const fixture = bulkFixture({ importer: { poll: { initialDelayMs: 60_000, maxDelayMs: 60_000 } } });
    const jobArn = await startJob(fixture);
    const controller = new AbortController();
    const waiting = fixture.importer.waitForJob(jobArn, { signal: controller.signal });
    await fixture.clock.advance(0);
    expect(fixture.clock.pendingTimers).toBe(1);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortedError);
    expect(fixture.clock.pendingTimers).toBe(0);
  });

  it('refuses a bad timeoutMs before any call', async () => {
    const fixture = bulkFixture();
    await expect(fixture.importer.waitForJob('x', { timeoutMs: 0 })).rejects.toThrow(/Expected `timeoutMs`/);
    expect(fixture.transport.history).toHaveLength(0);
  });
});
