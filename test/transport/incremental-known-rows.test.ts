/**
 * An INCREMENTAL import counts its distinct new interaction records against the dataset's stored rows by looking each
 * row's record key up in the stored map (whose keys are those record keys), not by re-keying every stored row: on a
 * dataset of millions of rows, each job would otherwise cost time and memory in proportion to the whole dataset.
 */
import { describe, expect, it } from 'vitest';
import { applyRows, countNewRecords } from '../../src/transport/memory/import-rows.js';
import type { BulkRow, DatasetState } from '../../src/transport/memory/memory-types.js';

const FIELDS = ['USER_ID', 'ITEM_ID', 'TIMESTAMP', 'EVENT_TYPE'];
const row = (i: number): BulkRow => ({
  USER_ID: `u${i}`,
  ITEM_ID: `i${i}`,
  TIMESTAMP: String(1_735_689_600 + i),
  EVENT_TYPE: 'click',
});

/** A map of stored rows that refuses to be walked: a count that re-keys the dataset fails. */
class UnwalkableRows extends Map<string, BulkRow> {
  override values(): MapIterator<BulkRow> {
    throw new Error('the count walked every stored row');
  }
  override entries(): MapIterator<[string, BulkRow]> {
    throw new Error('the count walked every stored row');
  }
  override keys(): MapIterator<string> {
    throw new Error('the count walked every stored row');
  }
  override forEach(): void {
    throw new Error('the count walked every stored row');
  }
  override [Symbol.iterator](): MapIterator<[string, BulkRow]> {
    throw new Error('the count walked every stored row');
  }
}

function interactionsDataset(stored: readonly BulkRow[]): DatasetState {
  const dataset = {
    arn: 'arn:aws:personalize:us-east-1:123456789012:dataset/g/INTERACTIONS',
    name: 'g-interactions',
    groupArn: 'arn:aws:personalize:us-east-1:123456789012:dataset-group/g',
    type: 'Interactions',
    schemaArn: 'arn:aws:personalize:us-east-1:123456789012:schema/s',
    createdAt: 0,
    records: new Map(),
    bulk: new Map<string, BulkRow>(),
    bulkSerial: 0,
  } satisfies DatasetState;
  applyRows(dataset, 'FULL', stored, FIELDS);
  return dataset;
}

describe('INCREMENTAL: new records counted against the stored rows', () => {
  it('looks rows up by their record key, without walking the stored rows', () => {
    const stored = Array.from({ length: 500 }, (_, i) => row(i));
    const dataset = interactionsDataset(stored);
    dataset.bulk = new UnwalkableRows(dataset.bulk);
    // 300 rows already stored, 700 new, 200 of them twice.
    const incoming = [
      ...Array.from({ length: 300 }, (_, i) => row(i + 200)),
      ...Array.from({ length: 700 }, (_, i) => row(i + 500)),
      ...Array.from({ length: 200 }, (_, i) => row(i + 500)),
    ];
    expect(countNewRecords(dataset, incoming, FIELDS, 1_000)).toBe(700);
  });

  it('stops counting at `enough`', () => {
    const dataset = interactionsDataset([row(0)]);
    const incoming = Array.from({ length: 50 }, (_, i) => row(i));
    expect(countNewRecords(dataset, incoming, FIELDS, 10)).toBe(10);
    expect(countNewRecords(dataset, incoming, FIELDS, 1_000)).toBe(49);
  });
});
