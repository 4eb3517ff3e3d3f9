// The fast path of validateCsv (src/csv/plain-rows.ts) gives the report of the full path, on inputs cut anywhere.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAvroSchema } from '../../src/csv/avro-schema.js';
import { CsvTokenizer } from '../../src/csv/csv-reader.js';
import { checkHeader } from '../../src/csv/header-checks.js';
import { EventTypeCounter } from '../../src/csv/interaction-stats.js';
import { PlainRowReader, plainRowsPossible } from '../../src/csv/plain-rows.js';
import { IssueCollector } from '../../src/csv/report.js';
import { runCsvValidation } from '../../src/csv/validate-csv.js';
import { resolveValidateCsvOptions } from '../../src/csv/validate-options.js';

const schema = {
  type: 'record',
  name: 'Interactions',
  fields: [
    { name: 'USER_ID', type: 'string' },
    { name: 'ITEM_ID', type: 'string' },
    { name: 'EVENT_TYPE', type: 'string' },
    { name: 'EVENT_VALUE', type: ['null', 'float'] },
    { name: 'TIMESTAMP', type: 'long' },
    { name: 'COUNT', type: ['null', 'int'] },
    { name: 'FLAG', type: ['null', 'boolean'] },
    { name: 'GENRES', type: ['null', 'string'], categorical: true },
    { name: 'NOTE', type: ['null', 'string'] },
  ],
};
const HEADER = 'USER_ID,ITEM_ID,EVENT_TYPE,EVENT_VALUE,TIMESTAMP,COUNT,FLAG,GENRES,NOTE';

/** Values per column: mostly ones that pass, and every kind of edge the fast path must decline or read right. */
const VALUES: readonly (readonly string[])[] = [
  ['u1', 'u2', 'u3', 'u1', 'é日', '', 'u'.repeat(256), 'u'.repeat(257), '"u1"', '"u\\"1"', 'u,1'],
  ['i1', 'i2', 'item-12345', '', 'i'.repeat(257), '"i\n2"', 'i\r1'],
  ['View', 'View', 'Purchase', 'AddToCart', 'Click', '', '"View"', '"Vi\\"ew"', 'x'.repeat(300), 'Viéw'],
  ['', '1.5', '5.', '.5', '.', '0', '-1', '+1', '1e5', '1.2.3', 'abc', '10', ' 1', '1\r'],
  [
    '1700000000',
    '0',
    '0001700000000',
    '1700000000000',
    '4102444800',
    '4102444801',
    '-5',
    '',
    '17x',
    '99999999999',
    '100000000000',
    '1'.repeat(16),
    '"1700000000"',
  ],
  ['', '1', '2147483647', '2147483648', '-2147483648', '007', 'x'],
  ['', 'true', 'false', 'True', '1'],
  ['', 'a|b', 'g'.repeat(1000), 'g'.repeat(1001), `${'g'.repeat(600)}|${'h'.repeat(600)}`],
  ['', 'note', 'a "quote" inside', 'x\\y', '"quoted, comma"', '"line\nbreak"', '"unclosed'],
];

const cell = (column: number) => fc.constantFrom(...(VALUES[column] as string[]));
const goodLine = fc.record({ user: fc.integer({ min: 0, max: 29 }), n: fc.integer({ min: 0, max: 999 }) });
const line = fc.oneof(
  { weight: 6, arbitrary: goodLine.map(({ user, n }) => `u${user},i${n},View,${n % 7}.5,${1_700_000_000 + n},,,,`) },
  { weight: 4, arbitrary: fc.tuple(...VALUES.map((_, c) => cell(c))).map((cells) => cells.join(',')) },
  // A passing line with one value replaced by an edge: the fast path must decline it exactly when it must.
  {
    weight: 6,
    arbitrary: fc.tuple(fc.integer({ min: 0, max: VALUES.length - 1 }), fc.nat()).map(([column, pick]) => {
      const cells = ['u1', 'i1', 'View', '2.5', '1700000000', '', '', '', ''];
      const values = VALUES[column] as string[];
      cells[column] = values[pick % values.length] as string;
      return cells.join(',');
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom('', '\r', 'u1,i1', 'u1,i1,View,1,1700000000,1,true,a,b,extra', '\uFEFFu1') },
);
const file = fc.record({
  // Enough users with 2 interactions that user counting ends, then the fast path takes the lines it can.
  warmup: fc.constantFrom(0, 30, 60, 60, 60),
  lines: fc.array(line, { minLength: 1, maxLength: 40 }),
  eol: fc.constantFrom('\n', '\r\n'),
  bom: fc.boolean(),
  trailingEol: fc.boolean(),
  invalidUtf8: fc.boolean(),
  cuts: fc.array(fc.nat(), { maxLength: 6 }),
});

function chunked(bytes: Buffer, cuts: readonly number[]): AsyncIterable<Uint8Array> {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  return (async function* () {
    let from = 0;
    for (const point of points) {
      yield bytes.subarray(from, point);
      from = point;
    }
    yield bytes.subarray(from);
  })();
}

type TestFile = typeof file extends fc.Arbitrary<infer T> ? T : never;

function fileBytes(f: TestFile): Buffer {
  const warm = Array.from({ length: f.warmup }, (_, k) => `u${k % 30},i${k},Purchase,,${1_700_000_000 + k},,,,`);
  const lines = [HEADER, ...warm, ...f.lines];
  const text = `${f.bom ? '\uFEFF' : ''}${lines.join(f.eol)}${f.trailingEol ? f.eol : ''}`;
  const bytes = Buffer.from(text);
  // A byte that is never valid UTF-8, somewhere after the header.
  if (f.invalidUtf8 && bytes.length > HEADER.length + 10) bytes[bytes.length - 3] = 0xff;
  return bytes;
}

describe('validateCsv: the fast path for plain lines', () => {
  it('gives the report of the full path on random files cut into random chunks', async () => {
    const options = resolveValidateCsvOptions({
      schema,
      datasetType: 'Interactions',
      maxIssues: 1000,
      minInteractions: 0,
    });
    await fc.assert(
      fc.asyncProperty(file, async (f) => {
        const bytes = fileBytes(f);
        // onRow makes every record take the full path: the reference.
        const full = await runCsvValidation(chunked(bytes, []), options, { onRow: () => {} });
        expect(await runCsvValidation(chunked(bytes, f.cuts), options)).toEqual(full);
        expect(await runCsvValidation(chunked(bytes, []), options)).toEqual(full);
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same report fed one byte at a time (multi-byte characters and CRLF split across chunks)', async () => {
    const options = resolveValidateCsvOptions({
      schema,
      datasetType: 'Interactions',
      maxIssues: 1000,
      minInteractions: 0,
    });
    const lines = [HEADER];
    for (let k = 0; k < 80; k++) lines.push(`u${k % 30},日本${k},View,${k}.5,${1_700_000_000 + k},${k},,é|ü,"n, ${k}"`);
    lines.push('u1,i1,Clické,,1700000000000,,,,');
    const bytes = Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`);
    const full = await runCsvValidation(chunked(bytes, []), options, { onRow: () => {} });
    const cuts = Array.from({ length: bytes.length }, (_, k) => k);
    expect(await runCsvValidation(chunked(bytes, cuts), options)).toEqual(full);
    expect(full.rows).toBe(81);
    expect(full.errors.map((issue) => issue.code)).toEqual(['TIMESTAMP_IN_MILLISECONDS']);
  });
});

describe('PlainRowReader', () => {
  function reader(eventTypes = new EventTypeCounter()) {
    let columns: ReturnType<typeof checkHeader> = [];
    const tokenizer = new CsvTokenizer((record) => {
      columns = checkHeader(record, parseAvroSchema(schema), new IssueCollector(10));
    });
    tokenizer.push(Buffer.from(`${HEADER}\n`));
    tokenizer.end();
    const target = { rows: 0, lines: 0, countingUsers: false };
    return { plain: new PlainRowReader(columns, target, eventTypes, 2), target, eventTypes };
  }

  it('takes a line whose values all pass, and counts it', () => {
    const { plain, target, eventTypes } = reader();
    eventTypes.add(Buffer.from('View'), 0, 4);
    const line = Buffer.from('u1,i1,View,1.5,1700000000,7,,a|b,note\r\nnext');
    expect(plain.read(line, 0, line.length, 5)).toBe(line.indexOf('\n'));
    expect(target).toEqual({ rows: 1, lines: 5, countingUsers: false });
    expect(eventTypes.counts()).toEqual({ View: 2 });
  });

  it('declines, counting nothing, every line the full path must read', () => {
    const { plain, target, eventTypes } = reader();
    eventTypes.add(Buffer.from('View'), 0, 4);
    const declined = [
      'u1,i1,Click,1.5,1700000000,,,,', // an event type not seen yet
      'u1,i1,View,1e5,1700000000,,,,', // a number the fast path does not read
      'u1,i1,View,.,1700000000,,,,',
      'u1,i1,View,1.5,1700000000000,,,,', // milliseconds
      'u1,i1,View,1.5,-1,,,,',
      'u1,i1,View,1.5,,,,,', // an empty required value
      'u1,i1,View,1.5,1700000000,2147483648,,,', // over an int
      'u1,i1,View,1.5,1700000000,,true,,', // a boolean is left to the full path
      `${'u'.repeat(257)},i1,View,1.5,1700000000,,,,`, // an id that may be too long
      'u1,i1,View,1.5,1700000000,,,', // too few fields
      'u1,i1,View,1.5,1700000000,,,,,', // too many
      'u1,i1,View,1.5,1700000000\r,,,,', // a CR before a comma is data
      'u1,i1,View,1.5,1700000000,,,,no line break',
    ];
    for (const text of declined) {
      const buf = Buffer.from(text.endsWith('break') ? text : `${text}\n`);
      expect(plain.read(buf, 0, buf.length, 2), text).toBe(-1);
    }
    expect(target.rows).toBe(0);
    expect(eventTypes.counts()).toEqual({ View: 1 });
  });

  it('takes every line it can in one call, and stops, counting nothing of it, at the first it declines', () => {
    const { plain, target, eventTypes } = reader();
    eventTypes.add(Buffer.from('View'), 0, 4);
    const good = 'u1,i1,View,1.5,1700000000,7,,a|b,note';
    const text = `${good}\n${good}\r\n${good}\nu1,i1,View,1.5,1700000000,,true,,\n${good}\n`;
    const buf = Buffer.from(text);
    const declined = text.indexOf('u1,i1,View,1.5,1700000000,,true');
    expect(plain.readLines(buf, 0, buf.length, 2)).toBe(declined);
    expect(plain.taken).toBe(3);
    expect(target).toEqual({ rows: 3, lines: 4, countingUsers: false });
    expect(eventTypes.counts()).toEqual({ View: 4 });
    // At most maxLines; a line cut by the bound is not taken.
    expect(plain.readLines(buf, 0, buf.length, 2, 2)).toBe(text.indexOf(`${good}\n`, good.length + 3));
    expect(plain.taken).toBe(2);
    expect(plain.readLines(buf, 0, good.length, 2)).toBe(0);
    expect(plain.taken).toBe(0);
    expect(target.rows).toBe(5);
  });

  it('finds the comma and the line break of text values at every offset, among bytes below the comma and UTF-8', async () => {
    const options = resolveValidateCsvOptions({
      schema,
      datasetType: 'Interactions',
      maxIssues: 1000,
      minInteractions: 0,
    });
    // Every byte below the comma but the quote and the line break, a few above it, and multi-byte characters (their
    // bytes are >= 0x80): values that pass every check.
    const low = Array.from({ length: 44 }, (_, b) => String.fromCharCode(b)).filter((c) => c !== '"' && c !== '\n');
    const alphabet = [...low, '-', '.', 'a', 'Z', '|', '\\', '~', '\u007f', 'é', '日', '😀'];
    const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 13 }).map((chars) => chars.join(''));
    const row = fc.tuple(text, text, text, text).map(([u, i, g, n]) => `u${u},i${i},View,,1700000000,,,${g},${n}`);
    const warm = Array.from({ length: 60 }, (_, k) => `u${k % 30},i${k},View,,${1_700_000_000 + k},,,,`);
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        async (rows, cuts) => {
          const bytes = Buffer.from(`${[HEADER, ...warm, ...rows].join('\n')}\n`);
          const full = await runCsvValidation(chunked(bytes, []), options, { onRow: () => {} });
          expect(await runCsvValidation(chunked(bytes, cuts), options)).toEqual(full);
          expect(await runCsvValidation(chunked(bytes, []), options)).toEqual(full);
          // The fast path takes them all: declining one would hide a wrong scan from the comparison above.
          const { plain, eventTypes } = reader();
          eventTypes.add(Buffer.from('View'), 0, 4);
          const body = Buffer.from(`${rows.join('\n')}\n`);
          expect(plain.readLines(body, 0, body.length, 2)).toBe(body.length);
          expect(plain.taken).toBe(rows.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads integers four digits at a time at every offset, and declines what is not a plain one in range', async () => {
    const options = resolveValidateCsvOptions({
      schema,
      datasetType: 'Interactions',
      maxIssues: 1000,
      minInteractions: 0,
    });
    // Digits and the bytes next to them ('/' and ':'), signs, a space, a letter.
    const digit = fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
    const other = fc.constantFrom('/', ':', '-', '+', ' ', 'a', '\u00b9');
    const integer = fc.oneof(
      { weight: 4, arbitrary: fc.array(digit, { minLength: 1, maxLength: 17 }).map((d) => d.join('')) },
      { weight: 1, arbitrary: fc.array(fc.oneof(digit, other), { maxLength: 14 }).map((d) => d.join('')) },
      // Near the bounds of a timestamp and of an int, so that a wrong value is taken or declined wrongly.
      ...[4_102_444_800, 2 ** 31 - 1].map((bound) => ({
        weight: 2,
        arbitrary: fc.integer({ min: bound - 10 ** 6, max: bound + 10 ** 6 }).map(String),
      })),
    );
    const pad = fc.string({ unit: fc.constantFrom('a', 'é'), maxLength: 5 });
    const row = fc.tuple(pad, integer, integer).map(([p, ts, n]) => ({ text: `u${p},i1,View,,${ts},${n},,,`, ts, n }));
    const plainInt = (text: string, max: number) => /^[0-9]{1,15}$/.test(text) && Number(text) <= max;
    const warm = Array.from({ length: 60 }, (_, k) => `u${k % 30},i${k},View,,${1_700_000_000 + k},,,,`);
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        async (rows, cuts) => {
          const bytes = Buffer.from(`${[HEADER, ...warm, ...rows.map((r) => r.text)].join('\n')}\n`);
          const full = await runCsvValidation(chunked(bytes, []), options, { onRow: () => {} });
          expect(await runCsvValidation(chunked(bytes, cuts), options)).toEqual(full);
          expect(await runCsvValidation(chunked(bytes, []), options)).toEqual(full);
          // The fast path takes the rows up to the first whose integer it must leave to the full path.
          const { plain, eventTypes } = reader();
          eventTypes.add(Buffer.from('View'), 0, 4);
          const body = Buffer.from(`${rows.map((r) => r.text).join('\n')}\n`);
          plain.readLines(body, 0, body.length, 2);
          const first = rows.findIndex(
            (r) => !plainInt(r.ts, 4_102_444_800) || !(r.n === '' || plainInt(r.n, 2 ** 31 - 1)),
          );
          expect(plain.taken).toBe(first < 0 ? rows.length : first);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('takes quoted text values on one line, and declines every other quote', () => {
    const { plain, target, eventTypes } = reader();
    eventTypes.add(Buffer.from('View'), 0, 4);
    const taken = [
      'u1,i1,View,1.5,1700000000,7,,a|b,"rec \\"1\\""',
      '"u1","i,1",View,1.5,1700000000,7,,"a|b",""',
      'u1,"x""y",View,,1700000000,,,"\\\\","a\rb"',
      'u1,i1,View,1.5,1700000000,7,,a|b,"note"\r',
      'u1,i1,View,1.5,1700000000,7,,a|b,x"y', // a quote inside an unquoted value is data
    ];
    for (const text of taken) {
      const buf = Buffer.from(`${text}\n`);
      expect(plain.read(buf, 0, buf.length, 2), text).toBe(buf.length - 1);
    }
    const declined = [
      'u1,i1,"View",1.5,1700000000,,,,', // the event type: matched on bytes by the full path
      'u1,i1,View,"1.5",1700000000,,,,', // a quoted number
      'u1,i1,View,1.5,"1700000000",,,,',
      '"",i1,View,1.5,1700000000,,,,', // an empty required value
      'u1,i1,View,1.5,1700000000,,"",,', // a boolean column
      'u1,i1,View,1.5,1700000000,,,"a"b,', // text after the closing quote
      'u1,i1,View,1.5,1700000000,,,"a"\r,', // a CR after it, before a comma
      'u1,i1,View,1.5,1700000000,,,,"unclosed',
      'u1,i1,View,1.5,1700000000,,,,"two\nlines"',
      'u1,i1,View,1.5,1700000000,,,,"two\\\nlines"',
      `"${'u'.repeat(257)}",i1,View,1.5,1700000000,,,,`, // an id that may be too long
      'u1,i1,View,1.5,1700000000,,,"a,b"\r', // the line ends before the last column
    ];
    for (const text of declined) {
      const buf = Buffer.from(`${text}\n`);
      expect(plain.read(buf, 0, buf.length, 2), text).toBe(-1);
    }
    expect(target.rows).toBe(taken.length);
  });

  it('gives the full path’s report on quoted text values with escapes, commas and line breaks', async () => {
    const options = resolveValidateCsvOptions({
      schema,
      datasetType: 'Interactions',
      maxIssues: 1000,
      minInteractions: 0,
    });
    const piece = fc.constantFrom('a', 'é', ',', '\r', ' ', '|', '\\"', '\\\\', '""', '\\', '"', '\n', '\\\n');
    const quoted = fc.array(piece, { maxLength: 8 }).map((p) => `"${p.join('')}"`);
    const plainText = fc.constantFrom('', 'v', 'x"y');
    const cell = fc.oneof(
      quoted,
      plainText,
      quoted.map((q) => `${q}x`),
      quoted.map((q) => `${q}\r`),
    );
    const row = fc
      .tuple(cell, cell, fc.constantFrom('View', '"View"'), cell, cell)
      .map(([u, i, t, g, n]) => `u${u},${i},${t},,1700000000,,,${g},${n}`);
    const warm = Array.from({ length: 60 }, (_, k) => `u${k % 30},i${k},View,,${1_700_000_000 + k},,,,`);
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 30 }),
        fc.constantFrom('\n', '\r\n'),
        fc.array(fc.nat(), { maxLength: 4 }),
        async (rows, eol, cuts) => {
          const bytes = Buffer.from(`${[HEADER, ...warm, ...rows].join(eol)}${eol}`);
          const full = await runCsvValidation(chunked(bytes, []), options, { onRow: () => {} });
          expect(await runCsvValidation(chunked(bytes, cuts), options)).toEqual(full);
          expect(await runCsvValidation(chunked(bytes, []), options)).toEqual(full);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('stops at the quote it is given as its bound', () => {
    const { plain, eventTypes } = reader();
    eventTypes.add(Buffer.from('View'), 0, 4);
    const buf = Buffer.from('u1,i1,View,1.5,1700000000,,,,"x"\n');
    expect(plain.read(buf, 0, buf.indexOf('"'), 2)).toBe(-1);
  });
});

describe('plainRowsPossible', () => {
  function columnsOf(fields: readonly object[]) {
    const header = fields.map((field) => (field as { name: string }).name).join(',');
    let columns: ReturnType<typeof checkHeader> = [];
    const tokenizer = new CsvTokenizer((record) => {
      columns = checkHeader(record, parseAvroSchema({ ...schema, fields }), new IssueCollector(10));
    });
    tokenizer.push(Buffer.from(`${header}\n`));
    tokenizer.end();
    return columns;
  }
  const base = [
    { name: 'USER_ID', type: 'string' },
    { name: 'ITEM_ID', type: 'string' },
    { name: 'TIMESTAMP', type: 'long' },
  ];

  it('builds no fast path when a column it cannot read must hold a value (it would decline every line)', () => {
    expect(plainRowsPossible(columnsOf([...base, { name: 'FLAG', type: 'boolean' }]))).toBe(false);
  });

  it('builds one when such a column may be empty, or when every column is one it reads', () => {
    expect(plainRowsPossible(columnsOf([...base, { name: 'FLAG', type: ['null', 'boolean'] }]))).toBe(true);
    expect(plainRowsPossible(columnsOf(base))).toBe(true);
  });
});
