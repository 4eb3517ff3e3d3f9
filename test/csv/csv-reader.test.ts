import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CsvRecord,
  CsvTokenizer,
  FIELD_MALFORMED,
  FIELD_NEWLINE,
  FIELD_QUOTED,
  fieldText,
  RecordTooLargeError,
} from '../../src/csv/csv-reader.js';

interface Row {
  line: number;
  lineCount: number;
  fields: string[];
  flags: number[];
}

function tokenize(input: Buffer, cuts: number[] = []): Row[] {
  const rows: Row[] = [];
  const tokenizer = new CsvTokenizer((record: CsvRecord) => {
    const fields: string[] = [];
    const flags: number[] = [];
    for (let i = 0; i < record.fieldCount; i++) {
      fields.push(fieldText(record, i));
      flags.push(record.flags[i] ?? 0);
    }
    rows.push({ line: record.line, lineCount: record.lineCount, fields, flags });
  });
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    tokenizer.push(input.subarray(from, cut));
    from = cut;
  }
  tokenizer.push(input.subarray(from));
  tokenizer.end();
  return rows;
}

const plainChar = fc.constantFrom('a', 'b', 'Z', '0', '9', ' ', '|', '.', '-', 'é', '日');
const quotedChar = fc.constantFrom('a', ',', '"', '\\', '\n', '\r', ' ', '|', 'é', '日');
const plainField = fc
  .array(plainChar, { maxLength: 6 })
  .map((chars) => ({ value: chars.join(''), raw: chars.join('') }));
const quotedField = fc.array(quotedChar, { maxLength: 6 }).map((chars) => {
  const value = chars.join('');
  return { value, raw: `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"` };
});
const row = fc.array(fc.oneof(plainField, quotedField), { minLength: 2, maxLength: 5 });
const file = fc.record({
  rows: fc.array(row, { minLength: 1, maxLength: 8 }),
  eol: fc.constantFrom('\n', '\r\n'),
  trailingEol: fc.boolean(),
});

describe('CsvTokenizer', () => {
  it('agrees with csv-parse (escape "\\\\") on random files cut into random chunks', () => {
    fc.assert(
      fc.property(file, fc.array(fc.nat(), { maxLength: 6 }), ({ rows, eol, trailingEol }, rawCuts) => {
        const text = rows.map((fields) => fields.map((f) => f.raw).join(',')).join(eol) + (trailingEol ? eol : '');
        const input = Buffer.from(text);
        const expected = parse(text, { escape: '\\', relax_column_count: true, record_delimiter: eol });
        const cuts = rawCuts.map((n) => n % (input.length + 1));
        const actual = tokenize(input, cuts).map((r) => r.fields);
        expect(actual).toEqual(expected);
        expect(actual).toEqual(rows.map((fields) => fields.map((f) => f.value)));
      }),
      { numRuns: 500 },
    );
  });

  it('cuts inside a quote, an escape and a CRLF give the same records', () => {
    const input = Buffer.from('a,"x\\"y\\\\z",c\r\nd,"q,r",f\r\n');
    const whole = tokenize(input);
    for (let cut = 0; cut <= input.length; cut++) expect(tokenize(input, [cut])).toEqual(whole);
    expect(whole.map((r) => r.fields)).toEqual([
      ['a', 'x"y\\z', 'c'],
      ['d', 'q,r', 'f'],
    ]);
  });

  it('numbers lines across records that span lines', () => {
    const rows = tokenize(Buffer.from('h1,h2\na,"x\ny"\nb,c\n'));
    expect(rows.map((r) => [r.line, r.lineCount])).toEqual([
      [1, 1],
      [2, 2],
      [4, 1],
    ]);
    expect((rows[1]?.flags[1] ?? 0) & FIELD_NEWLINE).toBeTruthy();
  });

  it('flags an unclosed quote and text after a closing quote', () => {
    const rows = tokenize(Buffer.from('a,"b"c,d\ne,"f'));
    expect((rows[0]?.flags[1] ?? 0) & FIELD_MALFORMED).toBeTruthy();
    expect(rows[0]?.fields).toEqual(['a', 'b', 'd']);
    expect((rows[1]?.flags[1] ?? 0) & FIELD_MALFORMED).toBeTruthy();
  });

  it('accepts a doubled quote inside quotes, keeps other backslashes, and marks quoted fields', () => {
    const rows = tokenize(Buffer.from('"a""b","c\\nd",e\n'));
    expect(rows[0]?.fields).toEqual(['a"b', 'c\\nd', 'e']);
    expect(rows[0]?.flags.map((f) => f & FIELD_QUOTED)).toEqual([FIELD_QUOTED, FIELD_QUOTED, 0]);
  });

  it('skips a UTF-8 byte order mark and reports it', () => {
    const rows: string[] = [];
    const tokenizer = new CsvTokenizer((record) => rows.push(fieldText(record, 0)));
    tokenizer.push(Buffer.from([0xef, 0xbb]));
    tokenizer.push(Buffer.from([0xbf, 0x41, 0x0a]));
    tokenizer.end();
    expect(rows).toEqual(['A']);
    expect(tokenizer.byteOrderMark).toBe(true);
  });

  it('marks a record whose bytes are not UTF-8', () => {
    const seen: boolean[] = [];
    const tokenizer = new CsvTokenizer((record) => seen.push(record.utf8));
    tokenizer.push(Buffer.from([0x61, 0x0a, 0xff, 0x0a, 0x62, 0x0a]));
    tokenizer.end();
    expect(seen).toEqual([true, false, true]);
  });

  it('refuses a record larger than its limit instead of buffering the whole input', () => {
    const tokenizer = new CsvTokenizer(() => {}, 1024);
    tokenizer.push(Buffer.from('a,b\nc,"'));
    expect(() => tokenizer.push(Buffer.alloc(2048, 0x61))).toThrow(RecordTooLargeError);
  });
});

describe('CsvTokenizer with long records in small chunks', () => {
  it('reads a 300 KB quoted record fed 1 KB at a time, and the records around it', () => {
    const long = 'x'.repeat(300_000);
    const input = Buffer.from(`a,b\nc,"${long}\\"\n"\nd,e\nf,g`);
    const cuts = Array.from({ length: Math.floor(input.length / 1000) }, (_, i) => (i + 1) * 1000);
    const rows = tokenize(input, cuts);
    expect(rows.map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['c', `${long}"\n`],
      ['d', 'e'],
      ['f', 'g'],
    ]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 4, 5]);
  });

  it('still refuses an unclosed quote once it passes the limit', () => {
    const tokenizer = new CsvTokenizer(() => {}, 200_000);
    tokenizer.push(Buffer.from('a,"'));
    expect(() => {
      for (let i = 0; i < 1000; i++) tokenizer.push(Buffer.alloc(1000, 0x61));
    }).toThrow(RecordTooLargeError);
  });
});
