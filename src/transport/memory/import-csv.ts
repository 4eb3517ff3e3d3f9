/**
 * What a finished import job does in `MemoryTransport`: stream each CSV object of its source from the in-memory S3
 * through the checks of `validateCsv` against the dataset's schema (the service's rules,
 * https://docs.aws.amazon.com/personalize/latest/dg/data-prep-formatting.html), then, only when every file passes and
 * the import holds enough interactions, write the rows into the dataset's bulk data.
 * @module
 */
import { setImmediate as realSetImmediate } from 'node:timers';
import { parseAvroSchema } from '../../csv/avro-schema.js';
import { type CsvRecord, fieldText } from '../../csv/csv-record.js';
import type { ColumnSpec } from '../../csv/header-checks.js';
import type { CsvIssue } from '../../csv/report.js';
import { runCsvValidation } from '../../csv/validate-csv.js';
import { type ResolvedValidateCsvOptions, validateCsvDefaults } from '../../csv/validate-options.js';
import type { CsvIssueCode } from '../../csv/validation-codes.js';
import type { DatasetType, ImportMode, ObjectLocation } from '../transport.js';
import { applyRows, checkInteractionCount } from './import-rows.js';
import { ImportFailure, s3Uri, sourceObjects } from './job-source.js';
import type { MemoryObjects } from './memory-objects.js';
import type { MemoryTransportConfiguration } from './memory-options.js';
import type { BulkRow, DatasetState, SchemaState } from './memory-types.js';

/** The settings of the fake that change how a job reads its files. */
export type ImportRules = Pick<MemoryTransportConfiguration, 'rejectMillisecondTimestamps' | 'importSubfolders'>;

/** Bytes checked between two turns of the event loop: an endpoint serving the fake keeps answering during a job. */
const CHUNK_BYTES = 1024 * 1024;

const NOTHING_IGNORED: ReadonlySet<CsvIssueCode> = new Set();
const MILLISECONDS_IGNORED: ReadonlySet<CsvIssueCode> = new Set(['TIMESTAMP_IN_MILLISECONDS']);

/** The failure reason of a file's first error: the file, the line (and column), the problem and its code. */
function failureOf(location: ObjectLocation, issue: CsvIssue): string {
  const line = issue.line > 0 ? `, line ${issue.line}` : '';
  const column = issue.column === undefined ? '' : `, column ${issue.column}`;
  return `Invalid CSV ${s3Uri(location)}${line}${column}: ${issue.message} (${issue.code}).`;
}

/**
 * The body in chunks of at most `CHUNK_BYTES`, letting other work run between them: an object held as one buffer
 * would otherwise be read, checked and turned into rows in one go, blocking the process for as long. The real
 * `setImmediate` (of `node:timers`), so that fake timers installed by a test do not freeze a job.
 */
async function* paced(body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  for await (const chunk of body) {
    for (let at = 0; at < chunk.byteLength; at += CHUNK_BYTES) {
      yield chunk.subarray(at, at + CHUNK_BYTES);
      await new Promise<void>((resolve) => realSetImmediate(resolve));
    }
  }
}

/** A data record as a bulk row, by schema field name; `fromEntries` keeps a key like `__proto__` as data. */
function rowOf(record: CsvRecord, columns: readonly ColumnSpec[]): BulkRow {
  return Object.fromEntries(columns.map((column, index) => [column.name, fieldText(record, index)]));
}

/** The schema's field names, in schema order; a schema the checks cannot read fails the job, not the call. */
function schemaFields(schema: string): string[] {
  try {
    return parseAvroSchema(schema).fields.map((field) => field.name);
  } catch (cause) {
    throw new ImportFailure(`The dataset's schema cannot be read: ${(cause as Error).message}`);
  }
}

/** Validation options of one file: the minimum of interactions is checked on the whole import, not per file. */
function optionsFor(schema: string, datasetType: DatasetType): ResolvedValidateCsvOptions {
  return { ...validateCsvDefaults, schema, datasetType, minInteractions: 0, maxIssues: 1 };
}

/** Streams one object through the checks; answers its rows, or throws `ImportFailure` naming its first error. */
async function readObject(
  objects: MemoryObjects,
  location: ObjectLocation,
  options: ResolvedValidateCsvOptions,
  ignore: ReadonlySet<CsvIssueCode>,
): Promise<BulkRow[]> {
  let body: AsyncIterable<Uint8Array>;
  try {
    // Awaited so that a store whose reads are asynchronous (objects spilled to disk) works the same.
    body = await objects.get(location);
  } catch {
    throw new ImportFailure(`Input file ${s3Uri(location)} does not exist or is not readable.`);
  }
  const rows: BulkRow[] = [];
  const onRow = (record: CsvRecord, columns: readonly ColumnSpec[]) => rows.push(rowOf(record, columns));
  let first: CsvIssue | undefined;
  try {
    const report = await runCsvValidation(paced(body), options, { onRow, stopAtFirstError: true, ignore });
    first = report.errors[0];
  } catch (cause) {
    throw new ImportFailure(`Input file ${s3Uri(location)} could not be read: ${(cause as Error).message}`);
  }
  if (first !== undefined) throw new ImportFailure(failureOf(location, first));
  return rows;
}

/**
 * Runs an import of `job.dataLocation` into `dataset`: answers the job's failure reason, or `undefined` once the rows
 * are written (FULL replaces the bulk rows; INCREMENTAL appends, replacing rows with the same id).
 */
export async function runImport(
  objects: MemoryObjects,
  dataset: DatasetState,
  schema: SchemaState,
  job: { dataLocation: string; importMode: ImportMode },
  rules: ImportRules,
): Promise<string | undefined> {
  try {
    const locations = sourceObjects(objects, job.dataLocation, rules.importSubfolders);
    const fields = schemaFields(schema.schema);
    const options = optionsFor(schema.schema, dataset.type);
    const ignore = rules.rejectMillisecondTimestamps ? NOTHING_IGNORED : MILLISECONDS_IGNORED;
    const rows: BulkRow[] = [];
    for (const location of locations) {
      for (const row of await readObject(objects, location, options, ignore)) rows.push(row);
    }
    checkInteractionCount(dataset, job.importMode, rows, fields);
    applyRows(dataset, job.importMode, rows, fields);
    return undefined;
  } catch (error) {
    if (error instanceof ImportFailure) return error.message;
    throw error;
  }
}
