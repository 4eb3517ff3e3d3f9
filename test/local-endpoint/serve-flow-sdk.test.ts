/**
 * The whole import flow of examples/local-endpoint/sdk-session.ts (shown in docs/local-endpoint.md), plain AWS SDK v3
 * clients on their default settings, against `personalize-import serve` started as a subprocess.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSession } from '../../examples/local-endpoint/sdk-session.js';
import { fakeState, interactionsCsvOf, type ServeProcess, startServe } from './serve-process.js';

let serve: ServeProcess;
beforeAll(async () => {
  serve = await startServe();
}, 120_000);
afterAll(async () => {
  await serve?.stop();
});

describe('the SDK v3 session against `serve`', () => {
  it('builds a Custom group, uploads in parts, imports to ACTIVE, puts an event, and reads it all back', async () => {
    // Over 5 MiB: lib-storage's Upload sends two parts.
    const csv = interactionsCsvOf(5.5 * 1024 * 1024);
    const file = join(serve.dir, 'interactions.csv');
    writeFileSync(file, csv.text);
    const seen = await runSession(serve.url, file);
    expect(seen).toMatchObject({
      datasetGroupArn: 'arn:aws:personalize:us-east-1:123456789012:dataset-group/news',
      datasetArn: 'arn:aws:personalize:us-east-1:123456789012:dataset/news/INTERACTIONS',
      etag: expect.stringMatching(/^"[0-9a-f]{32}-2"$/),
      status: 'ACTIVE',
      jobs: [expect.objectContaining({ jobName: 'news-1', status: 'ACTIVE' })],
    });
    const state = await fakeState(serve.url);
    expect(state.datasetGroups).toEqual([expect.objectContaining({ name: 'news' })]);
    expect(state.datasetGroups[0]?.domain).toBeUndefined();
    expect(state.datasets).toEqual([expect.objectContaining({ datasetArn: seen.datasetArn, bulkRowCount: csv.rows })]);
    expect(state.eventTrackers).toEqual([
      expect.objectContaining({
        trackingId: seen.trackingId,
        events: [expect.objectContaining({ eventId: 'e1', itemId: 'item1', sessionId: 's1' })],
      }),
    ]);
    expect(state.buckets).toEqual([
      {
        name: 'news-data',
        objects: [{ key: 'interactions.csv', size: csv.text.length, etag: seen.etag?.replaceAll('"', '') }],
      },
    ]);
    // The request log of --verbose saw the multipart upload and the job's reads.
    const log = serve.stderr();
    expect(log).toMatch(/^POST \/news-data\/interactions\.csv 200 /m);
    expect(log.match(/^PUT \/news-data\/interactions\.csv 200 /gm)).toHaveLength(2);
    expect(log).toMatch(/^DescribeDatasetImportJob 200 /m);
  });

  it('is in docs/local-endpoint.md as it is in examples/', () => {
    const example = readFileSync(new URL('../../examples/local-endpoint/sdk-session.ts', import.meta.url), 'utf8');
    const docs = readFileSync(new URL('../../docs/local-endpoint.md', import.meta.url), 'utf8');
    expect(docs).toContain(`\`\`\`ts\n${example}\`\`\``);
  });
});
