// validateCsv: the fast path's report against the full path's on schemas the shipped test does not cover.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCsvValidation } from '../../src/csv/validate-csv.js';
import { resolveValidateCsvOptions } from '../../src/csv/validate-options.js';

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

const EDGE = [
  '',
  '\r',
  '0',
  '1',
  '-1',
  '007',
  '1.',
  '.5',
  '.',
  '2147483647',
  '2147483648',
  '4102444800',
  '4102444801',
  '99999999999',
  '100000000000',
  '1'.repeat(15),
  '1'.repeat(16),
  'x',
  'true',
  'é',
  'a\rb',
  'a|b',
  'i'.repeat(256),
  'i'.repeat(257),
  'é'.repeat(128),
  'é'.repeat(129),
  ' ',
  '\t',
  '"q"',
  'E1',
  'E2',
  'E17',
  'E18',
];

const cases: {
  name: string;
  datasetType: 'Interactions' | 'Items' | 'Users';
  fields: object[];
  good: (k: number) => string[];
  maxTrackedUsers?: number;
  maxRecordBytes?: number;
}[] = [
  {
    name: 'one nullable string column',
    datasetType: 'Items',
    fields: [{ name: 'ITEM_ID', type: ['null', 'string'] }],
    good: (k) => [`i${k}`],
  },
  {
    name: 'one nullable int column',
    datasetType: 'Items',
    fields: [{ name: 'N', type: ['null', 'int'] }],
    good: (k) => [`${k}`],
  },
  {
    name: 'items, last column a required long timestamp',
    datasetType: 'Items',
    fields: [
      { name: 'ITEM_ID', type: 'string' },
      { name: 'PRICE', type: 'double' },
      { name: 'CREATION_TIMESTAMP', type: 'long' },
    ],
    good: (k) => [`i${k}`, `${k}.25`, `${1_600_000_000 + k}`],
  },
  {
    name: 'items, maxRecordBytes at its least (1024), long textual values',
    datasetType: 'Items',
    maxRecordBytes: 1024,
    fields: [
      { name: 'ITEM_ID', type: 'string' },
      { name: 'DESCRIPTION', type: ['null', 'string'], textual: true },
    ],
    good: (k) => [`i${k}`, 'd'.repeat((k * 37) % 1400)],
  },
  {
    name: 'interactions, many event types, few tracked users, decimal last',
    datasetType: 'Interactions',
    maxTrackedUsers: 3,
    fields: [
      { name: 'USER_ID', type: 'string' },
      { name: 'ITEM_ID', type: 'string' },
      { name: 'TIMESTAMP', type: 'int' },
      { name: 'EVENT_TYPE', type: ['null', 'string'] },
      { name: 'EVENT_VALUE', type: 'float' },
    ],
    good: (k) => [`u${k % 40}`, `i${k}`, `${1_600_000_000 + k}`, `E${k % 20}`, `${k % 9}`],
  },
];

describe('validateCsv: the fast path gives the full path’s report on other schemas', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const schema = { type: 'record', name: 'X', fields: c.fields };
      const header = c.fields.map((f) => (f as { name: string }).name).join(',');
      const n = c.fields.length;
      const options = resolveValidateCsvOptions({
        schema,
        datasetType: c.datasetType,
        maxIssues: 5000,
        minInteractions: 0,
        ...(c.maxTrackedUsers === undefined ? {} : { maxTrackedUsers: c.maxTrackedUsers }),
        ...(c.maxRecordBytes === undefined ? {} : { maxRecordBytes: c.maxRecordBytes, maxHeaderBytes: 1024 }),
      });
      const line = fc.oneof(
        { weight: 5, arbitrary: fc.nat(999).map((k) => c.good(k).join(',')) },
        {
          weight: 5,
          arbitrary: fc.tuple(fc.nat(999), fc.nat(n - 1), fc.constantFrom(...EDGE)).map(([k, col, v]) => {
            const cells = c.good(k);
            cells[col] = v;
            return cells.join(',');
          }),
        },
        { weight: 1, arbitrary: fc.constantFrom('', '\r', ',', ',,', ',,,,', '\r\r') },
      );
      const file = fc.record({
        warm: fc.nat(80),
        lines: fc.array(line, { minLength: 1, maxLength: 60 }),
        eol: fc.constantFrom('\n', '\r\n'),
        trailing: fc.boolean(),
        cuts: fc.array(fc.nat(), { maxLength: 8 }),
      });
      await fc.assert(
        fc.asyncProperty(file, async (f) => {
          const warm = Array.from({ length: f.warm }, (_, k) => c.good(k).join(','));
          const text = [header, ...warm, ...f.lines].join(f.eol) + (f.trailing ? f.eol : '');
          const bytes = Buffer.from(text);
          // Same chunks both ways: a record over maxRecordBytes is refused only when a chunk's end cuts it (so is
          // the full path's, before this change too), so the fast path is compared chunking for chunking.
          for (const cuts of [[], f.cuts]) {
            const full = await runCsvValidation(chunked(bytes, cuts), options, { onRow: () => {} });
            expect(await runCsvValidation(chunked(bytes, cuts), options)).toEqual(full);
          }
        }),
        { numRuns: 300 },
      );
    });
  }
});
