/**
 * The options of `importBulk`, `startImport`, `waitForJob` and `listJobs`, and their checks (made before any call).
 * @module
 */

import { MAX_JOB_TAGS } from '../limits.js';
import type { ImportJobStatus, ImportMode } from '../transport/transport.js';
import { expectBoolean, expectFunction, expectObject, failOption } from '../util/expect.js';
import { type ImportSource, type ParsedSource, parseSource } from './bulk-source.js';
import { expectTimeout } from './importer-options.js';
import { checkJobName } from './job-name.js';
import type { ProgressListener } from './progress.js';
import { checkTarget, type DatasetTarget } from './resolve-dataset.js';

/** The import modes; there is no default. */
export const IMPORT_MODES: readonly ImportMode[] = ['FULL', 'INCREMENTAL'];

/** What every import option set holds besides the target. */
export interface ImportSourceOptions {
  /** `s3://bucket/key.csv`, a folder `s3://bucket/prefix/` (every CSV in it), or `{ file, bucket, key? }`. */
  source: ImportSource;
  /**
   * The job's name (1..63 letters, digits, `-`, `_`). A job of that name on the dataset is attached to, not
   * created again.
   * @default derived from the dataset, the mode and the content (see docs/bulk-import.md)
   */
  jobName?: string;
  /**
   * Check the CSV against the dataset's schema first. An `s3://` source is read from S3 to do so.
   * @default true for a local file, false for an s3:// source
   */
  validate?: boolean;
  /**
   * Publish metric attribution metrics of the imported data to S3.
   * @default not sent (the service's default)
   */
  publishAttributionMetricsToS3?: boolean;
  /**
   * Tags of the job (0..200).
   * @default none
   */
  tags?: Record<string, string>;
  /**
   * Stops the work promptly (rejects with `AbortedError`); a job already started keeps running on the service.
   * @default none
   */
  signal?: AbortSignal;
  /**
   * Called at each step (see `ImportProgressEvent`).
   * @default none
   */
  onProgress?: ProgressListener;
}

/** The options of `importBulk` and `startImport`: a target, a source, and the rest. */
export type ImportBulkOptions = DatasetTarget & ImportSourceOptions;

/** How `waitForJob` waits: cancelled by `signal`, heard through `onProgress`, bounded by `timeoutMs`. */
export interface WaitForJobOptions {
  /**
   * Stops waiting (rejects with `AbortedError`); the job keeps running.
   * @default none
   */
  signal?: AbortSignal;
  /**
   * Called after each poll (`waiting`) and at the end (`done`).
   * @default none
   */
  onProgress?: ProgressListener;
  /**
   * Overrides the importer's `poll.timeoutMs` for this wait.
   * @default the importer's `poll.timeoutMs`
   */
  timeoutMs?: number;
}

/** A started (or found) import job, as `startImport` reports it; plain data, fit for JSON. */
export interface StartedImport {
  /** ARN of the job created or attached to: pass it to `waitForJob`, which may run in another process. */
  jobArn: string;
  /** The job's name: the `jobName` option, or the one derived from dataset, mode and content (the same on a re-run). */
  jobName: string;
  /** ARN of the dataset the job imports into, resolved from the target. */
  datasetArn: string;
  /** The mode of this import, `FULL` or `INCREMENTAL`. */
  importMode: ImportMode;
  /**
   * The `s3://` file or folder the service reads: for a local file, where it was uploaded; when attached, the
   * existing job's own `dataLocation`.
   */
  dataLocation: string;
  /** True when a job of that name existed already and was attached to, false when this call created it. */
  attached: boolean;
  /** Its status when last seen. */
  status: ImportJobStatus;
}

/** The checked options. */
export interface CheckedImportOptions {
  importMode: ImportMode;
  source: ParsedSource;
}

/** Checks the mode and every option; throws `InvalidOptionsError` before any call. */
export function checkImportOptions(mode: unknown, options: ImportBulkOptions): CheckedImportOptions {
  checkMode(mode);
  expectObject('options', options);
  checkTarget(options);
  const source = parseSource(options.source);
  if (options.jobName !== undefined) checkJobName(options.jobName);
  if (options.validate !== undefined) expectBoolean('validate', options.validate);
  const { publishAttributionMetricsToS3: publish } = options;
  if (publish !== undefined) expectBoolean('publishAttributionMetricsToS3', publish);
  if (options.onProgress !== undefined) expectFunction('onProgress', options.onProgress);
  checkTags(options.tags);
  return { importMode: mode, source };
}

/** Throws unless `mode` is exactly `'FULL'` or `'INCREMENTAL'`. */
export function checkMode(mode: unknown): asserts mode is ImportMode {
  if (!IMPORT_MODES.includes(mode as ImportMode)) {
    failOption(
      'mode',
      "'FULL' or 'INCREMENTAL' (there is no default: 'FULL' replaces all of the dataset's bulk data, " +
        "'INCREMENTAL' appends)",
      mode,
    );
  }
}

/** Throws unless `timeoutMs` is absent, a positive integer or Infinity. */
export function checkTimeout(timeoutMs: unknown): asserts timeoutMs is number | undefined {
  if (timeoutMs !== undefined) expectTimeout('timeoutMs', timeoutMs, 1);
}

function checkTags(tags: unknown): void {
  if (tags === undefined) return;
  expectObject('tags', tags);
  const entries = Object.entries(tags);
  for (const [key, value] of entries) if (typeof value !== 'string') failOption(`tags.${key}`, 'a string', value);
  // 50 per resource (https://docs.aws.amazon.com/personalize/latest/dg/tagging-resources.html); the model's list is 0..200.
  if (entries.length > MAX_JOB_TAGS) failOption('tags', `an object of at most ${MAX_JOB_TAGS} tags`, entries.length);
}
