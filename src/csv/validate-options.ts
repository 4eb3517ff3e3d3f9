/**
 * Options of `validateCsv`: every default in one object, checked before any byte is read.
 * @module
 */

import { InvalidOptionsError } from '../errors.js';
import { MAX_METADATA_FIELDS, MIN_INTERACTIONS_PER_IMPORT } from '../limits.js';
import { DATASET_TYPES, type DatasetType, type Domain, type ImportMode } from '../transport/transport.js';
import { showValue } from '../util/cut-value.js';

/** Options of `validateCsv`. */
export interface ValidateCsvOptions {
  /** The dataset's Avro schema: the JSON string `DescribeSchema` returns, or the parsed object. */
  schema: string | object;
  /** The type of the dataset the file is for. */
  datasetType: DatasetType;
  /**
   * The import mode, for the size limit (INCREMENTAL 1 GB, FULL 100 GB). No size check when omitted.
   * @default undefined
   */
  mode?: ImportMode | undefined;
  /**
   * The domain of the dataset group, for its required fields and use-case warnings. Omit for a Custom group.
   * @default undefined
   */
  domain?: Domain | undefined;
  /**
   * How many errors, and how many warnings, the report lists; the rest are only counted.
   * @default 100
   */
  maxIssues?: number;
  /**
   * Fewest records an Interactions file must hold (the service refuses an import with fewer). Set 0 when the file is
   * one of several in a folder import, where the minimum applies to all of them together.
   * @default 1000 (`limits.MIN_INTERACTIONS_PER_IMPORT`)
   */
  minInteractions?: number;
  /**
   * Distinct users remembered while looking for the 25 users with 2 or more interactions that training needs.
   * Bounds memory: past it, new users are not tracked (about 100 bytes each).
   * @default 100000
   */
  maxTrackedUsers?: number;
  /**
   * Largest record, in bytes. A larger one is almost always an unclosed quote; validation stops there.
   * @default 16777216 (16 MiB)
   */
  maxRecordBytes?: number;
  /**
   * Largest header row, in bytes. A larger one (a line of commas, binary data) stops validation with
   * `HEADER_TOO_LARGE`, before it can take memory: 1,000 columns of 64-character names fit.
   * @default 65536 (64 KiB)
   */
  maxHeaderBytes?: number;
  /**
   * Most columns a header may have; more stops validation with `HEADER_TOO_LARGE`. The service allows at most 100
   * metadata fields (Items, `limits.MAX_METADATA_FIELDS`) besides a few required and reserved ones: the default is
   * ten times that. The tokenizer stores no more fields of any row than this (the rest are counted), so a row of
   * commas cannot take memory either.
   * @default 1000
   */
  maxHeaderFields?: number;
  /**
   * Stops validation (rejecting with `AbortedError`).
   * @default undefined
   */
  signal?: AbortSignal | undefined;
  /**
   * Called after each chunk read, with the bytes read so far.
   * @default undefined
   */
  onProgress?: ((bytesRead: number) => void) | undefined;
}

/** The options with every default applied. */
export type ResolvedValidateCsvOptions = Required<
  Omit<ValidateCsvOptions, 'mode' | 'domain' | 'signal' | 'onProgress'>
> &
  Pick<ValidateCsvOptions, 'mode' | 'domain' | 'signal' | 'onProgress'>;

/** The defaults of every optional option. */
export const validateCsvDefaults = {
  maxIssues: 100,
  minInteractions: MIN_INTERACTIONS_PER_IMPORT,
  maxTrackedUsers: 100_000,
  maxRecordBytes: 16 * 1024 * 1024,
  maxHeaderBytes: 64 * 1024,
  maxHeaderFields: 10 * MAX_METADATA_FIELDS.Items,
} as const;

const MODES: readonly string[] = ['FULL', 'INCREMENTAL'];
const DOMAINS: readonly string[] = ['ECOMMERCE', 'VIDEO_ON_DEMAND'];

function show(value: unknown): string {
  return `\`${showValue(value)}\``;
}

function checkInteger(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new InvalidOptionsError(`Expected \`${name}\` to be an integer >= ${min}, got ${show(value)}`);
  }
}

function checkOneOf(name: string, value: unknown, allowed: readonly string[], optional: boolean): void {
  if (optional && value === undefined) return;
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw new InvalidOptionsError(`Expected \`${name}\` to be one of ${allowed.join(', ')}, got ${show(value)}`);
  }
}

/** Applies the defaults and checks every option; throws `InvalidOptionsError` naming the first bad one. */
export function resolveValidateCsvOptions(options: ValidateCsvOptions): ResolvedValidateCsvOptions {
  const resolved = { ...validateCsvDefaults, ...definedOnly(options) } as ResolvedValidateCsvOptions;
  if (typeof resolved.schema !== 'string' && (typeof resolved.schema !== 'object' || resolved.schema === null)) {
    throw new InvalidOptionsError(
      `Expected \`schema\` to be an Avro JSON string or object, got ${show(resolved.schema)}`,
    );
  }
  checkOneOf('datasetType', resolved.datasetType, DATASET_TYPES, false);
  checkOneOf('mode', resolved.mode, MODES, true);
  checkOneOf('domain', resolved.domain, DOMAINS, true);
  checkInteger('maxIssues', resolved.maxIssues, 0);
  checkInteger('minInteractions', resolved.minInteractions, 0);
  checkInteger('maxTrackedUsers', resolved.maxTrackedUsers, 0);
  checkInteger('maxRecordBytes', resolved.maxRecordBytes, 1024);
  checkInteger('maxHeaderBytes', resolved.maxHeaderBytes, 1);
  checkInteger('maxHeaderFields', resolved.maxHeaderFields, 1);
  if (resolved.onProgress !== undefined && typeof resolved.onProgress !== 'function') {
    throw new InvalidOptionsError(`Expected \`onProgress\` to be a function, got ${show(resolved.onProgress)}`);
  }
  return resolved;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
