import { describe, expect, it } from 'vitest';
import type { WaitingForCapacityEvent } from '../../src/bulk/progress.js';
import { AbortedError, LimitExceededError } from '../../src/errors.js';
import { BUCKET, bulkFixture, INTERACTIONS_SCHEMA, ROLE_ARN, settle } from './support/fixture.js';

const SOURCE = `s3://${BUCKET}/data/interactions.csv`;

/** Fills the account's quota of 5 running jobs with imports into other dataset groups. */
async function fillQuota(f: ReturnType<typeof bulkFixture>): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const group = f.transport.createDatasetGroup({ name: `busy-${i}` });
    const { datasetArn } = f.transport.createDataset({
      datasetGroupArn: group,
      datasetType: 'Interactions',
      schema: INTERACTIONS_SCHEMA,
    });
    await f.transport.createDatasetImportJob({
      jobName: `busy-${i}`,
      datasetArn,
      dataLocation: SOURCE,
      roleArn: ROLE_ARN,
      importMode: 'FULL',
    });
  }
}

const capacity = { capacityWait: { initialDelayMs: 2000, maxDelayMs: 8000, timeoutMs: 60_000 } };

describe('waiting for capacity', () => {
  it('waits while 5 jobs run, says so, then starts the job', async () => {
    const f = bulkFixture({ importer: capacity });
    await fillQuota(f);
    const job = await settle(
      f.clock,
      f.importer.importBulk('FULL', { datasetArn: f.datasetArn, source: SOURCE, onProgress: f.onProgress }),
      100,
    );
    expect(job.status).toBe('ACTIVE');
    const waits = f.events.filter((event): event is WaitingForCapacityEvent => event.phase === 'waiting-for-capacity');
    // random 0.5: 1000, 2000, 4000 ms; the busy jobs end 5000 ms after they started.
    expect(waits.map(({ reason, attempt, delayMs }) => ({ reason, attempt, delayMs }))).toEqual([
      { reason: 'JOB_QUOTA', attempt: 1, delayMs: 1000 },
      { reason: 'JOB_QUOTA', attempt: 2, delayMs: 2000 },
      { reason: 'JOB_QUOTA', attempt: 3, delayMs: 4000 },
    ]);
    const creates = f.transport
      .callsOf('createDatasetImportJob')
      .filter((call) => call.input.datasetArn === f.datasetArn);
    expect(creates.map((call) => call.outcome)).toEqual(['error', 'error', 'error', 'ok']);
  });

  it('waits while another job runs on the dataset (ResourceInUse)', async () => {
    const f = bulkFixture({ importer: capacity, transport: { rejectConcurrentImports: true } });
    const first = await f.importer.startImport('FULL', { datasetArn: f.datasetArn, source: SOURCE, jobName: 'first' });
    const second = await settle(
      f.clock,
      f.importer.importBulk('FULL', {
        datasetArn: f.datasetArn,
        source: SOURCE,
        jobName: 'second',
        onProgress: f.onProgress,
      }),
      100,
    );
    expect(second.jobName).toBe('second');
    expect(f.events.find((event) => event.phase === 'waiting-for-capacity')).toMatchObject({
      reason: 'DATASET_IN_USE',
    });
    expect((await f.importer.describeJob(first.jobArn)).status).toBe('ACTIVE');
  });

  it('gives up with the refusal once the budget is spent', async () => {
    const f = bulkFixture({
      importer: { capacityWait: { initialDelayMs: 2000, maxDelayMs: 2000, timeoutMs: 3000 } },
      transport: { jobTimings: { pendingMs: 1000, inProgressMs: 3_600_000 } },
    });
    await fillQuota(f);
    const startedAt = f.clock.now();
    const importing = settle(
      f.clock,
      f.importer.importBulk('FULL', { datasetArn: f.datasetArn, source: SOURCE, onProgress: f.onProgress }),
      100,
    );
    await expect(importing).rejects.toBeInstanceOf(LimitExceededError);
    const creates = f.transport
      .callsOf('createDatasetImportJob')
      .filter((call) => call.input.datasetArn === f.datasetArn);
    expect(creates.map((call) => call.at - startedAt)).toEqual([0, 1000, 2000, 3000]);
  });

  it('never waits with a budget of 0', async () => {
    const f = bulkFixture({ importer: { capacityWait: { timeoutMs: 0 } } });
    await fillQuota(f);
    await expect(f.importer.startImport('FULL', { datasetArn: f.datasetArn, source: SOURCE })).rejects.toThrow(
      /More than 5/,
    );
    expect(f.clock.pendingTimers).toBe(0);
  });

  it('stops promptly on the signal while waiting', async () => {
    const f = bulkFixture({ importer: capacity });
    await fillQuota(f);
    const controller = new AbortController();
    const importing = f.importer.startImport('FULL', {
      datasetArn: f.datasetArn,
      source: SOURCE,
      signal: controller.signal,
      onProgress: f.onProgress,
    });
    await f.clock.advance(0);
    expect(f.events.at(-1)?.phase).toBe('waiting-for-capacity');
    controller.abort();
    await expect(importing).rejects.toBeInstanceOf(AbortedError);
    expect(f.clock.pendingTimers).toBe(0);
  });
});
