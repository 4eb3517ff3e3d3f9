import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
// esbuild comes with tsup (a dev dependency): it bundles the child's TypeScript so that plain `node` runs it.
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportProgressEvent } from '../../src/bulk/progress.js';
import { BUCKET, bulkFixture, settle } from './support/fixture.js';
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
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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

describe('a process killed while it waits', () => {
  it('is re-run and attaches to the same job: one job created in all', async () => {
    const f = bulkFixture();
    const server = await serveTransport(f.transport);
    const source = `s3://${BUCKET}/data/interactions.csv`;
    let child: ChildProcess | undefined;
    try {
      const running = spawn(process.execPath, [childScript, server.url, f.datasetArn, source], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      child = running;
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        running.once('exit', (_code, signal) => resolve(signal)),
      );
      // The job stays CREATE PENDING: the fake's clock only moves when this test moves it.
      const created = await firstEvent(running, (event) => event.phase === 'created');
      await firstEvent(running, (event) => event.phase === 'waiting');
      running.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      expect(f.transport.callsOf('createDatasetImportJob')).toHaveLength(1);

      const rerun = f.importer.importBulk('FULL', { datasetArn: f.datasetArn, source, onProgress: f.onProgress });
      const job = await settle(f.clock, rerun);
      expect(f.events[0]).toMatchObject({ phase: 'attached', jobArn: (created as { jobArn: string }).jobArn });
      expect(job).toMatchObject({ jobArn: (created as { jobArn: string }).jobArn, status: 'ACTIVE' });
      expect(f.transport.callsOf('createDatasetImportJob')).toHaveLength(1);
      expect(f.transport.bulkRows(f.datasetArn)).toHaveLength(1000);
    } finally {
      if (child?.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await server.close();
    }
  });
});
