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
      {
        line: 4,
        bytes: expect.any(Number),
        code: 'UNREADABLE',
        error: expect.stringMatching(/column/i),
        cells: { userId: 'u2', properties: '{}', 'column 3': 'extra' },
      },
      { line: 5, bytes: expect.any(Number), fields: { userId: 'u3', properties: '' }, fromCsv: true },
    ]);
  });

  it('refuses a line longer than maxLineBytes with LINE_TOO_LONG, and reads the lines after it', async () => {
    const path = join(dir, 'long.jsonl');
    writeFileSync(path, `{"userId":"u1"}\n{"userId":"${'x'.repeat(3 * 1024 * 1024)}"}\n{"userId":"u3"}\n`);
    const read: SourceRow[] = [];
    for await (const row of readRecords(path, 'jsonl', { maxLineBytes: 1024 * 1024 })) read.push(row);
    expect(read.map((row) => ('error' in row ? [row.line, row.code] : [row.line, row.fields]))).toEqual([
      [1, { userId: 'u1' }],
      [2, 'LINE_TOO_LONG'],
      [3, { userId: 'u3' }],
    ]);
    const [, long] = read;
    expect(long !== undefined && 'error' in long && long.error).toMatch(/1048576 bytes/);
  });

  it('stops at a CSV record longer than maxLineBytes (a long line, or an unclosed quote), saying so, in bounded memory', async () => {
    const long = join(dir, 'long.csv');
    writeFileSync(long, `userId,properties\nu1,{}\nu2,${'x'.repeat(3 * 1024 * 1024)}\nu3,{}\n`);
    const unclosed = join(dir, 'unclosed.csv');
    writeFileSync(unclosed, `userId,properties\nu1,{}\nu2,"{\n${'u,{}\n'.repeat(300_000)}`);
    for (const path of [long, unclosed]) {
      const read: SourceRow[] = [];
      for await (const row of readRecords(path, 'csv', { maxLineBytes: 1024 * 1024 })) read.push(row);
      // csv-parse alone stops silently at its record bound, dropping the rows after it: the stop must be said.
      expect(read.map((row) => ('error' in row ? [row.line, row.code, row.stop] : [row.line, row.fields]))).toEqual([
        [2, { userId: 'u1', properties: '{}' }],
        [3, 'LINE_TOO_LONG', true],
      ]);
    }
  });

  it('keeps a line of exactly maxLineBytes, and a multi-byte character split across reads', async () => {
    const path = join(dir, 'edge.jsonl');
    const line = `{"userId":"${'é'.repeat(200_000)}"}`;
    writeFileSync(path, `${line}\n`);
    const read: SourceRow[] = [];
    for await (const row of readRecords(path, 'jsonl', { maxLineBytes: Buffer.byteLength(line) })) read.push(row);
    expect(read).toHaveLength(1);
    expect(read[0]).toMatchObject({ line: 1, fields: { userId: 'é'.repeat(200_000) } });
  });

  it('strips a UTF-8 byte-order mark at the start of JSON Lines and CSV', async () => {
    const bom = '\uFEFF';
    expect(await rows('bom.jsonl', `${bom}{"userId":"u1"}\n`)).toMatchObject([{ line: 1, fields: { userId: 'u1' } }]);
    expect(await rows('bom.csv', `${bom}userId\nu1\n`)).toMatchObject([{ line: 2, fields: { userId: 'u1' } }]);
  });

  it('refuses a CSV header that repeats a column or has an empty name, naming the column', async () => {
    await expect(rows('dup.csv', 'userId,properties,userId\nu1,,u2\n')).rejects.toMatchObject({
      code: 'RECORDS_FILE_INVALID',
      message: expect.stringMatching(/`userId`.*columns 1 and 3/),
    });
    await expect(rows('empty.csv', 'userId,,properties\nu1,x,\n')).rejects.toMatchObject({
      code: 'RECORDS_FILE_INVALID',
      message: expect.stringMatching(/column 2/),
    });
  });

  it('gives a CSV row of the wrong width its cells by column, so the rejected file can hold it as a record', async () => {
    const read = await rows('wide.csv', 'userId,properties\nu1,{},extra\nu2\n');
    expect(read).toMatchObject([
      { line: 2, code: 'UNREADABLE', cells: { userId: 'u1', properties: '{}', 'column 3': 'extra' } },
      { line: 3, code: 'UNREADABLE', cells: { userId: 'u2' } },
    ]);
  });

  it('knows the format by the extension', () => {
    expect(formatOf('x.CSV')).toBe('csv');
    expect(formatOf('x.jsonl')).toBe('jsonl');
    expect(formatOf('x.ndjson')).toBe('jsonl');
  });
});
