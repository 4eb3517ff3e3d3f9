/**
 * Hostile files for `validateCsv`: pathological headers, long lines, unclosed quotes, invalid UTF-8, binary. Each
 * input is generated as a stream; each run ends with a clear code and a report of bounded size.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { validateCsv } from '../../src/csv/validate-csv.js';
import type { ValidateCsvOptions } from '../../src/csv/validate-options.js';
import { CSV_ISSUE_CODES } from '../../src/csv/validation-codes.js';
import { interactionsSchema } from '../support/schemas.js';

const MIB = 1024 * 1024;
const ROW = 'u1,i1,View,1,1700000000\n';
const HEADER = 'USER_ID,ITEM_ID,EVENT_TYPE,EVENT_VALUE,TIMESTAMP\n';

/** `total` bytes of `fill` in 1 MiB chunks, between `head` and `tail`, without ever holding them all. */
function* bytes(head: string, fill: string | Buffer, total: number, tail: string): Generator<Buffer> {
  yield Buffer.from(head);
  const unit = typeof fill === 'string' ? Buffer.from(fill) : fill;
  const chunk = Buffer.alloc(Math.min(MIB, total), unit);
  for (let sent = 0; sent < total; sent += chunk.length) yield chunk.subarray(0, Math.min(chunk.length, total - sent));
  yield Buffer.from(tail);
}

function validate(chunks: Iterable<Buffer>, options: Partial<ValidateCsvOptions> = {}) {
  return validateCsv(Readable.from(chunks), {
    schema: interactionsSchema,
    datasetType: 'Interactions',
    minInteractions: 0,
    ...options,
  });
}

const codes = (issues: { code: string }[]) => [...new Set(issues.map((issue) => issue.code))];

describe('hostile headers (fault 12)', () => {
  it('a 15 MB header of commas: HEADER_TOO_LARGE, a small report', async () => {
    const report = await validate(bytes('', ',', 15 * MIB, `\n${ROW.repeat(10)}`));
    expect(codes(report.errors)).toEqual(['HEADER_TOO_LARGE']);
    expect(report.errors[0]?.line).toBe(1);
    expect(report.valid).toBe(false);
    expect(JSON.stringify(report).length).toBeLessThan(10_000);
  });

  it('a header of 5,000 short names (20 KB): HEADER_TOO_LARGE on the field count', async () => {
    const report = await validate([Buffer.from(`${'ab,'.repeat(5000)}x\n${ROW}`)]);
    expect(codes(report.errors)).toEqual(['HEADER_TOO_LARGE']);
    expect(report.errors[0]?.message).toContain('5001 fields');
    expect(report.columns.length).toBe(0);
  });

  it('one 100 KB header name: HEADER_TOO_LARGE on its bytes', async () => {
    const report = await validate(bytes('USER_ID,', 'A', 100 * 1024, `\n${ROW}`));
    expect(codes(report.errors)).toEqual(['HEADER_TOO_LARGE']);
  });

  it('a header of 20 unknown 3,000-character names lists at most maxIssues, each message cut', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `${'N'.repeat(3000)}${i}`);
    const report = await validate([Buffer.from(`${names.join(',')}\n${ROW}`)], { maxIssues: 10 });
    expect(report.errors.length).toBe(10);
    expect(report.errorCount).toBe(25); // 20 unknown columns, 5 required fields missing
    expect(report.truncated).toBe(true);
    for (const issue of report.errors) {
      expect(issue.message.length).toBeLessThan(1000);
      expect((issue.column ?? '').length).toBeLessThan(300);
    }
  });
});

describe('hostile rows and bytes', () => {
  it('a 20 MB line with no line break: RECORD_TOO_LARGE on its line, validation stopped', async () => {
    const report = await validate(bytes(HEADER, 'x', 20 * MIB, '\n'));
    expect(codes(report.errors)).toEqual(['RECORD_TOO_LARGE']);
    expect(report.errors[0]?.line).toBe(2);
  });

  it('a row of 10 million commas: WRONG_FIELD_COUNT, its fields counted, not stored', async () => {
    const report = await validate(bytes(`${HEADER}${ROW}`, ',', 10 * MIB, `\n${ROW}`));
    expect(codes(report.errors)).toEqual(['WRONG_FIELD_COUNT']);
    expect(report.errors[0]?.message).toContain(`has ${10 * MIB + 1} fields`);
    expect(report.rows).toBe(3);
  });

  it('an unclosed quote before 20 MB of rows: UNCLOSED_QUOTE where it opened, stopped at maxRecordBytes', async () => {
    const report = await validate(bytes(`${HEADER}${ROW}u1,"i1,View,1,1700000000\n`, ROW, 20 * MIB, ''));
    expect(codes(report.errors)).toEqual(['UNCLOSED_QUOTE']);
    expect(report.errors[0]?.line).toBe(3);
    expect(report.errors[0]?.message).toContain(`${16 * MIB} bytes`);
  });

  it('invalid UTF-8 on every row: INVALID_UTF8, listed up to maxIssues and counted', async () => {
    const bad = Buffer.concat([Buffer.from('u1,i'), Buffer.from([0xff, 0xfe]), Buffer.from(',View,1,1700000000\n')]);
    const report = await validate(bytes(HEADER, bad, bad.length * 100_000, ''), { maxIssues: 20 });
    expect(codes(report.errors)).toEqual(['INVALID_UTF8']);
    expect(report.errors.length).toBe(20);
    expect(report.errorCount).toBe(100_000);
    expect(JSON.stringify(report).length).toBeLessThan(20_000);
  });

  it('5 MB of binary: a clear code, a small report', async () => {
    let seed = 7;
    const noise = Buffer.alloc(5 * MIB);
    for (let i = 0; i < noise.length; i++) {
      seed = (seed * 1_103_515_245 + 12_345) >>> 0;
      noise[i] = seed >>> 24;
    }
    const report = await validate([noise]);
    expect(report.valid).toBe(false);
    expect(report.errors.length).toBeGreaterThan(0);
    expect(JSON.stringify(report).length).toBeLessThan(100_000);
    for (const code of codes(report.errors)) expect(Object.keys(CSV_ISSUE_CODES)).toContain(code);
  });

  it('a 1 MB header with no line break at all: HEADER_TOO_LARGE', async () => {
    const report = await validate(bytes('', 'A', MIB, ''));
    expect(codes(report.errors)).toEqual(['HEADER_TOO_LARGE']);
  });

  it('300 distinct 100 KB event types: counted, but not kept whole in memory or in the report', async () => {
    function* rows(): Generator<Buffer> {
      yield Buffer.from(HEADER);
      for (let i = 0; i < 300; i++) yield Buffer.from(`u1,i1,${String(i).padEnd(100_000, 'E')},1,1700000000\n`);
    }
    const report = await validate(rows());
    expect(JSON.stringify(report).length).toBeLessThan(100_000);
    expect(Object.values(report.eventTypes ?? {}).reduce((a, b) => a + b, 0)).toBe(300);
  });
});
