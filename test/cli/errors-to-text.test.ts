import { describe, expect, it } from 'vitest';
import { ImportJobFailedError, ImportJobTimeoutError } from '../../src/bulk/import-errors.js';
import { errorToText, redact } from '../../src/cli/errors-to-text.js';
import { EXIT, exitCodeOf } from '../../src/cli/exit-codes.js';
import { CsvValidationError } from '../../src/csv/csv-validation-error.js';
import { AbortedError, FatalTransportError, InvalidOptionsError, NotFoundError } from '../../src/errors.js';
import { RecordValidationError } from '../../src/records/record-validation-error.js';

describe('errorToText', () => {
  it('gives one line: what, where, and what to do', () => {
    const failed = errorToText(new ImportJobFailedError('arn:job/x', 'Access denied'));
    expect(failed).toBe(
      'Import job arn:job/x failed: Access denied (fix the data or the role, then import again with a new --job-name)',
    );
    expect(errorToText(new ImportJobTimeoutError('arn:job/y', 'CREATE IN_PROGRESS', 1000))).toMatch(
      /jobs wait <job-arn>/,
    );
    expect(errorToText(new NotFoundError('Dataset arn:d not found'), { where: 'put users' })).toBe(
      'put users: Dataset arn:d not found (check the ARN or tracking id, and that --region is the resource’s region)',
    );
    expect(errorToText(new Error('first\n  second'))).toBe('first second');
  });

  it('summarises an invalid CSV by its first error', () => {
    const report = { errorCount: 3, errors: [{ line: 6, column: 'TIMESTAMP', message: 'looks like milliseconds' }] };
    expect(errorToText(new CsvValidationError('bad', report as never))).toMatch(
      /^the CSV is invalid: 3 errors, the first at line 6, column TIMESTAMP: looks like milliseconds/,
    );
  });

  it('says what to do about missing credentials, and never prints a key', () => {
    const error = new FatalTransportError('Could not load credentials from any providers');
    expect(errorToText(error)).toMatch(/set AWS_PROFILE/);
    expect(errorToText(new FatalTransportError('Region is missing'))).toMatch(/set --region or AWS_REGION/);
    expect(redact('key AKIAABCDEFGHIJKLMNOP and secretAccessKey=abc/def')).toBe(
      'key [redacted] and secretAccessKey=[redacted]',
    );
  });

  it('never prints the password of a URL, and cuts a long value of any message', () => {
    const bad = new InvalidOptionsError('Expected `endpoint` to be a URL, got `http://user:hunter2@localhost:99999`');
    expect(errorToText(bad)).toBe(
      'Expected `endpoint` to be a URL, got `http://[redacted]@localhost:99999` (see `personalize-import <command> --help`)',
    );
    const service = new NotFoundError(`Resource ${'i'.repeat(10_000_000)} was not found`);
    const text = errorToText(service);
    expect(text.length).toBeLessThan(600);
    expect(text).toMatch(/^Resource i{199}… \(9,999,801 more characters\) was not found \(check the ARN/);
    expect(errorToText(new FatalTransportError('denied: Credential=x/y'))).not.toMatch(/set AWS_PROFILE/);
  });

  it('adds record contents only with verbose', () => {
    const error = new RecordValidationError('user', { userId: '' }, undefined, [
      { field: 'userId', rule: 'min 1', message: 'must not be empty' },
    ]);
    expect(errorToText(error)).not.toContain('record:');
    expect(errorToText(error, { verbose: true })).toContain('record: {"userId":""}');
  });
});

describe('exitCodeOf', () => {
  it('maps bad options to 2, an abort to 130 and everything else to 1', () => {
    expect(exitCodeOf(new InvalidOptionsError('x'))).toBe(EXIT.USAGE);
    expect(exitCodeOf(new AbortedError())).toBe(EXIT.INTERRUPTED);
    expect(exitCodeOf(new NotFoundError('x'))).toBe(EXIT.FAILED);
    expect(exitCodeOf('a string')).toBe(EXIT.FAILED);
  });
});
