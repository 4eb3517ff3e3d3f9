/**
 * The whole import flow of examples/local-endpoint/boto3_session.py (shown in docs/local-endpoint.md), boto3 on its
 * defaults with `endpoint_url`, against `personalize-import serve` started as a subprocess; skipped when python3 has
 * no boto3.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childAwsEnv, hasBoto3 } from './s3-fixture.js';
import { fakeState, interactionsCsvOf, type ServeProcess, startServe } from './serve-process.js';

const run = promisify(execFile);
const script = new URL('../../examples/local-endpoint/boto3_session.py', import.meta.url).pathname;

let serve: ServeProcess | undefined;
beforeAll(async () => {
  if (hasBoto3) serve = await startServe();
}, 120_000);
afterAll(async () => {
  await serve?.stop();
});

describe.skipIf(!hasBoto3)('the boto3 session against `serve`', () => {
  it('builds a domain group, uploads in parts, imports to ACTIVE, puts an event, and reads it all back', async () => {
    const { url, dir } = serve as ServeProcess;
    // Over 5 MiB: upload_file with parts of 5 MiB sends two.
    const csv = interactionsCsvOf(5.5 * 1024 * 1024);
    const file = join(dir, 'interactions.csv');
    writeFileSync(file, csv.text);
    const { stdout } = await run('python3', [script, url, file], { env: childAwsEnv(), timeout: 60_000 });
    const seen = JSON.parse(stdout);
    expect(seen).toEqual({
      status: 'ACTIVE',
      trackingId: expect.any(String),
      etag: expect.stringMatching(/^"[0-9a-f]{32}-2"$/),
      jobs: ['shop-1'],
      bulkRowCount: csv.rows,
    });
    const state = await fakeState(url);
    expect(state.datasetGroups).toEqual([expect.objectContaining({ name: 'shop', domain: 'ECOMMERCE' })]);
    expect(state.eventTrackers).toEqual([
      expect.objectContaining({
        trackingId: seen.trackingId,
        events: [expect.objectContaining({ eventId: 'e1', eventType: 'purchase', sessionId: 's1' })],
      }),
    ]);
    expect(state.importJobs).toEqual([expect.objectContaining({ jobName: 'shop-1', status: 'ACTIVE' })]);
  }, 60_000);

  it('is in docs/local-endpoint.md as it is in examples/', () => {
    const docs = readFileSync(new URL('../../docs/local-endpoint.md', import.meta.url), 'utf8');
    expect(docs).toContain(`\`\`\`python\n${readFileSync(script, 'utf8')}\`\`\``);
  });
});
