/**
 * The whole import flow of examples/local-endpoint/aws-cli-session.sh (shown in docs/local-endpoint.md), the AWS CLI on
 * its defaults with `--endpoint-url`, against `personalize-import serve` started as a subprocess; skipped when `aws`
 * is not installed.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childAwsEnv, hasAwsCli } from './s3-fixture.js';
import { fakeState, interactionsCsvOf, type ServeProcess, startServe } from './serve-process.js';

const run = promisify(execFile);
const script = new URL('../../examples/local-endpoint/aws-cli-session.sh', import.meta.url).pathname;
const ARN = 'arn:aws:personalize:us-east-1:123456789012';

let serve: ServeProcess | undefined;
beforeAll(async () => {
  if (hasAwsCli) serve = await startServe();
}, 120_000);
afterAll(async () => {
  await serve?.stop();
});

describe.skipIf(!hasAwsCli)('the AWS CLI session against `serve`', () => {
  it('builds a domain group, uploads in parts, imports to ACTIVE, puts an event, and reads it all back', async () => {
    const { url, dir } = serve as ServeProcess;
    // Over 8 MB: `aws s3 cp` sends two parts.
    const csv = interactionsCsvOf(8.5 * 1024 * 1024);
    const file = join(dir, 'interactions.csv');
    writeFileSync(file, csv.text);
    const { stdout } = await run('sh', [script, url, file], { env: childAwsEnv(), timeout: 60_000 });
    expect(stdout).toContain('"datasetGroupArn": "arn:aws:personalize:us-east-1:123456789012:dataset-group/movies"');
    expect(stdout).toMatch(/^import job: ACTIVE$/m);
    expect(stdout).toMatch(/^movies-1\tACTIVE$/m);
    expect(stdout).toContain(`{"datasetArn":"${ARN}:dataset/movies/INTERACTIONS","bulkRowCount":${csv.rows}}`);

    const state = await fakeState(url);
    expect(state.datasetGroups).toEqual([expect.objectContaining({ name: 'movies', domain: 'VIDEO_ON_DEMAND' })]);
    expect(state.eventTrackers).toEqual([
      expect.objectContaining({ events: [expect.objectContaining({ eventId: 'e1', itemId: 'item1' })] }),
    ]);
    expect(state.buckets).toEqual([
      {
        name: 'movies-data',
        objects: [{ key: 'interactions.csv', size: csv.text.length, etag: expect.stringMatching(/^[0-9a-f]{32}-2$/) }],
      },
    ]);
    expect(serve?.stderr()).toMatch(/^POST \/movies-data\/interactions\.csv 200 /m);
  }, 60_000);

  // After the session above, on the group and bucket it made.
  it('runs the other calls docs/local-endpoint.md shows, with the answers it shows', async () => {
    const docs = readFileSync(new URL('../../docs/local-endpoint.md', import.meta.url), 'utf8');
    const block = docs.split('Other calls work the same way:')[1]?.split('```sh\n')[1]?.split('```')[0] ?? '';
    const lines = block.split('\n');
    const commands = lines.filter((line) => line.startsWith('aws $E'));
    expect(commands.length).toBeGreaterThanOrEqual(5);
    const env = { ...childAwsEnv(), E: `--endpoint-url ${serve?.url}`, arn: ARN };
    for (const command of commands) {
      // A command followed by comment lines is shown failing with that message.
      const after = lines.slice(lines.indexOf(command) + 1);
      const shown = after.slice(
        0,
        Math.max(
          0,
          after.findIndex((line) => !line.startsWith('# ')),
        ),
      );
      const ran = run('sh', ['-c', command], { env, timeout: 30_000 });
      if (shown.length === 0) {
        await ran;
        continue;
      }
      const message = shown.map((line) => line.slice(2)).join(' ');
      await expect(ran).rejects.toMatchObject({ stderr: expect.stringContaining(message) });
    }
  }, 60_000);

  it('is in docs/local-endpoint.md as it is in examples/', () => {
    const docs = readFileSync(new URL('../../docs/local-endpoint.md', import.meta.url), 'utf8');
    expect(docs).toContain(`\`\`\`sh\n${readFileSync(script, 'utf8')}\`\`\``);
  });
});
