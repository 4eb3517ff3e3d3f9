/**
 * The target of an import: a dataset ARN, or a dataset type within a dataset group (found with ListDatasets).
 * @module
 */
import { NotFoundError } from '../errors.js';
import { DATASET_ARN_PATTERN, MAX_DATASET_ARN_LENGTH } from '../limits.js';
import { DATASET_TYPES, type DatasetType } from '../transport/transport.js';
import { expectString, failOption } from '../util/expect.js';
import { allPages } from './list-all.js';
import { type CallContext, retryCall } from './retry-call.js';

/** A dataset named by its ARN. */
export interface DatasetArnTarget {
  /** The dataset's ARN. */
  datasetArn: string;
  /** Not with `datasetArn`: give the ARN, or `dataset` with `datasetGroupArn`, never both (`InvalidOptionsError`). */
  dataset?: never;
  /** Not with `datasetArn`: the ARN already names the group. */
  datasetGroupArn?: never;
}

/** A dataset named by its type within a dataset group. */
export interface DatasetTypeTarget {
  /** The dataset's type; the group has at most one of each. */
  dataset: DatasetType;
  /** The dataset group's ARN. */
  datasetGroupArn: string;
  /** Not with `dataset`: give the type and the group, or the ARN, never both (`InvalidOptionsError`). */
  datasetArn?: never;
}

/** Which dataset: `{ datasetArn }` or `{ dataset, datasetGroupArn }`. */
export type DatasetTarget = DatasetArnTarget | DatasetTypeTarget;

/** Checks the shape of a target without any call; throws `InvalidOptionsError`. */
export function checkTarget(target: Partial<Record<'datasetArn' | 'dataset' | 'datasetGroupArn', unknown>>): void {
  const { datasetArn, dataset, datasetGroupArn } = target;
  if (datasetArn !== undefined) {
    const other = dataset !== undefined ? 'dataset' : datasetGroupArn !== undefined ? 'datasetGroupArn' : undefined;
    if (other !== undefined) {
      failOption(other, 'absent when `datasetArn` names the dataset (pass one of the two ways)', target[other]);
    }
    expectString('datasetArn', datasetArn, {
      maxLength: MAX_DATASET_ARN_LENGTH,
      pattern: DATASET_ARN_PATTERN,
      what: 'a Personalize dataset ARN',
    });
    return;
  }
  if (!DATASET_TYPES.includes(dataset as DatasetType)) {
    failOption(
      'dataset',
      `one of ${DATASET_TYPES.join(', ')} with \`datasetGroupArn\`, or \`datasetArn\` instead`,
      dataset,
    );
  }
  expectString('datasetGroupArn', datasetGroupArn, {
    pattern: DATASET_GROUP_ARN_PATTERN,
    what: 'a Personalize dataset group ARN',
  });
}

// `arn:<partition>:personalize:…`: the group's own shape is checked by the service on the first call.
const DATASET_GROUP_ARN_PATTERN = /^arn:[a-z\d-]+:personalize:/;

/** The dataset's ARN; for a type within a group, looks through every page of ListDatasets (each page retried). */
export async function resolveDatasetArn(
  context: CallContext,
  target: DatasetTarget,
  signal?: AbortSignal,
): Promise<string> {
  if (target.datasetArn !== undefined) return target.datasetArn;
  const { dataset, datasetGroupArn } = target;
  const pages = allPages((nextToken) => {
    const input = { datasetGroupArn, ...(nextToken === undefined ? {} : { nextToken }) };
    return retryCall(context, signal, (call) => context.transport.listDatasets(input, call));
  }, signal);
  const found: string[] = [];
  for await (const summary of pages) {
    if (summary.datasetType === dataset) return summary.datasetArn;
    found.push(summary.datasetType);
  }
  throw new NotFoundError(
    `Dataset group ${datasetGroupArn} has no ${dataset} dataset` +
      (found.length === 0 ? ' (it has no datasets yet)' : ` (it has: ${found.join(', ')})`) +
      ': create it first, or pass its `datasetArn`',
  );
}
