/**
 * Checking an import's CSV against the dataset's schema before anything is uploaded or started: the schema comes
 * from DescribeDataset → DescribeSchema, the domain from DescribeDatasetGroup.
 * @module
 */
import type { Readable } from 'node:stream';
import { CsvValidationError } from '../errors.js';
import { MIN_INTERACTIONS_PER_IMPORT } from '../limits.js';
import type { DatasetType, Domain, ImportMode, ObjectInfo, Transport } from '../transport/transport.js';
import { throwIfAborted } from '../util/clock.js';
import { s3Url } from './bulk-source.js';
import { emitProgress, type ProgressListener } from './progress.js';

/** One problem a validation found (the shape `validateCsv` reports). */
export interface CsvIssueLike {
  line: number;
  column?: string | undefined;
  code: string;
  message: string;
}

/** What the importer needs of a validation report (the shape `validateCsv` returns). */
export interface CsvReportLike {
  valid: boolean;
  rows: number;
  errors: readonly CsvIssueLike[];
  warnings: readonly unknown[];
}

/** The options the importer passes to the validator. */
export interface CsvValidatorOptions {
  schema: string;
  datasetType: DatasetType;
  mode?: ImportMode;
  domain?: Domain;
}

/** `validateCsv`, or a stand-in. */
export type CsvValidator = (source: string | Readable, options: CsvValidatorOptions) => Promise<CsvReportLike>;

/** What to validate. */
export interface ValidateSourceInput {
  transport: Transport;
  validator: CsvValidator;
  datasetArn: string;
  importMode: ImportMode;
  /** A local path, or the S3 objects of the import. */
  files: { kind: 'local'; file: string } | { kind: 's3'; objects: ObjectInfo[] };
  signal?: AbortSignal | undefined;
  onProgress?: ProgressListener | undefined;
}

const TOO_FEW_INTERACTIONS = 'TOO_FEW_INTERACTIONS';

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
  let rows = 0;
  for (const object of objects) {
    throwIfAborted(input.signal);
    const location = s3Url(object.bucket, object.key);
    emitProgress(input.onProgress, { phase: 'validating', source: location });
    const stream = await input.transport.getObject(object, input.signal === undefined ? {} : { signal: input.signal });
    const report = await input.validator(stream, options);
    // The 1,000-interaction minimum applies to the whole import, not to each file of a folder.
    const errors =
      objects.length > 1 ? report.errors.filter((issue) => issue.code !== TOO_FEW_INTERACTIONS) : report.errors;
    if (errors.length > 0) throw validationError(location, { ...report, valid: false, errors });
    rows += report.rows;
  }
  if (objects.length > 1 && options.datasetType === 'Interactions' && rows < MIN_INTERACTIONS_PER_IMPORT) {
    const message = `The ${objects.length} files hold ${rows} interactions in all; an import needs at least ${MIN_INTERACTIONS_PER_IMPORT}`;
    const report = { valid: false, rows, errors: [{ line: 0, code: TOO_FEW_INTERACTIONS, message }], warnings: [] };
    throw validationError(s3Url(objects[0]?.bucket ?? '', ''), report);
  }
}

async function validatorOptions(input: ValidateSourceInput): Promise<CsvValidatorOptions> {
  const call = input.signal === undefined ? {} : { signal: input.signal };
  const dataset = await input.transport.describeDataset(input.datasetArn, call);
  const [schema, group] = await Promise.all([
    input.transport.describeSchema(dataset.schemaArn, call),
    input.transport.describeDatasetGroup(dataset.datasetGroupArn, call),
  ]);
  const domain = group.domain ?? schema.domain;
  return {
    schema: schema.schema,
    datasetType: dataset.datasetType as DatasetType,
    mode: input.importMode,
    ...(domain === undefined ? {} : { domain }),
  };
}

function validationError(location: string, report: CsvReportLike): CsvValidationError {
  const first = report.errors[0];
  const where = first === undefined ? '' : ` line ${first.line}${first.column ? `, column ${first.column}` : ''}:`;
  const count = report.errors.length;
  const message =
    `${location} is not valid for this dataset (${count} error${count === 1 ? '' : 's'}; first,${where} ` +
    `${first?.code ?? 'INVALID'}: ${first?.message ?? 'see the report'}); nothing was uploaded or started ` +
    '(see `error.report`)';
  return new CsvValidationError(message, report);
}
