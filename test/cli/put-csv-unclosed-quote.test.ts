/** issue 7 fault 11 in `put` (not only validateCsv): an unclosed quote in a CSV file. */
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
  dir = mkdtempSync(join(tmpdir(), 'review-quote-'));
  env = fakeTransportHook();
}, 120_000);

describe('put users --file x.csv with an unclosed quote on line 3', () => {
  it('counts the rows it swallows, and the checkpoint does not pass rows that are neither delivered nor recoverable', async () => {
    const input = join(dir, 'users.csv');
    writeFileSync(input, 'userId\nu1\n"u2\nu3\nu4\nu5\n');
    const rejected = join(dir, 'users.rejected.jsonl');
    const checkpoint = join(dir, 'users.checkpoint.json');
    const run = await runCli(
      [
        '--json',
        'put',
        'users',
        '--file',
        input,
        '--dataset-arn',
        USERS,
        '--rejected',
        rejected,
        '--checkpoint',
        checkpoint,
      ],
      { env },
    );
    const result = JSON.parse(run.stdout) as {
      read: number;
      delivered: number;
      stoppedAtLine?: number;
      errors: { line: number; message: string }[];
    };
    const line = (JSON.parse(readFileSync(checkpoint, 'utf8')) as { line: number }).line;
    expect(run.code).toBe(1);
    // The quote opens on line 3; where its record ends cannot be known, so reading stops there and says so.
    expect({
      errorLine: result.errors[0]?.line,
      stoppedAtLine: result.stoppedAtLine,
      delivered: result.delivered,
    }).toEqual({
      errorLine: 3,
      stoppedAtLine: 4,
      delivered: 1,
    });
    expect(result.errors[0]?.message).toMatch(/never closed/);
    // u2..u5 were never sent and are in no file as records: the checkpoint must stay before line 3.
    expect(line).toBeLessThan(3);
  });
});
