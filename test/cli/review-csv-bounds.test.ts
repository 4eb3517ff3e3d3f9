/** Review: issue 7 "input that cannot blow up" for put's CSV reader: the line bound JSONL has is not applied to CSV. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRecords, type SourceRow } from '../../src/cli/read-records.js';

const dir = mkdtempSync(join(tmpdir(), 'review-csv-bounds-'));

async function rows(name: string, text: string): Promise<SourceRow[]> {
  const path = join(dir, name);
  writeFileSync(path, text);
  const out: SourceRow[] = [];
  for await (const row of readRecords(path, undefined, { maxLineBytes: 1024 })) out.push(row);
  return out;
}

describe('readRecords: the line bound', () => {
  it('holds for JSON Lines', async () => {
    const read = await rows('long.jsonl', `{"userId":"${'x'.repeat(100_000)}"}\n{"userId":"u2"}\n`);
    expect(read.map((row) => ('code' in row ? row.code : 'ok'))).toEqual(['LINE_TOO_LONG', 'ok']);
  });

  it('holds for CSV too (a 100 KB cell, and an unclosed quote that swallows 100 KB of rows)', async () => {
    const cell = await rows('long.csv', `userId\n${'x'.repeat(100_000)}\nu2\n`);
    expect(cell.map((row) => ('code' in row ? row.code : 'ok'))).toEqual(['LINE_TOO_LONG', 'ok']);
    const quote = await rows('quote.csv', `userId\nu1\n"u2\n${'u3\n'.repeat(30_000)}`);
    // Today: the quoted "record" grows to the end of the file in memory, and is reported at the last line.
    expect(quote.find((row) => 'code' in row)).toMatchObject({ line: 3 });
  });
});
