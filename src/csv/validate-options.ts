/**
 * Options of `validateCsv` in the one shape of the library: `ValidateCsvConfiguration` holds every option that has a
 * default, `validateCsvDefaults` every default, and `resolveValidateCsvOptions` applies them and checks every option
 * (with util/expect.ts) before any byte is read.
 * @module
 */
import { MAX_METADATA_FIELDS, MIN_INTERACTIONS_PER_IMPORT } from '../limits.js';
import { DATASET_TYPES, type DatasetType, type Domain, type ImportMode } from '../transport/transport.js';
import {
  expectFunction,
  expectInteger,
  expectKnownKeys,
  expectMethods,
  expectObject,
  expectOneOf,
  failOption,
} from '../util/expect.js';

/** Every option of `validateCsv` that has a default. */
export interface ValidateCsvConfiguration {
  /**
   * The import mode, for the size limit of one job (INCREMENTAL 1 GB, FULL 100 GB): a larger file is an error
   * (`FILE_TOO_LARGE`). No size check when undefined.
   * @default undefined
   */
  mode: ImportMode | undefined;
  /**
   * The domain of the dataset group, for its required fields (`DOMAIN_FIELD_MISSING`) and the events its use cases
   * need (`USE_CASE_EVENTS_SHORT`). Leave undefined for a Custom dataset group.
   * @default undefined
   */
  domain: Domain | undefined;
  /**
   * How many errors, and how many warnings, the report lists, an integer of at least 0; the rest are only counted
   * (`errorCount`, `warningCount`, `truncated`).
   * @default 100
   */
  maxIssues: number;
  /**
   * Fewest records an Interactions file must hold, an integer of at least 0 (the service refuses an import with fewer:
   * `TOO_FEW_INTERACTIONS`). Set 0 when the file is one of several in a folder import, where the minimum applies to
   * all of them together.
   * @default 1000 (`MIN_INTERACTIONS_PER_IMPORT`)
   */
  minInteractions: number;
  /**
   * Distinct users remembered while looking for the 25 users with 2 or more interactions that training needs, an
   * integer at least 0. Bounds memory (about 100 bytes a user): past it, new users are not tracked and the check is skipped.
   * @default 100000
   */
  maxTrackedUsers: number;
  /**
   * Largest record, in bytes, an integer of at least 1024. A larger one is almost always an unclosed quote: validation stops
   * there (`UNCLOSED_QUOTE`, or `RECORD_TOO_LARGE`).
   * @default 16777216 (16 MiB)
   */
  maxRecordBytes: number;
  /**
   * Largest header row, in bytes, an integer of at least 1. A larger one (a line of commas, binary data) stops validation with
   * `HEADER_TOO_LARGE` before it can take memory: 1,000 columns of 64-character names fit.
   * @default 65536 (64 KiB)
   */
  maxHeaderBytes: number;
  /**
   * Most columns a header may have, an integer of at least 1; more stops validation with `HEADER_TOO_LARGE`. The service
   * allows at most 100 metadata fields (Items, `MAX_METADATA_FIELDS`) besides a few required and reserved ones: the
   * default is ten times that. The tokenizer stores no more fields of any row than this (the rest are counted), so a
   * row of commas cannot take memory either.
   * @default 1000
   */
  maxHeaderFields: number;
  /**
   * Stops validation: `validateCsv` rejects with `AbortedError` at the next chunk.
   * @default undefined
   */
  signal: AbortSignal | undefined;
  /**
   * Called after each chunk read, with the bytes read so far. An error it throws rejects `validateCsv`.
   * @default undefined
   */
  onProgress: ((bytesRead: number) => void) | undefined;
}

/** Options of `validateCsv`: the dataset's schema and type, and any option of {@link ValidateCsvConfiguration}. */
export interface ValidateCsvOptions extends Partial<ValidateCsvConfiguration> {
  /** The dataset's Avro schema: the JSON string `DescribeSchema` returns, or the parsed object. */
  schema: string | object;
  /** The type of the dataset the file is for, one of `DATASET_TYPES`. */
  datasetType: DatasetType;
}

/** The options with every default applied and checked, as the validation reads them. */
export type ResolvedValidateCsvOptions = ValidateCsvConfiguration & Pick<ValidateCsvOptions, 'schema' | 'datasetType'>;

/** The defaults of every option of {@link ValidateCsvConfiguration}. */
export const validateCsvDefaults = {
  mode: undefined,
  domain: undefined,
  maxIssues: 100,
  minInteractions: MIN_INTERACTIONS_PER_IMPORT,
  maxTrackedUsers: 100_000,
  maxRecordBytes: 16 * 1024 * 1024,
  maxHeaderBytes: 64 * 1024,
  maxHeaderFields: 10 * MAX_METADATA_FIELDS.Items,
  signal: undefined,
  onProgress: undefined,
} as const satisfies ValidateCsvConfiguration;

const IMPORT_MODES: readonly ImportMode[] = ['FULL', 'INCREMENTAL'];
const DOMAINS: readonly Domain[] = ['ECOMMERCE', 'VIDEO_ON_DEMAND'];

/**
 * Applies the defaults (an `undefined` option takes its default; `0` is kept) and checks every option.
 * @throws InvalidOptionsError naming the first bad option, what was expected and what came.
 */
export function resolveValidateCsvOptions(options: ValidateCsvOptions): ResolvedValidateCsvOptions {
  expectObject('options', options);
  expectKnownKeys(undefined, options, ['schema', 'datasetType', ...Object.keys(validateCsvDefaults)]);
  const resolved = { ...validateCsvDefaults, ...definedOnly(options) } as ResolvedValidateCsvOptions;
  const { schema } = resolved;
  if (typeof schema !== 'string' && (typeof schema !== 'object' || schema === null)) {
    failOption('schema', 'an Avro JSON string or object', schema);
  }
  expectOneOf('datasetType', resolved.datasetType, DATASET_TYPES);
  if (resolved.mode !== undefined) expectOneOf('mode', resolved.mode, IMPORT_MODES);
  if (resolved.domain !== undefined) expectOneOf('domain', resolved.domain, DOMAINS);
  expectInteger('maxIssues', resolved.maxIssues, 0, Number.MAX_SAFE_INTEGER);
  expectInteger('minInteractions', resolved.minInteractions, 0, Number.MAX_SAFE_INTEGER);
  expectInteger('maxTrackedUsers', resolved.maxTrackedUsers, 0, Number.MAX_SAFE_INTEGER);
  expectInteger('maxRecordBytes', resolved.maxRecordBytes, 1024, Number.MAX_SAFE_INTEGER);
  expectInteger('maxHeaderBytes', resolved.maxHeaderBytes, 1, Number.MAX_SAFE_INTEGER);
  expectInteger('maxHeaderFields', resolved.maxHeaderFields, 1, Number.MAX_SAFE_INTEGER);
  if (resolved.signal !== undefined) expectMethods('signal', resolved.signal, ['addEventListener'], 'an AbortSignal');
  if (resolved.onProgress !== undefined) expectFunction('onProgress', resolved.onProgress);
  return resolved;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
