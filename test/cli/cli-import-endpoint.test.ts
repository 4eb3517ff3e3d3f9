/**
 * `personalize-import --endpoint URL import` against `startLocalEndpoint`, which serves S3 on the same port: the
 * built CLI validates and uploads a local file (or reads an `s3://` source), starts the job, and waits for it, all
 * through the real SDK on its default settings.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalEndpoint, startLocalEndpoint } from '../../src/local-endpoint/local-endpoint.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { interactionsSchema } from '../support/schemas.js';
import { ensureBuilt, finished, runCli, startCli, waitForOutput } from './built-cli.js';

const ROLE = 'arn:aws:iam::123456789012:role/PersonalizeS3Read';
let dir: string;
let backing: MemoryTransport;
let endpoint: LocalEndpoint;
let datasetArn: string;

function interactionsCsv(rows: number, salt: string): string {
  const lines = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE'];
  for (let i = 0; i < rows; i++) lines.push(`u${i % 50}${salt},i${i},${1_735_689_600 + i},click`);
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'cli-import-endpoint-'));
  // Real time, short jobs: the CLI polls the job as it would the service's.
  backing = new MemoryTransport({ jobTimings: { pendingMs: 20, inProgressMs: 30 } });
  const datasetGroupArn = backing.createDatasetGroup({ name: 'shop' });
  datasetArn = backing.createDataset({
    datasetGroupArn,
    datasetType: 'Interactions',
    schema: JSON.stringify(interactionsSchema),
  }).datasetArn;
  backing.createBucket('import-bucket');
  endpoint = await startLocalEndpoint({ backing });
}, 120_000);

afterAll(async () => {
  await endpoint?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

const common = () => ['--json', '--endpoint', endpoint.url, 'import', '--mode', 'FULL', '--role-arn', ROLE];

describe('import against startLocalEndpoint (S3 on the same --endpoint)', () => {
  it('validates and uploads --file to --bucket, then imports it to ACTIVE', async () => {
    const file = join(dir, 'interactions.csv');
    const csv = interactionsCsv(1200, 'f');
    writeFileSync(file, csv);
    const run = await runCli([
      ...common(),
      '--dataset-arn',
      datasetArn,
      '--file',
      file,
      '--bucket',
      'import-bucket',
      '--key',
      'up/interactions.csv',
      '--poll-interval',
      '20',
    ]);
    expect(run.stderr).not.toMatch(/XML|UnknownError/);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, command: 'import', status: 'ACTIVE' });
    expect(backing.objectText({ bucket: 'import-bucket', key: 'up/interactions.csv' })).toBe(csv);
    expect(backing.bulkRows(datasetArn)).toHaveLength(1200);
  });

  it('imports an s3:// source the fake S3 holds, validating it over the endpoint', async () => {
    backing.putObject({ bucket: 'import-bucket', key: 'ready/interactions.csv' }, interactionsCsv(1000, 's'));
    const run = await runCli([
      ...common(),
      '--dataset-arn',
      datasetArn,
      '--source',
      's3://import-bucket/ready/interactions.csv',
      '--validate',
      '--poll-interval',
      '20',
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: true,
      status: 'ACTIVE',
      dataLocation: 's3://import-bucket/ready/interactions.csv',
    });
    expect(backing.bulkRows(datasetArn)).toHaveLength(1000);
  });
});

describe('import against `serve` (S3 on the same URL)', () => {
  it('serve --bucket makes a bucket that import --file uploads to, and the job ends ACTIVE', async () => {
    const child = startCli(['--json', 'serve', '--job-ms', '40', '--bucket', 'served-bucket', '--spill-mib', '1']);
    const serving = finished(child);
    try {
      const stdout = child.stdout ? await waitForOutput(child.stdout, /^\{.*\}$/m) : '';
      const printed = JSON.parse(stdout) as { url: string; datasets: Record<string, string> };
      const file = join(dir, 'served.csv');
      writeFileSync(file, interactionsCsv(1000, 'v'));
      const args = ['--json', '--endpoint', printed.url, 'import', '--mode', 'FULL', '--role-arn', ROLE];
      const run = await runCli([
        ...args,
        '--dataset-arn',
        printed.datasets.Interactions ?? '',
        '--file',
        file,
        '--bucket',
        'served-bucket',
        '--poll-interval',
        '20',
      ]);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, status: 'ACTIVE' });
      // Then INCREMENTAL: 1,000 new distinct rows more, read back from GET /_fake/state.
      const more = join(dir, 'served-more.csv');
      writeFileSync(more, interactionsCsv(1000, 'w'));
      const again = await runCli([
        ...args.map((arg) => (arg === 'FULL' ? 'INCREMENTAL' : arg)),
        '--dataset-arn',
        printed.datasets.Interactions ?? '',
        '--file',
        more,
        '--bucket',
        'served-bucket',
        '--poll-interval',
        '20',
      ]);
      expect(again.code).toBe(0);
      const state = (await (await fetch(`${printed.url}/_fake/state`)).json()) as {
        datasets: { datasetArn: string; bulkRowCount: number }[];
        importJobs: { status: string; importMode: string }[];
        buckets: { name: string; objects: unknown[] }[];
      };
      const dataset = state.datasets.find((d) => d.datasetArn === printed.datasets.Interactions);
      expect(dataset?.bulkRowCount).toBe(2000);
      expect(state.importJobs.map((j) => [j.importMode, j.status])).toEqual([
        ['INCREMENTAL', 'ACTIVE'],
        ['FULL', 'ACTIVE'],
      ]);
      expect(state.buckets.find((b) => b.name === 'served-bucket')?.objects).toHaveLength(2);
    } finally {
      child.kill('SIGINT');
      expect((await serving).code).toBe(0);
    }
  });
});
