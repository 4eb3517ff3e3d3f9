import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { interactionsSchema } from '../support/schemas.js';
import { ensureBuilt, fakeTransportHook, finished, runCli, startCli, waitForOutput } from './built-cli.js';

const SCHEMA = interactionsSchema;
const GROUP = 'arn:aws:personalize:us-east-1:123456789012:dataset-group/shop';
const INTERACTIONS = 'arn:aws:personalize:us-east-1:123456789012:dataset/shop/INTERACTIONS';
const USERS = 'arn:aws:personalize:us-east-1:123456789012:dataset/shop/USERS';
const ACTIONS = 'arn:aws:personalize:us-east-1:123456789012:dataset/shop/ACTIONS';
const ACTION_INTERACTIONS = 'arn:aws:personalize:us-east-1:123456789012:dataset/shop/ACTION_INTERACTIONS';
const ROLE = 'arn:aws:iam::123456789012:role/PersonalizeS3';

let dir: string;
let hook: Record<string, string>;

function interactionsCsv(rows: number, bad: (row: number) => string | undefined = () => undefined): string {
  const lines = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE'];
  for (let i = 1; i <= rows; i++) lines.push(bad(i) ?? `user-${i % 50},item-${i % 70},${1735689600 + i},View`);
  return `${lines.join('\n')}\n`;
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function json(stdout: string): Record<string, unknown> {
  return JSON.parse(stdout) as Record<string, unknown>;
}

beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'cli-commands-'));
  hook = fakeTransportHook();
  file('schema.json', JSON.stringify(SCHEMA));
  file('good.csv', interactionsCsv(1200));
  file(
    'bad.csv',
    interactionsCsv(1200, (row) => (row === 5 ? `user-5,item-5,${1735689600000 + row},View` : undefined)),
  );
}, 120_000);

describe('usage', () => {
  it('prints help and exits 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Exit codes: 0 success');
    const [help, helpPut] = await Promise.all([runCli(['help']), runCli(['help', 'put'])]);
    expect(help).toMatchObject({ code: 0, stdout: run.stdout });
    expect(helpPut.code).toBe(0);
    expect(helpPut.stdout).toContain('Usage: personalize-import put');
    for (const command of ['validate', 'import', 'put', 'jobs', 'demo', 'serve']) expect(run.stdout).toContain(command);
  });

  it('with no command prints the help on stderr and exits 2; under --json one JSON error document on stdout', async () => {
    const [plain, asJson] = await Promise.all([runCli([]), runCli(['--json'])]);
    expect(plain.code).toBe(2);
    expect(plain.stdout).toBe('');
    expect(plain.stderr).toContain('Usage: personalize-import');
    expect(asJson.code).toBe(2);
    expect(json(asJson.stdout)).toMatchObject({
      ok: false,
      error: { code: 'USAGE', message: expect.stringMatching(/command/) },
    });
    expect(asJson.stderr).toContain('Usage: personalize-import');
  });

  it('--version prints the version; with --json as a JSON document', async () => {
    const [plain, asJson, after] = await Promise.all([
      runCli(['--version']),
      runCli(['--version', '--json']),
      runCli(['--json', '--version']),
    ]);
    expect(plain.code).toBe(0);
    expect(plain.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    for (const run of [asJson, after]) {
      expect(run.code).toBe(0);
      expect(json(run.stdout)).toEqual({ version: plain.stdout.trim() });
    }
  });

  it('never echoes a secret in a usage error, on stderr or in the JSON document', async () => {
    const run = await runCli(['--json', 'put', 'events', '--file', 'x.jsonl', '--rate', 'http://me:hunter2@h']);
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).not.toContain('hunter2');
    expect(json(run.stdout)).toMatchObject({ ok: false, error: { code: 'USAGE' } });
  });

  it('exits 2 on an unknown command, a missing option or a bad choice, with the reason on stderr', async () => {
    const runs = await Promise.all([
      runCli(['frobnicate']),
      runCli(['validate', 'x.csv', '--dataset-type', 'Interactions']),
      runCli(['import', '--mode', 'SOMETIMES', '--role-arn', ROLE]),
      runCli(['put', 'events', '--file', 'x.jsonl', '--close-timeout', 'soon']),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/error: /);
    }
    expect(runs[1]?.stderr).toContain('--schema');
    expect(runs[2]?.stderr).toContain('FULL, INCREMENTAL');
  });

  it('exits 2, with one JSON document on stdout under --json, when a command lacks what it needs', async () => {
    const run = await runCli(['--json', 'put', 'events', '--file', file('one.jsonl', '{}\n')]);
    expect(run.code).toBe(2);
    expect(json(run.stdout)).toMatchObject({ ok: false, error: { code: 'INVALID_OPTIONS' } });
    expect(run.stderr).toContain('--tracking-id');
  });
});

describe('validate', () => {
  /** `validate <file> --schema schema.json --dataset-type Interactions`, on files of the suite's folder. */
  const validateArgs = (file: string) => [
    'validate',
    join(dir, file),
    '--schema',
    join(dir, 'schema.json'),
    '--dataset-type',
    'Interactions',
  ];

  it('exits 0 on a valid file; --json stdout parses; progress goes to stderr when it is not a terminal', async () => {
    const run = await runCli(['--json', ...validateArgs('good.csv')]);
    expect(run.code).toBe(0);
    expect(json(run.stdout)).toMatchObject({ ok: true, valid: true, rows: 1200, errors: [] });
    expect(run.stderr).toMatch(/^validate: 100% \| [\d.]+ [KM]?B\/s \| 1,200 rows$/m);
  });

  it('exits 1 on an invalid file and names the line, the column and the code', async () => {
    const run = await runCli([...validateArgs('bad.csv')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('INVALID, 1 error(s) in 1,200 rows');
    expect(run.stdout).toMatch(/error line 6, column TIMESTAMP: TIMESTAMP_IN_MILLISECONDS/);
  });

  it('--quiet leaves stderr empty', async () => {
    const run = await runCli(['--quiet', ...validateArgs('good.csv')]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('exits 1 with one clear line when the file does not exist', async () => {
    const run = await runCli([...validateArgs('missing.csv')]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/missing\.csv.*check the path/);
  });
});

describe('put', () => {
  it('delivers, reports invalid and service-rejected records by line, writes them to --rejected, and exits 1', async () => {
    const records = file(
      'events.jsonl',
      [
        '{"sessionId":"s1","userId":"u1","eventType":"click","itemId":"i1","sentAt":"2025-01-01T10:00:00Z","properties":{"numRatings":3}}',
        '{"sessionId":"s1","userId":"u1","eventType":"click","itemId":"bad-item","sentAt":1735725600}',
        'not json',
        '{"sessionId":"","eventType":"click","sentAt":1735725600000}',
        '{"sessionId":"s2","eventType":"view","sentAt":1735725600000}',
      ].join('\n'),
    );
    const rejected = join(dir, 'rejected.jsonl');
    const run = await runCli(
      ['--json', 'put', 'events', '--file', records, '--tracking-id', 'shop-tracker', '--rejected', rejected],
      { env: hook },
    );
    expect(run.code).toBe(1);
    expect(json(run.stdout)).toMatchObject({
      ok: false,
      kind: 'events',
      read: 5,
      delivered: 2,
      invalid: 2,
      rejected: 1,
      undelivered: 0,
    });
    const lines = readFileSync(rejected, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => [line.line, line.code])).toEqual([
      [3, 'UNREADABLE'],
      [4, 'RECORD_VALIDATION'],
      [2, 'INVALID_INPUT'],
    ]);
    expect(lines[2]?.record).toMatchObject({ itemId: 'bad-item', sentAt: '2025-01-01T10:00:00.000Z' });
    // Error lines name the line and the field, but not the record's contents (no --verbose).
    expect(run.stderr).toMatch(/line 4: RECORD_VALIDATION: .*`sessionId`/);
    expect(run.stderr).not.toContain('not json');
  });

  it('sends a fixed --rejected file as it is, and exits 0 when everything is delivered', async () => {
    const fixed = file(
      'fixed.jsonl',
      `${JSON.stringify({ line: 2, kind: 'event', code: 'INVALID_INPUT', message: 'x', record: { sessionId: 's1', eventType: 'click', itemId: 'good-item', sentAt: '2025-01-01T10:00:00.000Z' } })}\n`,
    );
    const run = await runCli(['--json', 'put', 'events', '--file', fixed, '--tracking-id', 'shop-tracker'], {
      env: hook,
    });
    expect(run.code).toBe(0);
    expect(json(run.stdout)).toMatchObject({ ok: true, read: 1, delivered: 1 });
  });

  it('reads CSV with a header of field names, properties as JSON', async () => {
    const csv = file('users.csv', 'userId,properties\nu1,"{""tier"":""gold""}"\nu2,\n');
    const run = await runCli(['--json', 'put', 'users', '--file', csv, '--dataset-arn', USERS], { env: hook });
    expect(run.code).toBe(0);
    expect(json(run.stdout)).toMatchObject({ ok: true, kind: 'users', read: 2, delivered: 2 });
  });

  it('puts actions, and action interactions under the tracking id it looks up from --dataset-arn', async () => {
    const actions = file('actions.jsonl', '{"actionId":"a1","properties":{"value":5}}\n{"actionId":"a2"}\n');
    const first = await runCli(['--json', 'put', 'actions', '--file', actions, '--dataset-arn', ACTIONS], {
      env: hook,
    });
    expect(first.code).toBe(0);
    expect(json(first.stdout)).toMatchObject({ ok: true, kind: 'actions', delivered: 2 });
    const taken = file(
      'taken.csv',
      'actionId,sessionId,eventType,timestamp,userId\na1,s1,Taken,2025-01-01T10:00:00Z,u1\n',
    );
    const args = ['--json', 'put', 'action-interactions', '--file', taken, '--dataset-arn', ACTION_INTERACTIONS];
    const second = await runCli(args, { env: hook });
    expect(second.code).toBe(0);
    expect(json(second.stdout)).toMatchObject({ ok: true, kind: 'actionInteractions', delivered: 1 });
  });

  it('on Ctrl-C closes the writer, reports what was not delivered and exits 130', async () => {
    const records = file('slow.jsonl', ['{"bad":1}', '{"userId":"u1"}', '{"userId":"u2"}'].join('\n'));
    const child = startCli(
      ['--json', 'put', 'users', '--file', records, '--dataset-arn', USERS, '--close-timeout', '50'],
      {
        env: { ...hook, FAKE_LATENCY_MS: '60000' },
      },
    );
    const done = finished(child);
    // Line 1 is invalid: its warning shows the file is being read; the two users then hang in a slow call.
    if (child.stderr) await waitForOutput(child.stderr, /line 1: RECORD_VALIDATION/);
    child.kill('SIGINT');
    const run = await done;
    expect(run.code).toBe(130);
    const result = json(run.stdout) as { undelivered: number; stoppedAtLine?: number };
    expect(result).toMatchObject({ ok: false, interrupted: true, delivered: 0, invalid: 1 });
    // Each of the two users is either undelivered (the close deadline aborted its call) or was never read.
    const unread = result.stoppedAtLine === undefined ? 0 : 3 - result.stoppedAtLine + 1;
    expect(result.undelivered + unread).toBe(2);
    expect(result.undelivered).toBeGreaterThanOrEqual(1);
  });
});

describe('import and jobs', () => {
  it('imports a local file: validates, uploads, starts the job, waits, and prints the ACTIVE job', async () => {
    const args = [
      '--json',
      'import',
      '--mode',
      'FULL',
      '--dataset-arn',
      INTERACTIONS,
      '--file',
      join(dir, 'good.csv'),
      '--bucket',
      'shop-bucket',
      '--role-arn',
      ROLE,
      '--poll-interval',
      '10',
    ];
    const run = await runCli(args, { env: hook });
    expect(run.code).toBe(0);
    expect(json(run.stdout)).toMatchObject({
      ok: true,
      status: 'ACTIVE',
      importMode: 'FULL',
      datasetArn: INTERACTIONS,
    });
    expect(run.stderr).toContain('validating');
    expect(run.stderr).toContain('job ACTIVE');
  });

  it('refuses an invalid local file before any upload, exit 1 with the first error', async () => {
    const args = [
      'import',
      '--mode',
      'FULL',
      '--dataset-arn',
      INTERACTIONS,
      '--file',
      join(dir, 'bad.csv'),
      '--bucket',
      'shop-bucket',
      '--role-arn',
      ROLE,
    ];
    const run = await runCli(args, { env: hook });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/the CSV is invalid: 1 error, the first at line 6, column TIMESTAMP/);
  });

  it('exits 1 with the job ARN and reason when the job fails', async () => {
    const args = [
      '--json',
      'import',
      '--mode',
      'FULL',
      '--dataset-group-arn',
      GROUP,
      '--dataset-type',
      'Interactions',
      '--source',
      's3://shop-bucket/earlier.csv',
      '--role-arn',
      ROLE,
      '--poll-interval',
      '10',
    ];
    const run = await runCli(args, { env: { ...hook, FAKE_FAIL_NEXT_JOB: 'Access denied to the bucket' } });
    expect(run.code).toBe(1);
    expect(json(run.stdout)).toMatchObject({
      ok: false,
      error: { code: 'IMPORT_JOB_FAILED', failureReason: 'Access denied to the bucket' },
    });
    expect(run.stderr).toMatch(/dataset-import-job\/.*Access denied to the bucket/);
  });

  it('--no-wait returns the started job', async () => {
    const args = [
      '--json',
      'import',
      '--mode',
      'FULL',
      '--dataset-arn',
      INTERACTIONS,
      '--source',
      's3://shop-bucket/earlier.csv',
      '--role-arn',
      ROLE,
      '--no-wait',
      '--job-name',
      'nowait',
    ];
    const run = await runCli(args, { env: hook });
    expect(run.code).toBe(0);
    expect(json(run.stdout)).toMatchObject({ ok: true, jobName: 'nowait', attached: false });
  });

  it('on Ctrl-C while waiting, exits 130 and prints the ARN of the job that keeps running', async () => {
    const args = [
      '--json',
      'import',
      '--mode',
      'FULL',
      '--dataset-arn',
      INTERACTIONS,
      '--source',
      's3://shop-bucket/earlier.csv',
      '--role-arn',
      ROLE,
      '--job-name',
      'slow',
      '--poll-interval',
      '10',
    ];
    const child = startCli(args, { env: { ...hook, FAKE_JOB_MS: '600000' } });
    const done = finished(child);
    if (child.stderr) await waitForOutput(child.stderr, /job started/);
    child.kill('SIGINT');
    const run = await done;
    expect(run.code).toBe(130);
    expect(json(run.stdout)).toMatchObject({
      interrupted: true,
      jobArn: expect.stringContaining('dataset-import-job/slow'),
    });
  });

  it('jobs list, describe and wait', async () => {
    const env = { ...hook, FAKE_EARLIER_JOB: '1' };
    const list = await runCli(
      ['--json', 'jobs', 'list', '--dataset-group-arn', GROUP, '--dataset-type', 'Interactions'],
      { env },
    );
    expect(list.code).toBe(0);
    const jobs = json(list.stdout).jobs as { jobArn: string; jobName: string }[];
    expect(jobs.map((job) => job.jobName)).toEqual(['earlier-full']);
    const arn = jobs[0]?.jobArn ?? '';
    const describe = await runCli(['--json', 'jobs', 'describe', arn], { env });
    expect(describe.code).toBe(0);
    expect(json(describe.stdout)).toMatchObject({ job: { jobArn: arn, dataLocation: 's3://shop-bucket/earlier.csv' } });
    const wait = await runCli(['--json', 'jobs', 'wait', arn, '--poll-interval', '10'], { env });
    expect(wait.code).toBe(0);
    expect(json(wait.stdout)).toMatchObject({ job: { status: 'ACTIVE' } });
    const missing = await runCli(['jobs', 'describe', `${arn}-nope`], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/check the ARN/);
  });
});

describe('demo', () => {
  it('runs the whole story in seconds, exit 0, one JSON document with --json', async () => {
    const run = await runCli(['--json', 'demo']);
    expect(run.code).toBe(0);
    const result = json(run.stdout);
    expect(result).toMatchObject({
      ok: true,
      validation: { validFileValid: true, brokenFileErrors: 2 },
      imports: [
        { importMode: 'FULL', status: 'ACTIVE' },
        { importMode: 'INCREMENTAL', status: 'ACTIVE' },
      ],
      bulkRows: 2500,
      refusedLocally: 1,
      undelivered: 0,
    });
    expect(result.rejected).toHaveLength(4);
    expect(result.delivered).toMatchObject({ events: 598, users: 59, items: 79 });
    expect(run.stderr).toContain('5. Live records');
  });
});
