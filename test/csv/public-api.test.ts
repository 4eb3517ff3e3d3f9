import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, expectTypeOf, it } from 'vitest';
// Not exported by the package (internals of validateCsv), checked here from their modules.
import { parseAvroSchema } from '../../src/csv/avro-schema.js';
import { validateCsvDefaults } from '../../src/csv/validate-options.js';
import {
  CSV_ISSUE_CODES,
  type CsvIssue,
  type CsvIssueCode,
  type CsvValidationError,
  type CsvValidationReport,
  type ValidateCsvOptions,
  validateCsv,
} from '../../src/index.js';

describe('the public CSV validation API', () => {
  it('takes a path, a Readable or any async iterable of bytes, and resolves with a typed report', () => {
    expectTypeOf(validateCsv).parameter(0).toEqualTypeOf<string | AsyncIterable<Uint8Array | string>>();
    expectTypeOf(Readable.from([])).toMatchTypeOf<Parameters<typeof validateCsv>[0]>();
    expectTypeOf(validateCsv).returns.resolves.toEqualTypeOf<CsvValidationReport>();
    expectTypeOf<CsvIssue['code']>().toEqualTypeOf<CsvIssueCode>();
    expectTypeOf<CsvValidationError['report']>().toEqualTypeOf<CsvValidationReport>();
    expectTypeOf<ValidateCsvOptions['mode']>().toEqualTypeOf<'FULL' | 'INCREMENTAL' | undefined>();
  });

  it('exports every code with its severity; the defaults and the schema parser (internal) hold', () => {
    for (const [key, entry] of Object.entries(CSV_ISSUE_CODES)) {
      expect(entry.code).toBe(key);
      expect(['error', 'warning']).toContain(entry.severity);
    }
    expect(validateCsvDefaults).toEqual({
      maxIssues: 100,
      minInteractions: 1000,
      maxTrackedUsers: 100_000,
      maxRecordBytes: 16 * 1024 * 1024,
      maxHeaderBytes: 64 * 1024,
      maxHeaderFields: 1000,
    });
    expect(parseAvroSchema('{"type":"record","fields":[]}').fields).toEqual([]);
  });

  it('documents every code in docs/validation.md', () => {
    const docs = readFileSync(new URL('../../docs/validation.md', import.meta.url), 'utf8');
    const missing = Object.keys(CSV_ISSUE_CODES).filter((code) => !new RegExp(`^\\| \`${code}\` +\\|`, 'm').test(docs));
    expect(missing).toEqual([]);
  });
});
