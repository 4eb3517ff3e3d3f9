/**
 * A process killed while it waits for its import job, then the same import run again: it must attach to the job the
 * dead process started, with one CreateDatasetImportJob in all. The state outlives the child in the test process
 * (a MemoryTransport on a manual clock, so the job stays pending while the child polls).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
// esbuild comes with tsup (a dev dependency): it bundles the child's TypeScript so that plain `node` runs it.
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetImporter } from '../../src/bulk/dataset-importer.js';
import type { ImportProgressEvent } from '../../src/bulk/progress.js';
import type { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import type { ManualClock } from '../../src/util/manual-clock.js';
import { startAwsOverLocal } from '../transport/aws-local-fixture.js';
import {
  BUCKET,
  bulkFixture,
  INTERACTIONS_SCHEMA,
  interactionsCsv,
  ROLE_ARN,
  recordingLogger,
  settle,
} from './support/fixture.js';
import { serveTransport } from './support/transport-rpc.js';

const dir = mkdtempSync(join(tmpdir(), 'bulk-kill-'));
const childScript = join(dir, 'import-child.mjs');

beforeAll(async () => {
  await build({
    entryPoints: [fileURLToPath(new URL('./support/import-child.ts', import.meta.url))],
    outfile: childScript,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    // Some bundled CommonJS dependencies call require(): give the ESM bundle one.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Resolves with the first event `predicate` accepts from the child's stdout (JSON lines). */
function firstEvent(child: ChildProcess, predicate: (event: ImportProgressEvent) => boolean) {
  return new Promise<ImportProgressEvent>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      const event = JSON.parse(line) as ImportProgressEvent;
      if (predicate(event)) resolve(event);
    });
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before the event`)));
  });
}

/** Starts the child, waits until it polls a created job, kills it; resolves with the job's ARN. */
async function killWhileWaiting(args: string[], backing: MemoryTransport): Promise<string> {
  let child: ChildProcess | undefined;
  try {
    const running = spawn(process.execPath, [childScript, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    child = running;
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      running.once('exit', (_code, signal) => resolve(signal)),
    );
    const created = (await firstEvent(running, (event) => event.phase === 'created')) as { jobArn: string };
    await firstEvent(running, (event) => event.phase === 'waiting');
    running.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(backing.callsOf('createDatasetImportJob')).toHaveLength(1);
    expect((await backing.describeDatasetImportJob(created.jobArn)).status).toBe('CREATE PENDING');
    return created.jobArn;
  } finally {
    if (child?.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/** Runs the same import again in this process and checks it attaches to `jobArn`; one job created in all. */
async function rerunAttaches(
  importer: DatasetImporter,
  clock: ManualClock,
  backing: MemoryTransport,
  datasetArn: string,
  source: string,
  jobArn: string,
) {
  const events: ImportProgressEvent[] = [];
  const job = await settle(
    clock,
    importer.importBulk('FULL', { datasetArn, source, onProgress: (e) => events.push(e) }),
  );
  expect(events[0]).toMatchObject({ phase: 'attached', jobArn });
  expect(job).toMatchObject({ jobArn, status: 'ACTIVE' });
  expect(backing.callsOf('createDatasetImportJob')).toHaveLength(1);
  expect(backing.bulkRows(datasetArn)).toHaveLength(1000);
}

describe('a process killed while it waits', () => {
  it('through AwsTransport (one local endpoint, S3 included): the re-run attaches to the same job', async () => {
    const local = await startAwsOverLocal();
    try {
      const { backing, clock } = local;
      const datasetGroupArn = backing.createDatasetGroup({ name: 'shop' });
      const { datasetArn } = backing.createDataset({
        datasetGroupArn,
        datasetType: 'Interactions',
        schema: INTERACTIONS_SCHEMA,
      });
      const key = 'kill/interactions.csv';
      backing.createBucket(BUCKET);
      await local.transport.uploadObject({ bucket: BUCKET, key, body: interactionsCsv() });
      const source = `s3://${BUCKET}/${key}`;
      const jobArn = await killWhileWaiting(['aws', local.endpoint.url, datasetArn, source], backing);
      // The re-run, in this process, on the fake directly: the derived name (from the ETag) is the same.
      const importer = new DatasetImporter({ transport: backing, roleArn: ROLE_ARN, clock, logger: recordingLogger() });
      await rerunAttaches(importer, clock, backing, datasetArn, source, jobArn);
    } finally {
      await local.close();
    }
  });

  it('through a MemoryTransport served over HTTP: the re-run attaches to the same job', async () => {
    const f = bulkFixture();
    const server = await serveTransport(f.transport);
    try {
      const source = `s3://${BUCKET}/data/interactions.csv`;
      const jobArn = await killWhileWaiting(['rpc', server.url, f.datasetArn, source], f.transport);
      await rerunAttaches(f.importer, f.clock, f.transport, f.datasetArn, source, jobArn);
    } finally {
      await server.close();
    }
  });
});
