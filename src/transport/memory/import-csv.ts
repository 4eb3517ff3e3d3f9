/**
 * What a finished import job does in `MemoryTransport`: read the CSV object(s) from the in-memory S3, check them as
 * the service does (https://docs.aws.amazon.com/personalize/latest/dg/data-prep-formatting.html), and write the rows into the dataset's bulk data.
 * @module
 */
import { parse } from 'csv-parse/sync';
import { MIN_INTERACTIONS_PER_IMPORT } from '../../limits.js';
import type { DatasetType, ImportMode } from '../transport.js';
import type { MemoryObjects } from './memory-objects.js';
import type { BulkRow, DatasetState, SchemaState } from './memory-types.js';

/** The column that identifies a row, for the types an import upserts. */
const ID_COLUMN: Partial<Record<DatasetType, string>> = { Users: 'USER_ID', Items: 'ITEM_ID', Actions: 'ACTION_ID' };

/** An import's failure: the `failureReason` the job reports. */
class ImportFailure extends Error {}

/** The schema's fields that may not be empty: those whose type is not a union with `null`. */
export function requiredColumns(schema: string): string[] {
  const parsed = JSON.parse(schema) as { fields?: { name?: unknown; type?: unknown }[] };
  return (parsed.fields ?? [])
    .filter((field) => !(Array.isArray(field.type) && field.type.includes('null')))
    .map((field) => String(field.name));
}

function objectKeys(objects: MemoryObjects, dataLocation: string): { bucket: string; keys: string[] } {
  const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(dataLocation);
  if (match === null) {
    throw new ImportFailure(`Cannot read ${dataLocation}: only s3:// locations of a bucket and a key are supported.`);
  }
  const [, bucket = '', key = ''] = match;
  if (!objects.hasBucket(bucket)) throw new ImportFailure(`Input bucket ${bucket} does not exist or is not readable.`);
  if (key !== '' && !key.endsWith('/')) return { bucket, keys: [key] };
  const keys = objects
    .list(bucket, key)
    .map((info) => info.key)
    .filter((name) => name.toLowerCase().endsWith('.csv'));
  if (keys.length === 0) throw new ImportFailure(`No CSV files found in ${dataLocation}.`);
  return { bucket, keys };
}

function readCsv(objects: MemoryObjects, bucket: string, key: string, required: readonly string[]): BulkRow[] {
  const location = `s3://${bucket}/${key}`;
  let bytes: Buffer;
  try {
    bytes = objects.bytes({ bucket, key });
  } catch {
    throw new ImportFailure(`Input file ${location} does not exist or is not readable.`);
  }
  let header: string[] = [];
  let rows: BulkRow[];
  try {
    rows = parse(bytes, {
      bom: true,
      columns: (names: string[]) => {
        header = names;
        return names;
      },
      escape: '\\',
      skip_empty_lines: true,
    }) as BulkRow[];
  } catch (cause) {
    throw new ImportFailure(`Invalid CSV in ${location}: ${(cause as Error).message}`);
  }
  const missing = required.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    throw new ImportFailure(`Input CSV ${location} is missing the following columns: [${missing.join(', ')}]`);
  }
  return rows;
}

function applyRows(dataset: DatasetState, mode: ImportMode, rows: readonly BulkRow[]): void {
  const idColumn = ID_COLUMN[dataset.type];
  const bulk = mode === 'FULL' ? new Map<string, BulkRow>() : dataset.bulk;
  if (mode === 'FULL') dataset.bulkSerial = 0;
  for (const row of rows) {
    const id = idColumn === undefined ? undefined : row[idColumn];
    bulk.set(id ?? `#${++dataset.bulkSerial}`, row);
  }
  dataset.bulk = bulk;
}

/**
 * Runs an import of `dataLocation` into `dataset`: answers the job's failure reason, or `undefined` when the rows
 * were written (FULL replaces the bulk rows; INCREMENTAL appends, replacing rows with the same id).
 */
export function runImport(
  objects: MemoryObjects,
  dataset: DatasetState,
  schema: SchemaState,
  job: { dataLocation: string; importMode: ImportMode },
): string | undefined {
  try {
    const { bucket, keys } = objectKeys(objects, job.dataLocation);
    const required = requiredColumns(schema.schema);
    const rows = keys.flatMap((key) => readCsv(objects, bucket, key, required));
    if (dataset.type === 'Interactions' && rows.length < MIN_INTERACTIONS_PER_IMPORT) {
      throw new ImportFailure(
        `The import has fewer than ${MIN_INTERACTIONS_PER_IMPORT} interactions (${rows.length} found). ` +
          `Import at least ${MIN_INTERACTIONS_PER_IMPORT} interaction records.`,
      );
    }
    applyRows(dataset, job.importMode, rows);
    return undefined;
  } catch (error) {
    if (error instanceof ImportFailure) return error.message;
    throw error;
  }
}
