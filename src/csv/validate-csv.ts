/**
 * `validateCsv`: checks a bulk-import CSV against its dataset's schema and the service's rules before any upload,
 * streaming it in constant memory.
 * @module
 */
import { throwIfAborted } from '../util/clock.js';
import { parseAvroSchema } from './avro-schema.js';
import { RecordTooLargeError } from './csv-reader.js';
import type { CsvValidationReport } from './report.js';
import { type CsvSource, readChunks } from './source.js';
import {
  type ResolvedValidateCsvOptions,
  resolveValidateCsvOptions,
  type ValidateCsvOptions,
} from './validate-options.js';
import { type ValidationHooks, ValidationRun, ValidationStopped } from './validation-run.js';

/**
 * Streams a CSV file (a path, a Node `Readable`, or any `AsyncIterable` of bytes) and checks it against the dataset's
 * Avro schema and the rules of Amazon Personalize: the header, every value, and the file as a whole. Resolves with a
 * report (`valid` is false when there is an error); rejects only on bad options (`InvalidOptionsError`), an
 * unreadable source, or `signal` (`AbortedError`).
 *
 * @example
 * ```ts
 * const report = await validateCsv('./interactions.csv', { schema, datasetType: 'Interactions', mode: 'INCREMENTAL' });
 * for (const issue of report.errors) console.error(`line ${issue.line}: ${issue.code}: ${issue.message}`);
 * ```
 */
export async function validateCsv(source: CsvSource, options: ValidateCsvOptions): Promise<CsvValidationReport> {
  return runCsvValidation(source, resolveValidateCsvOptions(options));
}

/**
 * `validateCsv` on options already resolved, with the hooks of an internal reader (`MemoryTransport`'s import jobs,
 * which keep the rows they check and stop at the first error). Not part of the public API.
 */
export async function runCsvValidation(
  source: CsvSource,
  resolved: ResolvedValidateCsvOptions,
  hooks: ValidationHooks = {},
): Promise<CsvValidationReport> {
  const run = new ValidationRun(parseAvroSchema(resolved.schema), resolved, hooks);
  const { signal, onProgress } = resolved;
  throwIfAborted(signal);
  let bytes = 0;
  try {
    for await (const chunk of readChunks(source)) {
      throwIfAborted(signal);
      bytes += chunk.byteLength;
      run.tokenizer.push(chunk);
      onProgress?.(bytes);
    }
    run.tokenizer.end();
  } catch (error) {
    if (error instanceof RecordTooLargeError) run.stopTooLarge(error.line, error.quoteOpen, error.header);
    else if (!(error instanceof ValidationStopped)) throw error;
  }
  return run.finish(bytes);
}
