import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, ensureBuilt, finished, runCli, startCli, waitForOutput } from './built-cli.js';

// `serve` runs the local endpoint on the fake; the other commands reach it through the real AWS SDK (--endpoint).
let dir: string;
let url: string;
let setup: { datasetGroupArn: string; trackingId: string; datasets: Record<string, string> };
let serving: Promise<CliRun>;
let stopServe: () => void;

beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'cli-endpoint-'));
  const child = startCli(['--json', 'serve', '--job-ms', '20']);
  serving = finished(child);
  stopServe = () => child.kill('SIGINT');
  const stdout = child.stdout ? await waitForOutput(child.stdout, /\n/) : '';
  const printed = JSON.parse(stdout) as typeof setup & { url: string };
  url = printed.url;
  setup = printed;
}, 120_000);

afterAll(async () => {
  stopServe?.();
  await serving;
});

describe('against `serve` through --endpoint', () => {
  it('serve prints its URL and set-up as one JSON document', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Object.keys(setup.datasets)).toEqual(['Interactions', 'Users', 'Items']);
    expect(setup.trackingId).toMatch(/\S/);
  });

  it('put events reaches the fake through the real SDK', async () => {
    const lines = [];
    for (let i = 0; i < 25; i++) {
      lines.push(
        JSON.stringify({ sessionId: `s${i % 3}`, eventType: 'click', itemId: `i${i}`, sentAt: 1735689600 + i }),
      );
    }
    const file = join(dir, 'events.jsonl');
    writeFileSync(file, lines.join('\n'));
    const run = await runCli([
      '--json',
      '--endpoint',
      url,
      'put',
      'events',
      '--file',
      file,
      '--tracking-id',
      setup.trackingId,
    ]);
    expect(run.stderr).not.toMatch(/error/);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, delivered: 25 });
    // What serve stored, read back as a test in any language would.
    const state = (await (await fetch(`${url}/_fake/state`)).json()) as {
      eventTrackers: { trackingId: string; events: { itemId?: string; sessionId: string }[] }[];
    };
    const events = state.eventTrackers.find((t) => t.trackingId === setup.trackingId)?.events ?? [];
    expect(events).toHaveLength(25);
    expect(events[24]).toMatchObject({ itemId: 'i24', sessionId: 's0' });
  });

  it('put users reaches the Users dataset of serve, and GET /_fake/state shows them', async () => {
    const file = join(dir, 'users.jsonl');
    writeFileSync(file, ['{"userId":"u1"}', '{"userId":"u2"}'].join('\n'));
    const usersArn = setup.datasets.Users ?? '';
    const run = await runCli(['--json', '--endpoint', url, 'put', 'users', '--file', file, '--dataset-arn', usersArn]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, delivered: 2 });
    const state = (await (await fetch(`${url}/_fake/state`)).json()) as {
      datasets: { datasetArn: string; records?: { userId: string }[] }[];
    };
    const users = state.datasets.find((d) => d.datasetArn === usersArn)?.records ?? [];
    expect(users.map((u) => u.userId)).toEqual(['u1', 'u2']);
  });

  it("put's progress counts records settled, not bytes read", async () => {
    const lines = [];
    for (let i = 0; i < 30; i++) lines.push(JSON.stringify({ sessionId: 's', eventType: 'click', sentAt: 1735689600 }));
    const file = join(dir, 'progress.jsonl');
    writeFileSync(file, lines.join('\n'));
    const run = await runCli(['--endpoint', url, 'put', 'events', '--file', file, '--tracking-id', setup.trackingId]);
    expect(run.code).toBe(0);
    // The last progress line (at the stop): every record settled, at a rate of records.
    expect(run.stderr).toMatch(/put events: 100% \| [\d.,]+ records\/s \| 30 of 30 settled/);
  });

  it('an unknown tracking id is a service error: exit 1, one line saying what to check', async () => {
    const file = join(dir, 'one.jsonl');
    writeFileSync(file, '{"sessionId":"s","eventType":"click","sentAt":1735689600}\n');
    const run = await runCli(['--endpoint', url, 'put', 'events', '--file', file, '--tracking-id', 'nobody']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/NOT_FOUND: .*check the ARN or tracking id/);
  });

  it('a fatal error stops put once: one error line, the report of every record read, the rest written to --rejected', async () => {
    // More lines than the writer holds (maxBufferedRecords 10,000), so that puts are still coming when it stops.
    const lines = [];
    for (let i = 0; i < 12_000; i++) {
      lines.push(JSON.stringify({ sessionId: `s${i % 40}`, eventType: 'click', itemId: `i${i}`, sentAt: 1735689600 }));
    }
    const file = join(dir, 'fatal.jsonl');
    const rejected = join(dir, 'fatal-rejected.jsonl');
    writeFileSync(file, lines.join('\n'));
    const args = ['--json', '--endpoint', url, 'put', 'events', '--file', file, '--tracking-id', 'nobody'];
    const run = await runCli([...args, '--rejected', rejected]);
    expect(run.code).toBe(1);
    const document = JSON.parse(run.stdout);
    expect(document).toMatchObject({ ok: false, delivered: 0, stoppedBy: { code: 'NOT_FOUND' } });
    expect(document.stoppedAtLine).toBeGreaterThan(1);
    // Every record read is accounted for once, as undelivered with the cause; the cause is said once, not per record.
    expect(document.undelivered).toBe(document.read);
    expect(document.errors).toEqual([]);
    expect(run.stderr.match(/NOT_FOUND/g)).toHaveLength(1);
    const written = readFileSync(rejected, 'utf8').trim().split('\n');
    expect(written).toHaveLength(document.read);
  });

  // Imports through `serve` (S3 on the same URL) are in cli-import-endpoint.test.ts.
  it('jobs list and describe go through the control plane', async () => {
    const interactions = setup.datasets.Interactions ?? '';
    const list = await runCli(['--json', '--endpoint', url, 'jobs', 'list', '--dataset-arn', interactions]);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual({ ok: true, command: 'jobs list', jobs: [] });
    const arn = 'arn:aws:personalize:us-east-1:123456789012:dataset-import-job/none';
    const describe = await runCli(['--json', '--endpoint', url, 'jobs', 'describe', arn]);
    expect(describe.code).toBe(1);
    expect(JSON.parse(describe.stdout)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('serve stops on Ctrl-C with exit 0', async () => {
    stopServe();
    const run = await serving;
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/stopped after \d+ requests/);
  });
});
