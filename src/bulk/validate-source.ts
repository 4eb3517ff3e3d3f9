/**
 * Checking an import's CSV against the dataset's schema before anything is uploaded or started: the schema comes
 * from DescribeDataset → DescribeSchema, the domain from DescribeDatasetGroup.
 * @module
 */

import { CsvValidationError } from '../csv/csv-validation-error.js';
import type { CsvValidationReport } from '../csv/report.js';
import type { validateCsv } from '../csv/validate-csv.js';
import type { ValidateCsvOptions } from '../csv/validate-options.js';
import { MIN_INTERACTIONS_PER_IMPORT } from '../limits.js';
import type { DatasetType, ImportMode, ObjectInfo } from '../transport/transport.js';
import { throwIfAborted } from '../util/clock.js';
import { s3Url } from './bulk-source.js';
import { emitProgress, type ProgressListener } from './progress.js';
import { type CallContext, retryCall } from './retry-call.js';

/** `validateCsv`, or a stand-in with its signature. */
export type CsvValidator = typeof validateCsv;

/** What to validate. */
export interface ValidateSourceInput {
  /** The transport, and the retry of the schema look-ups. */
  context: CallContext;
  validator: CsvValidator;
  datasetArn: string;
  importMode: ImportMode;
  /** A local path, or the S3 objects of the import. */
  files: { kind: 'local'; file: string } | { kind: 's3'; objects: ObjectInfo[] };
  signal?: AbortSignal | undefined;
  onProgress?: ProgressListener | undefined;
}

/** Validates every file of the import; rejects with `CsvValidationError` (carrying the report) on the first bad one. */
export async function validateSource(input: ValidateSourceInput): Promise<void> {
  const options = await validatorOptions(input);
  if (input.files.kind === 'local') {
    emitProgress(input.onProgress, { phase: 'validating', source: input.files.file });
    const report = await input.validator(input.files.file, options);
    if (!report.valid) throw validationError(input.files.file, report);
    return;
  }
  const { objects } = input.files;
  // The 1,000-interaction minimum applies to the whole import, not to each file of a folder: checked on the sum.
  const perFile = objects.length > 1 ? { ...options, minInteractions: 0 } : options;
  const reports: CsvValidationReport[] = [];
  for (const object of objects) {
    throwIfAborted(input.signal);
    const location = s3Url(object.bucket, object.key);
    emitProgress(input.onProgress, { phase: 'validating', source: location });
    // Not retried: a failure part-way through a stream would have to restart the validation anyway.
    const stream = await input.context.transport.getObject(
      object,
      input.signal === undefined ? {} : { signal: input.signal },
    );
    const report = await input.validator(stream, perFile);
    if (!report.valid) throw validationError(location, report);
    reports.push(report);
  }
  const rows = sum(reports, 'rows');
  if (objects.length > 1 && options.datasetType === 'Interactions' && rows < MIN_INTERACTIONS_PER_IMPORT) {
    throw tooFewInteractions(objects, reports);
  }
}

async function validatorOptions(input: ValidateSourceInput): Promise<ValidateCsvOptions> {
  const { context, signal } = input;
  const { transport } = context;
  const dataset = await retryCall(context, signal, (call) => transport.describeDataset(input.datasetArn, call));
  const [schema, group] = await Promise.all([
    retryCall(context, signal, (call) => transport.describeSchema(dataset.schemaArn, call)),
    retryCall(context, signal, (call) => transport.describeDatasetGroup(dataset.datasetGroupArn, call)),
  ]);
  return {
    schema: schema.schema,
    datasetType: dataset.datasetType as DatasetType,
    mode: input.importMode,
    domain: group.domain ?? schema.domain,
    ...(signal === undefined ? {} : { signal }),
  };
}

function sum(reports: CsvValidationReport[], field: 'rows' | 'lines' | 'bytes' | 'warningCount'): number {
  return reports.reduce((total, report) => total + report[field], 0);
}

/** The folder's files are each valid but too small together: one report for them all. */
function tooFewInteractions(objects: ObjectInfo[], reports: CsvValidationReport[]): CsvValidationError {
  const rows = sum(reports, 'rows');
  const message =
    `The ${objects.length} CSV files hold ${rows} interactions in all; an import of interactions needs at least ` +
    `${MIN_INTERACTIONS_PER_IMPORT}`;
  const report: CsvValidationReport = {
    valid: false,
    rows,
    lines: sum(reports, 'lines'),
    bytes: sum(reports, 'bytes'),
    columns: reports[0]?.columns ?? [],
    errors: [{ line: 0, code: 'TOO_FEW_INTERACTIONS', message }],
    warnings: reports.flatMap((each) => each.warnings),
    errorCount: 1,
    warningCount: sum(reports, 'warningCount'),
    truncated: reports.some((each) => each.truncated),
  };
  const folder = objects[0] === undefined ? '' : s3Url(objects[0].bucket, '');
  return new CsvValidationError(`${folder}: ${message}; nothing was started (see \`error.report\`)`, report);
}

function validationError(location: string, report: CsvValidationReport): CsvValidationError {
  const first = report.errors[0];
  const where = first === undefined ? '' : ` line ${first.line}${first.column ? `, column ${first.column}` : ''}:`;
  const count = report.errorCount;
  const message =
    `${location} is not valid for this dataset (${count} error${count === 1 ? '' : 's'}; first,${where} ` +
    `${first?.code ?? 'INVALID'}: ${first?.message ?? 'see the report'}); nothing was uploaded or started ` +
    '(see `error.report`)';
  return new CsvValidationError(message, report);
}
