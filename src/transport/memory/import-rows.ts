/**
 * Writing an import's rows into a dataset of `MemoryTransport`, and the minimum of interaction records an import
 * needs. Interaction rows have no id: two rows identical on every column are one record, as the service "keeps only
 * one" of two interaction events with exactly the same timestamp and properties
 * (https://docs.aws.amazon.com/personalize/latest/dg/bulk-data-import.html).
 * @module
 */
import { MIN_INTERACTIONS_PER_IMPORT } from '../../limits.js';
import type { DatasetType, ImportMode } from '../transport.js';
import { ImportFailure } from './job-source.js';
import type { BulkRow, DatasetState } from './memory-types.js';

/** The column that identifies a row, for the types an import upserts. */
const ID_COLUMN: Partial<Record<DatasetType, string>> = { Users: 'USER_ID', Items: 'ITEM_ID', Actions: 'ACTION_ID' };

/**
 * The types whose INCREMENTAL import needs `MIN_INTERACTIONS_PER_IMPORT` new records: appending to an Item
 * interactions or an Action interactions dataset with an import job needs at least 1,000 new item interaction or
 * action interaction records (https://docs.aws.amazon.com/personalize/latest/dg/updating-existing-bulk-data.html).
 */
const NEW_RECORDS_NEEDED: Partial<Record<DatasetType, string>> = {
  Interactions: 'interaction',
  Action_Interactions: 'action interaction',
};

/** A row's identity as a record: its value in every schema field (a column the file left out reads as empty). */
export function recordKey(row: BulkRow, fields: readonly string[]): string {
  return JSON.stringify(fields.map((field) => row[field] ?? ''));
}

/**
 * Distinct records among `rows` that the dataset does not hold yet, counted up to `enough` (the rest need not be
 * counted to know the minimum is met). For the types without an id column (the ones counted), the dataset's bulk
 * rows are stored by their record key (`applyRows`): each row is looked up there, so a job costs time in proportion
 * to its own rows, not to the dataset's.
 */
export function countNewRecords(
  dataset: DatasetState,
  rows: readonly BulkRow[],
  fields: readonly string[],
  enough: number,
): number {
  const seen = new Set<string>();
  let fresh = 0;
  for (const row of rows) {
    if (fresh >= enough) break;
    const key = recordKey(row, fields);
    if (seen.has(key) || dataset.bulk.has(key)) continue;
    seen.add(key);
    fresh++;
  }
  return fresh;
}

/**
 * Throws the job's failure when the import holds too few interactions: FULL counts the rows of an Interactions
 * import (as `validateCsv` does); INCREMENTAL counts the distinct new records of an Interactions or Action
 * interactions import.
 */
export function checkInteractionCount(
  dataset: DatasetState,
  mode: ImportMode,
  rows: readonly BulkRow[],
  fields: readonly string[],
): void {
  const min = MIN_INTERACTIONS_PER_IMPORT;
  if (mode === 'FULL') {
    if (dataset.type === 'Interactions' && rows.length < min) {
      throw new ImportFailure(
        `The import has fewer than ${min} interactions (${rows.length} found). Import at least ${min} interaction records.`,
      );
    }
    return;
  }
  const what = NEW_RECORDS_NEEDED[dataset.type];
  if (what === undefined) return;
  const fresh = countNewRecords(dataset, rows, fields, min);
  if (fresh >= min) return;
  throw new ImportFailure(
    `The import has fewer than ${min} new ${what} records (${fresh} found in ${rows.length} rows: rows identical on ` +
      `every column, or already in the dataset, are not new). Import at least ${min} new ${what} records.`,
  );
}

/** Writes the rows: FULL replaces the bulk rows, INCREMENTAL merges them (by id, or by record for interactions). */
export function applyRows(
  dataset: DatasetState,
  mode: ImportMode,
  rows: readonly BulkRow[],
  fields: readonly string[],
): void {
  const idColumn = ID_COLUMN[dataset.type];
  const bulk = mode === 'FULL' ? new Map<string, BulkRow>() : dataset.bulk;
  for (const row of rows) {
    const id = idColumn === undefined ? undefined : row[idColumn];
    bulk.set(id ?? recordKey(row, fields), row);
  }
  dataset.bulk = bulk;
}
