// Adversarial: random bytes per column (quotes, backslashes, CR, multi-byte, digits with signs and zeros).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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
    { name: 'GENRES', type: ['null', 'string'], categorical: true },
    { name: 'NOTE', type: ['null', 'string'] },
  ],
};
const HEADER = 'USER_ID,ITEM_ID,EVENT_TYPE,EVENT_VALUE,TIMESTAMP,COUNT,GENRES,NOTE';
const textChar = fc.constantFrom('a', 'b', '"', '\\', '\r', ',', ' ', 'é', '日', '😀', '|', '-', '+', '0', '\t');
const text = fc.array(textChar, { maxLength: 9 }).map((cs) => cs.join(''));
const digits = fc.array(fc.constantFrom('0', '1', '2', '4', '7', '9'), { maxLength: 17 }).map((d) => d.join(''));
const integer = fc.oneof(
  digits,
  fc
    .tuple(fc.constantFrom('', '-', '+', '0', '00'), digits, fc.constantFrom('', 'x', '.', ' ', '\r', '/', ':', 'é'))
    .map(([a, b, c]) => a + b + c),
  fc.integer({ min: 1_600_000_000, max: 1_800_000_000 }).map(String),
  fc.constantFrom('2147483647', '2147483648', '4102444800', '4102444801', '999999999999', '1000000000000'),
);
const maybeQuoted = (arb: fc.Arbitrary<string>) =>
  fc
    .tuple(arb, fc.constantFrom(0, 0, 1, 2))
    .map(([v, q]) => (q === 1 ? `"${v}"` : q === 2 ? `"${v.replace(/"/g, '""')}"` : v));
const line = fc
  .tuple(
    maybeQuoted(fc.oneof(text, fc.constantFrom('u1', 'u2'))),
    maybeQuoted(fc.oneof(text, fc.constantFrom('i1', 'i2'))),
    fc.constantFrom('View', 'View', 'Click', 'Vie', 'Views', ''),
    fc.constantFrom('', '1.5', '5.', '.5', '.', '-1', '1e3', '12'),
    integer,
    fc.oneof(integer, fc.constant('')),
    maybeQuoted(text),
    maybeQuoted(text),
  )
  .map((cells) => cells.join(','));
const file = fc.record({
  lines: fc.array(line, { minLength: 1, maxLength: 30 }),
  eol: fc.constantFrom('\n', '\r\n'),
  cuts: fc.array(fc.nat(), { maxLength: 5 }),
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

describe('validateCsv fast path against the full path: random bytes', () => {
  it('same report', async () => {
    const options = resolveValidateCsvOptions({
      schema,
      datasetType: 'Interactions',
      maxIssues: 1000,
      minInteractions: 0,
    });
    await fc.assert(
      fc.asyncProperty(file, async (f) => {
        const warm = Array.from({ length: 60 }, (_, k) => `u${k % 30},i${k},View,,${1_700_000_000 + k},,,`);
        const bytes = Buffer.from(`${[HEADER, ...warm, ...f.lines].join(f.eol)}${f.eol}`);
        const full = await runCsvValidation(chunked(bytes, []), options, { onRow: () => {} });
        expect(await runCsvValidation(chunked(bytes, f.cuts), options)).toEqual(full);
      }),
      { numRuns: 1500 },
    );
  });
});
