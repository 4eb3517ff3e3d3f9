import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionInteractionsSchema, interactionsSchema } from '../transport/memory-fixtures.js';
import { type CliRun, ensureBuilt, finished, runCli, startCli, waitForOutput } from './built-cli.js';

// `serve --state` as a user starts it: the built CLI in a subprocess, its one JSON line read from stdout.
let dir: string;

beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'serve-state-'));
}, 120_000);

interface Serving {
  line: Record<string, unknown> & { url: string };
  stop(): Promise<CliRun>;
  stderr: () => string;
}

async function serve(args: string[]): Promise<Serving> {
  const child = startCli(['serve', ...args]);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const done = finished(child);
  const stdout = child.stdout ? await waitForOutput(child.stdout, /\n/) : '';
  return {
    line: JSON.parse(stdout),
    stop: () => {
      child.kill('SIGINT');
      return done;
    },
    stderr: () => stderr,
  };
}

describe('serve --state', () => {
  let serving: Serving;
  let stateFile: string;

  beforeAll(async () => {
    writeFileSync(join(dir, 'users.csv'), 'USER_ID,MEMBERSHIP\nu1,gold\n');
    stateFile = join(dir, 'state.json');
    writeFileSync(
      stateFile,
      JSON.stringify({
        datasetGroups: [{ name: 'shop' }, { name: 'vod', domain: 'VIDEO_ON_DEMAND' }],
        schemas: [{ name: 'shop-interactions', schema: interactionsSchema }],
        datasets: [
          { datasetGroup: 'shop', datasetType: 'Interactions', schema: 'shop-interactions' },
          {
            datasetGroup: 'shop',
            datasetType: 'Action_Interactions',
            schema: actionInteractionsSchema,
            trackingId: 'ai-1',
          },
        ],
        eventTrackers: [{ datasetGroup: 'shop', trackingId: 'shop-events' }],
        objects: [
          { location: 's3://data/inline.csv', text: 'USER_ID\nu1\n' },
          { location: 's3://data/users.csv', file: 'users.csv' },
        ],
      }),
    );
    serving = await serve(['--state', stateFile, '--verbose']);
  }, 60_000);

  afterAll(async () => {
    await serving?.stop();
  });

  it('prints one line of JSON with the URL and every ARN and chosen tracking id', () => {
    const arn = 'arn:aws:personalize:us-east-1:123456789012';
    expect(serving.line).toMatchObject({
      ok: true,
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      datasetGroupArn: `${arn}:dataset-group/shop`,
      trackingId: 'shop-events',
      actionInteractionsTrackingId: 'ai-1',
      datasetGroups: [
        { name: 'shop', datasetGroupArn: `${arn}:dataset-group/shop` },
        { name: 'vod', datasetGroupArn: `${arn}:dataset-group/vod`, domain: 'VIDEO_ON_DEMAND' },
      ],
      datasetList: [
        { datasetType: 'Interactions', datasetArn: `${arn}:dataset/shop/INTERACTIONS` },
        {
          datasetType: 'Action_Interactions',
          datasetArn: `${arn}:dataset/shop/ACTION_INTERACTIONS`,
          trackingId: 'ai-1',
        },
      ],
      eventTrackers: [{ trackingId: 'shop-events', eventTrackerArn: expect.stringMatching(/:event-tracker\/\w+$/) }],
    });
    expect(serving.line.schemas).toContainEqual({
      name: 'shop-interactions',
      schemaArn: `${arn}:schema/shop-interactions`,
    });
  });

  it('serves what the file set up, and /_fake/state shows it, objects listed without bodies', async () => {
    const res = await fetch(`${serving.line.url}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        trackingId: 'shop-events',
        sessionId: 's1',
        eventList: [{ eventType: 'click', sentAt: 1_700_000_000, eventId: 'e1', itemId: 'i1' }],
      }),
    });
    expect(res.status).toBe(200);
    const state = (await (await fetch(`${serving.line.url}/_fake/state`)).json()) as Record<string, unknown>;
    expect(state.eventTrackers).toEqual([
      expect.objectContaining({ trackingId: 'shop-events', events: [expect.objectContaining({ eventId: 'e1' })] }),
    ]);
    expect(state.buckets).toEqual([
      {
        name: 'data',
        objects: [
          { key: 'inline.csv', size: 11, etag: expect.any(String) },
          { key: 'users.csv', size: 27, etag: expect.any(String) },
        ],
      },
    ]);
  });

  it('--verbose logs one line per request on stderr: operation, status, error name, ms', async () => {
    await fetch(`${serving.line.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonPersonalize.DescribeDataset' },
      body: JSON.stringify({ datasetArn: 'arn:aws:personalize:us-east-1:123456789012:dataset/none/USERS' }),
    });
    await expect.poll(() => serving.stderr()).toMatch(/^DescribeDataset 400 ResourceNotFoundException [\d.]+ms$/m);
    expect(serving.stderr()).toMatch(/^PutEvents 200 [\d.]+ms$/m);
    expect(serving.stderr()).toMatch(/^GET \/_fake\/state 200 [\d.]+ms$/m);
  });
});

describe('serve', () => {
  it('prints the tracking id of an Action_Interactions dataset apart from the event tracker’s', async () => {
    const serving = await serve(['--datasets', 'Interactions,Action_Interactions']);
    try {
      const { trackingId, actionInteractionsTrackingId, url } = serving.line as Record<string, string>;
      expect(actionInteractionsTrackingId).toMatch(/\S/);
      expect(actionInteractionsTrackingId).not.toBe(trackingId);
      // The printed id is the one PutActionInteractions takes.
      const res = await fetch(`${url}/action-interactions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          trackingId: actionInteractionsTrackingId,
          actionInteractions: [{ actionId: 'a1', sessionId: 's1', eventType: 'Taken', timestamp: 1_700_000_000 }],
        }),
      });
      expect(res.status).toBe(200);
    } finally {
      await serving.stop();
    }
  }, 60_000);

  it.each([
    [{ datasetGroups: [{ name: 'g', domain: 'RETAIL' }] }, /datasetGroups\[0\]\.domain: /],
    [
      { datasets: [{ datasetGroup: 'nope', datasetType: 'Users', schema: {} }] },
      /datasets\[0\]\.datasetGroup: no entry/,
    ],
    [{ objects: [{ location: 's3://b/k', text: 'x', file: 'y' }] }, /objects\[0\]: must have `text` or `file`/],
    [{ datasetGroups: [{ name: 'bad name' }] }, /datasetGroups\[0\]: .*name/],
  ])(
    'refuses a bad state file naming the entry and field: %j',
    async (state, message) => {
      const file = join(dir, `bad-${Math.random().toString(36).slice(2)}.json`);
      writeFileSync(file, JSON.stringify(state));
      const run = await runCli(['serve', '--state', file]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe('');
    },
    60_000,
  );
});
