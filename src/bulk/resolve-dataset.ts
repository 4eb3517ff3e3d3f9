/**
 * The target of an import: a dataset ARN, or a dataset type within a dataset group (found with ListDatasets).
 * @module
 */
import { InvalidOptionsError, NotFoundError } from '../errors.js';
import { DATASET_ARN_PATTERN, MAX_DATASET_ARN_LENGTH } from '../limits.js';
import { DATASET_TYPES, type DatasetType, type Transport } from '../transport/transport.js';
import { allPages } from './list-all.js';

/** A dataset named by its ARN. */
export interface DatasetArnTarget {
  /** The dataset's ARN. */
  datasetArn: string;
  dataset?: never;
  datasetGroupArn?: never;
}

/** A dataset named by its type within a dataset group. */
export interface DatasetTypeTarget {
  /** The dataset's type; the group has at most one of each. */
  dataset: DatasetType;
  /** The dataset group's ARN. */
  datasetGroupArn: string;
  datasetArn?: never;
}

/** Which dataset: `{ datasetArn }` or `{ dataset, datasetGroupArn }`. */
export type DatasetTarget = DatasetArnTarget | DatasetTypeTarget;

/** Checks the shape of a target without any call; throws `InvalidOptionsError`. */
export function checkTarget(target: Partial<Record<'datasetArn' | 'dataset' | 'datasetGroupArn', unknown>>): void {
  const { datasetArn, dataset, datasetGroupArn } = target;
  if (datasetArn !== undefined) {
    if (dataset !== undefined || datasetGroupArn !== undefined) {
      throw new InvalidOptionsError('Expected either `datasetArn` or `dataset` with `datasetGroupArn`, got both');
    }
    if (
      typeof datasetArn !== 'string' ||
      datasetArn.length > MAX_DATASET_ARN_LENGTH ||
      !DATASET_ARN_PATTERN.test(datasetArn)
    ) {
      throw new InvalidOptionsError(
        `Expected \`datasetArn\` to be a Personalize dataset ARN, got \`${String(datasetArn)}\``,
      );
    }
    return;
  }
  if (!DATASET_TYPES.includes(dataset as DatasetType)) {
    throw new InvalidOptionsError(
      `Expected \`datasetArn\`, or \`dataset\` to be one of ${DATASET_TYPES.join(', ')} with \`datasetGroupArn\`, got \`${String(dataset)}\``,
    );
  }
  if (typeof datasetGroupArn !== 'string' || !/^arn:[a-z\d-]+:personalize:/.test(datasetGroupArn)) {
    throw new InvalidOptionsError(
      `Expected \`datasetGroupArn\` to be a Personalize dataset group ARN, got \`${String(datasetGroupArn)}\``,
    );
  }
}

/** The dataset's ARN; for a type within a group, looks through every page of ListDatasets. */
export async function resolveDatasetArn(
  transport: Transport,
  target: DatasetTarget,
  signal?: AbortSignal,
): Promise<string> {
  if (target.datasetArn !== undefined) return target.datasetArn;
  const { dataset, datasetGroupArn } = target;
  const call = signal === undefined ? {} : { signal };
  const pages = allPages(
    (nextToken) => transport.listDatasets({ datasetGroupArn, ...(nextToken === undefined ? {} : { nextToken }) }, call),
    signal,
  );
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
