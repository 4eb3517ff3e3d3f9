import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt, fakeTransportHook, finished, ROOT, runCli } from './built-cli.js';

const USERS = 'arn:aws:personalize:us-east-1:123456789012:dataset/shop/USERS';

let dir: string;
let hook: Record<string, string>;

function file(name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function json(stdout: string): Record<string, unknown> {
  return JSON.parse(stdout) as Record<string, unknown>;
}

function users(count: number): string {
  return Array.from({ length: count }, (_, i) => JSON.stringify({ userId: `u${i + 1}` })).join('\n');
}

beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'put-files-'));
  hook = fakeTransportHook();
}, 120_000);

describe('put: the files it writes (faults 1, 2)', () => {
  it('refuses --rejected that is the input file, with exit 2, and leaves the input whole', async () => {
    const input = file('same.jsonl', `${users(3)}\n`);
    const before = readFileSync(input, 'utf8');
    const run = await runCli(
      ['--json', 'put', 'users', '--file', input, '--dataset-arn', USERS, '--rejected', join(dir, '.', 'same.jsonl')],
      { env: hook },
    );
    expect(run.code).toBe(2);
    expect(json(run.stdout)).toMatchObject({ ok: false, error: { code: 'INVALID_OPTIONS' } });
    expect(run.stderr).toContain('--rejected');
    expect(readFileSync(input, 'utf8')).toBe(before);
  });

  it('refuses a --checkpoint that is the input file or the --rejected file', async () => {
    const input = file('same-checkpoint.jsonl', `${users(3)}\n`);
    const before = readFileSync(input, 'utf8');
    const rejected = join(dir, 'same-checkpoint.rejected.jsonl');
    const runs = await Promise.all([
      runCli(['put', 'users', '--file', input, '--dataset-arn', USERS, '--checkpoint', input], { env: hook }),
      runCli(
        ['put', 'users', '--file', input, '--dataset-arn', USERS, '--rejected', rejected, '--checkpoint', rejected],
        { env: hook },
      ),
    ]);
    expect(runs.map((run) => run.code)).toEqual([2, 2]);
    expect(runs[0]?.stderr).toMatch(/--checkpoint .* is the same file as --file/);
    expect(runs[1]?.stderr).toMatch(/--checkpoint .* is the same file as --rejected/);
    expect(readFileSync(input, 'utf8')).toBe(before);
  });

  it('refuses a --rejected file in a directory that does not exist, before sending anything', async () => {
    const input = file('few.jsonl', `${users(3)}\n`);
    const missing = join(dir, 'no-such-dir', 'rejected.jsonl');
    const run = await runCli(
      ['--json', 'put', 'users', '--file', input, '--dataset-arn', USERS, '--rejected', missing],
      { env: hook },
    );
    expect(run.code).toBe(2);
    expect(json(run.stdout)).toMatchObject({ ok: false, error: { code: 'INVALID_OPTIONS' } });
    expect(run.stderr).toContain(missing);
  });

  it('on a write failure of --rejected still reports what was delivered, names the file, and exits 1', async () => {
    const input = file('some-bad.jsonl', `{"bad":1}\n${users(30)}\n`);
    const run = await runCli(
      ['--json', 'put', 'users', '--file', input, '--dataset-arn', USERS, '--rejected', '/dev/full'],
      { env: hook },
    );
    expect(run.code).toBe(1);
    const result = json(run.stdout);
    expect(result).toMatchObject({ ok: false, delivered: 30, invalid: 1 });
    expect(result.rejectedFileError).toMatch(/\/dev\/full/);
    expect(run.stderr).toContain('/dev/full');
  });
});

describe('put: what it reads (faults 5, 11, 18)', () => {
  it('refuses a CSV whose header repeats a column, naming it, and sends nothing', async () => {
    const csv = file('dup.csv', 'userId,properties,userId\nu1,,u2\n');
    const run = await runCli(['--json', 'put', 'users', '--file', csv, '--dataset-arn', USERS], { env: hook });
    expect(run.code).toBe(1);
    const result = json(run.stdout);
    expect(result).toMatchObject({ ok: false, error: { code: 'RECORDS_FILE_INVALID' } });
    expect(JSON.stringify(result)).toContain('`userId`');
  });

  it('refuses a CSV whose header has an empty column name', async () => {
    const csv = file('empty-col.csv', 'userId,,properties\nu1,x,\n');
    const run = await runCli(['--json', 'put', 'users', '--file', csv, '--dataset-arn', USERS], { env: hook });
    expect(run.code).toBe(1);
    expect(json(run.stdout)).toMatchObject({ ok: false, error: { code: 'RECORDS_FILE_INVALID' } });
    expect(run.stderr).toMatch(/column 2/);
  });

  it('writes CSV rows refused here to --rejected as JSON lines that put reads back', async () => {
    const csv = file('refused.csv', 'userId,properties\nu1,{},extra\nu2,\n');
    const rejected = join(dir, 'refused-rejected.jsonl');
    const run = await runCli(
      ['--json', 'put', 'users', '--file', csv, '--dataset-arn', USERS, '--rejected', rejected],
      { env: hook },
    );
    expect(run.code).toBe(1);
    const lines = readFileSync(rejected, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    expect(entry).toMatchObject({
      line: 2,
      code: 'UNREADABLE',
      csv: true,
      record: { userId: 'u1', properties: '{}', 'column 3': 'extra' },
    });
    // Fixed (the stray cell taken out), the rejected file is a valid input of `put`, its cells read as CSV cells.
    const fixed = file(
      'refused-fixed.jsonl',
      `${JSON.stringify({ ...entry, record: { userId: 'u1', properties: '{"tier":"gold"}' } })}\n`,
    );
    const again = await runCli(['--json', 'put', 'users', '--file', fixed, '--dataset-arn', USERS], { env: hook });
    expect(json(again.stdout)).toMatchObject({ ok: true, delivered: 1 });
    expect(again.code).toBe(0);
  });

  it('reads a JSONL file that starts with a UTF-8 byte-order mark', async () => {
    const input = file('bom.jsonl', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${users(2)}\n`)]));
    const run = await runCli(['--json', 'put', 'users', '--file', input, '--dataset-arn', USERS], { env: hook });
    expect(run.code).toBe(0);
    expect(json(run.stdout)).toMatchObject({ ok: true, read: 2, delivered: 2 });
  });
});

describe('put: idempotent re-runs (fault 3)', () => {
  const events = (count: number) =>
    Array.from({ length: count }, (_, i) =>
      JSON.stringify({
        sessionId: 's1',
        eventType: 'click',
        itemId: i % 2 === 0 ? 'bad-item' : `i${i}`,
        sentAt: 1735725600 + i,
      }),
    ).join('\n');

  it('gives an event without an eventId the same id on every run of the same file', async () => {
    const input = file('no-ids.jsonl', `${events(4)}\n`);
    const idsOfRun = async (n: number) => {
      const rejected = join(dir, `no-ids-rejected-${n}.jsonl`);
      const args = [
        '--json',
        'put',
        'events',
        '--file',
        input,
        '--tracking-id',
        'shop-tracker',
        '--rejected',
        rejected,
      ];
      const run = await runCli(args, { env: hook });
      expect(json(run.stdout)).toMatchObject({ delivered: 2, rejected: 2 });
      return readFileSync(rejected, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { line: number; record: { eventId: string } })
        .map((entry) => [entry.line, entry.record.eventId]);
    };
    const first = await idsOfRun(1);
    expect(first.map(([line]) => line)).toEqual([1, 3]);
    for (const [, id] of first) expect(String(id).length).toBeLessThanOrEqual(256);
    expect(await idsOfRun(2)).toEqual(first);
  });

  it('keeps the derived eventId on an event refused here, so a resend of --rejected (even twice) is one event', async () => {
    const input = file('refused-here.jsonl', `${events(1)}\n{"sessionId":"s","eventType":"","sentAt":1735725600}\n`);
    const rejected = join(dir, 'refused-here-rejected.jsonl');
    const args = ['--json', 'put', 'events', '--file', input, '--tracking-id', 'shop-tracker', '--rejected', rejected];
    const run = await runCli(args, { env: hook });
    expect(json(run.stdout)).toMatchObject({ invalid: 1 });
    const entries = readFileSync(rejected, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { line: number; code: string; record: { eventId?: string } });
    const refused = entries.find((entry) => entry.code === 'RECORD_VALIDATION');
    expect(refused?.line).toBe(2);
    expect(refused?.record.eventId).toMatch(/^pi-[0-9a-f]{32}-2$/);
  });

  it('with --checkpoint records the last line delivered, and a re-run resumes after it and sends nothing again', async () => {
    const input = file('checkpointed.jsonl', `${users(25)}\n`);
    const checkpoint = join(dir, 'checkpointed.checkpoint.json');
    const args = ['--json', 'put', 'users', '--file', input, '--dataset-arn', USERS, '--checkpoint', checkpoint];
    const first = await runCli(args, { env: hook });
    expect(first.code).toBe(0);
    expect(json(first.stdout)).toMatchObject({ ok: true, read: 25, delivered: 25, checkpoint: { line: 25 } });
    expect(JSON.parse(readFileSync(checkpoint, 'utf8'))).toMatchObject({ version: 1, line: 25 });
    const again = await runCli(args, { env: hook });
    expect(again.code).toBe(0);
    expect(json(again.stdout)).toMatchObject({ ok: true, read: 0, delivered: 0, resumedAfterLine: 25, skipped: 25 });
  });

  it('moves the checkpoint past a rejected record only once it is in --rejected', async () => {
    const input = file('checkpoint-rejected.jsonl', `${events(4)}\n`);
    const base = ['--json', 'put', 'events', '--file', input, '--tracking-id', 'shop-tracker'];
    const kept = await runCli(
      [...base, '--checkpoint', join(dir, 'cr-1.json'), '--rejected', join(dir, 'cr-rejected.jsonl')],
      { env: hook },
    );
    expect(json(kept.stdout)).toMatchObject({ rejected: 2, checkpoint: { line: 4 } });
    const notKept = await runCli([...base, '--checkpoint', join(dir, 'cr-2.json')], { env: hook });
    // Line 1 was rejected and is nowhere but in this run's output: a re-run must send it again.
    expect(json(notKept.stdout)).toMatchObject({ rejected: 2, checkpoint: { line: 0 } });
  });

  it('refuses the checkpoint of another file', async () => {
    const checkpoint = join(dir, 'other.checkpoint.json');
    const one = file('one-file.jsonl', `${users(2)}\n`);
    const other = file('other-file.jsonl', `${users(3)}\n`);
    const run = (path: string) =>
      runCli(['--json', 'put', 'users', '--file', path, '--dataset-arn', USERS, '--checkpoint', checkpoint], {
        env: hook,
      });
    expect((await run(one)).code).toBe(0);
    const refused = await run(other);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/checkpoint of another file/);
  });
});

describe('put: no region (fault 6, the CLI part)', () => {
  it('stops before reading the file when no region is set, as jobs does, with the advice', async () => {
    const input = file('no-region.jsonl', `${users(30)}\n`);
    const home = mkdtempSync(join(tmpdir(), 'put-no-region-home-'));
    const child = spawn(process.execPath, [CLI, '--json', 'put', 'users', '--file', input, '--dataset-arn', USERS], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      // No region anywhere: not in the environment, not in a config file.
      env: {
        PATH: process.env.PATH,
        HOME: home,
        AWS_CONFIG_FILE: join(home, 'none'),
        AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'),
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    });
    const run = await finished(child);
    expect(run.code).toBe(1);
    const result = json(run.stdout);
    expect(result).toMatchObject({ ok: false, error: { code: 'FATAL' } });
    expect(result).not.toHaveProperty('read');
    expect(run.stderr).toMatch(/Region is missing.*--region or AWS_REGION/i);
  });
});

describe('put: a stream as --file', () => {
  it('reads a named pipe once (no content pre-pass to eat it), and refuses --checkpoint on one', async () => {
    const fifo = join(dir, 'records.fifo');
    execFileSync('mkfifo', [fifo]);
    const args = ['--json', 'put', 'users', '--file', fifo, '--dataset-arn', USERS];
    const done = runCli(args, { env: hook });
    // Opening the write end waits for the CLI to open the read end.
    writeFileSync(fifo, `${users(3)}\n`);
    const run = await done;
    expect(json(run.stdout)).toMatchObject({ ok: true, read: 3, delivered: 3 });
    const refused = await runCli([...args, '--checkpoint', join(dir, 'fifo.checkpoint.json')], { env: hook });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--checkpoint needs --file to be a regular file/);
  });
});
