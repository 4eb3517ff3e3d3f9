import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatOf, readRecords, type SourceRow } from '../../src/cli/read-records.js';

const dir = mkdtempSync(join(tmpdir(), 'read-records-'));

async function rows(name: string, text: string): Promise<SourceRow[]> {
  const path = join(dir, name);
  writeFileSync(path, text);
  const out: SourceRow[] = [];
  for await (const row of readRecords(path)) out.push(row);
  return out;
}

describe('readRecords', () => {
  it('reads JSON Lines with line numbers, skipping blank lines, and keeps going past a bad line', async () => {
    const read = await rows('a.jsonl', '{"userId":"u1"}\r\n\n[1]\n{oops\n{"userId":"u2"}');
    expect(read.map((row) => ('error' in row ? [row.line, row.error] : [row.line, row.fields]))).toEqual([
      [1, { userId: 'u1' }],
      [3, 'is not a JSON object'],
      [4, 'is not valid JSON'],
      [5, { userId: 'u2' }],
    ]);
  });

  it('unwraps lines of a --rejected file to their record', async () => {
    const line = { line: 9, kind: 'user', code: 'INVALID_INPUT', message: 'm', record: { userId: 'u9' } };
    const [row] = await rows('rejected.jsonl', `${JSON.stringify(line)}\n`);
    expect(row).toMatchObject({ line: 1, fields: { userId: 'u9' } });
  });

  it('reads CSV by its header, with quoted fields spanning lines, and reports a row of the wrong width', async () => {
    const read = await rows('b.csv', 'userId,properties\nu1,"{""a"":""x\ny""}"\nu2,{},extra\nu3,\n');
    expect(read).toEqual([
      { line: 3, bytes: expect.any(Number), fields: { userId: 'u1', properties: '{"a":"x\ny"}' }, fromCsv: true },
      { line: 4, bytes: expect.any(Number), error: expect.stringMatching(/column/i) },
      { line: 5, bytes: expect.any(Number), fields: { userId: 'u3', properties: '' }, fromCsv: true },
    ]);
  });

  it('knows the format by the extension', () => {
    expect(formatOf('x.CSV')).toBe('csv');
    expect(formatOf('x.jsonl')).toBe('jsonl');
    expect(formatOf('x.ndjson')).toBe('jsonl');
  });
});
