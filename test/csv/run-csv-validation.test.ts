// runCsvValidation: validateCsv's run with the hooks of an internal reader (the fake's import jobs).
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCsvValidation, validateCsv } from '../../src/csv/validate-csv.js';
import { resolveValidateCsvOptions } from '../../src/csv/validate-options.js';
import { interactionsCsv, interactionsSchema } from './helpers.js';

const options = resolveValidateCsvOptions({ schema: interactionsSchema, datasetType: 'Interactions' });

/** `text` as a stream of 1 KiB chunks. */
function chunked(text: string): Readable {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 1024) chunks.push(bytes.subarray(i, i + 1024));
  return Readable.from(chunks);
}

describe('runCsvValidation', () => {
  it('with no hook, reports what validateCsv reports', async () => {
    const text = interactionsCsv(1000, { 5: 'u1,i1,View,x,1700000000', 9: 'u1,,View,1,1700000000' });
    expect(await runCsvValidation(chunked(text), options)).toEqual(await validateCsv(chunked(text), options));
  });

  it('hands every data record to onRow with the columns, after its checks', async () => {
    const rows: string[][] = [];
    const report = await runCsvValidation(chunked(interactionsCsv(3)), options, {
      onRow: (record, columns) =>
        rows.push(
          columns.map((column, i) => `${column.name}=${record.buf.toString('utf8', record.starts[i], record.ends[i])}`),
        ),
    });
    expect(report.rows).toBe(3);
    expect(rows[0]).toEqual(['USER_ID=u0', 'ITEM_ID=i0', 'EVENT_TYPE=View', 'EVENT_VALUE=0.5', 'TIMESTAMP=1700000000']);
    expect(rows).toHaveLength(3);
  });

  it('with stopAtFirstError, stops reading at the first error', async () => {
    const text = interactionsCsv(5000, { 10: 'u1,i1,View,x,1700000000', 20: 'u1,,View,1,1700000000' });
    const report = await runCsvValidation(chunked(text), options, { stopAtFirstError: true });
    // The file-level checks still run, on what was read: 9 records are under the minimum of interactions.
    expect(report.errors.map((issue) => [issue.line, issue.code])).toEqual([
      [10, 'NOT_A_NUMBER'],
      [0, 'TOO_FEW_INTERACTIONS'],
    ]);
    expect(report.rows).toBe(9);
    expect(report.bytes).toBeLessThan(Buffer.byteLength(text));
  });

  it('drops the codes in ignore, as if the rule did not exist', async () => {
    const text = interactionsCsv(1000, { 3: 'u1,i1,View,1,1700000000000' });
    const ignore = new Set(['TIMESTAMP_IN_MILLISECONDS'] as const);
    expect((await runCsvValidation(chunked(text), options)).errors[0]?.code).toBe('TIMESTAMP_IN_MILLISECONDS');
    expect(await runCsvValidation(chunked(text), options, { ignore })).toMatchObject({ valid: true, errorCount: 0 });
  });
});
