/** A hostile JSONL line (a deeply nested value, 600 KB, under the line bound) with --rejected. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, fakeTransportHook, runCli } from './built-cli.js';

const USERS = 'arn:aws:personalize:us-east-1:123456789012:dataset/shop/USERS';
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'review-deep-'));
  env = fakeTransportHook();
}, 120_000);

describe('put with a 100,000-deep JSON value on line 2', () => {
  it('refuses that line, delivers the others, and reports (no stack overflow)', async () => {
    const depth = 100_000;
    const deep = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const input = join(dir, 'deep.jsonl');
    writeFileSync(input, `{"userId":"u0"}\n{"userId":"u1","x":${deep}}\n{"userId":"u2"}\n`);
    const rejected = join(dir, 'deep.rejected.jsonl');
    const run = await runCli(
      ['--json', 'put', 'users', '--file', input, '--dataset-arn', USERS, '--rejected', rejected],
      {
        env,
      },
    );
    expect(run.stderr).not.toMatch(/Maximum call stack/);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, read: 3, delivered: 2, invalid: 1 });
    const entries = readFileSync(rejected, 'utf8').trim().split('\n');
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0] as string)).toMatchObject({ line: 2, code: 'RECORD_VALIDATION' });
  });
});
