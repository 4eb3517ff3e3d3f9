/**
 * `DatasetImporter`: bulk imports from a local file or S3 to a finished job, checked first and safe to re-run.
 * @module
 */
import { validateCsv } from '../csv/validate-csv.js';
import type { ImportJob, ImportJobSummary, ImportMode } from '../transport/transport.js';
import { RecordWriter } from '../writer/record-writer.js';
import type { RecordWriterOptions } from '../writer/writer-options.js';
import {
  checkTimeout,
  type ImportBulkOptions,
  type StartedImport,
  type WaitForJobOptions,
} from './import-bulk-options.js';
import {
  type DatasetImporterConfiguration,
  type DatasetImporterOptions,
  resolveImporterOptions,
} from './importer-options.js';
import { collect, importJobsOf } from './list-all.js';
import { pollJob } from './poll-job.js';
import type { FinishedImportJob } from './progress.js';
import { checkTarget, type DatasetTarget, resolveDatasetArn } from './resolve-dataset.js';
import { retryCall } from './retry-call.js';
import { type StartContext, startImport } from './start-import.js';

/**
 * Runs dataset import jobs: validates a CSV against the dataset's schema, uploads it, starts the job (or attaches to
 * the job a previous run started), waits for it with back-off, and resolves with the finished job.
 *
 * @example
 * ```ts
 * const importer = new DatasetImporter({ transport: new AwsTransport(), roleArn });
 * const job = await importer.importBulk('FULL', {
 *   dataset: 'Interactions',
 *   datasetGroupArn,
 *   source: { file: './interactions.csv', bucket: 'my-bucket' },
 *   onProgress: (event) => console.error(event.phase),
 * });
 * ```
 */
export class DatasetImporter {
  /** The settings in force, defaults applied. */
  readonly config: Readonly<DatasetImporterConfiguration>;
  readonly #context: StartContext;

  /**
   * Checks every option, and that the transport, clock and logger have the methods the importer calls; throws
   * `InvalidOptionsError` naming the first bad one.
   */
  constructor(options: DatasetImporterOptions) {
    this.config = Object.freeze(resolveImporterOptions(options));
    this.#context = { config: this.config, validator: validateCsv };
  }

  /** The transport the importer calls through. */
  get transport(): DatasetImporterConfiguration['transport'] {
    return this.config.transport;
  }

  /**
   * Imports `options.source` into the dataset and waits for the job to finish. `mode` is required: `'FULL'`
   * replaces the dataset's bulk data, `'INCREMENTAL'` appends to it.
   *
   * Resolves with the ACTIVE job. Rejects with `InvalidOptionsError` (before any call), `CsvValidationError`
   * (before any upload or job), `ImportJobFailedError` (the job failed; `PreviousImportJobFailedError` when a
   * re-run found its job failed before), `ImportJobTimeoutError`, `AbortedError`, or a transport error.
   */
  async importBulk(mode: ImportMode, options: ImportBulkOptions): Promise<FinishedImportJob> {
    const started = await this.startImport(mode, options);
    return this.waitForJob(started.jobArn, {
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    });
  }

  /** Does what `importBulk` does up to the job's start (or its discovery, on a re-run), without waiting. */
  async startImport(mode: ImportMode, options: ImportBulkOptions): Promise<StartedImport> {
    return startImport(this.#context, mode, options);
  }

  /**
   * Waits for a job by ARN: polls with back-off and full jitter (`poll`), tolerating throttled or failed polls
   * (they are not retried as a call: the next poll is the retry). Resolves
   * with the ACTIVE job; rejects with `ImportJobFailedError`, `ImportJobTimeoutError` (the job keeps running) or
   * `AbortedError`.
   */
  async waitForJob(jobArn: string, options: WaitForJobOptions = {}): Promise<FinishedImportJob> {
    checkTimeout(options.timeoutMs);
    const { transport, clock, random, poll } = this.config;
    return pollJob(jobArn, {
      transport,
      clock,
      random,
      poll: options.timeoutMs === undefined ? poll : { ...poll, timeoutMs: options.timeoutMs },
      signal: options.signal,
      onProgress: options.onProgress,
    });
  }

  /** Every import job of the dataset, newest first as the service lists them (every page). */
  async listJobs(target: DatasetTarget, options: { signal?: AbortSignal } = {}): Promise<ImportJobSummary[]> {
    return collect(this.iterateJobs(target, options));
  }

  /** Every import job of the dataset, page by page as they are fetched (each look-up retried as `callRetry` says). */
  async *iterateJobs(target: DatasetTarget, options: { signal?: AbortSignal } = {}): AsyncGenerator<ImportJobSummary> {
    checkTarget(target);
    const datasetArn = await resolveDatasetArn(this.config, target, options.signal);
    yield* importJobsOf(this.config, datasetArn, options.signal);
  }

  /**
   * A `RecordWriter` over this importer's transport, for the records that go in one by one (events, users, items,
   * actions, action interactions) next to the bulk data.
   * @example
   * ```ts
   * const writer = importer.createRecordWriter({ trackingId, datasets: { users: usersDatasetArn } });
   * ```
   */
  createRecordWriter(options: Omit<RecordWriterOptions, 'transport'>): RecordWriter {
    return new RecordWriter({ transport: this.config.transport, ...options });
  }

  /**
   * The job as the service sees it now (status, `failureReason` once failed, dates), without waiting; a throttled
   * or failed look-up is retried as `callRetry` says. Rejects with `NotFoundError` for an unknown ARN.
   */
  async describeJob(jobArn: string, options: { signal?: AbortSignal } = {}): Promise<ImportJob> {
    const { transport } = this.config;
    return retryCall(this.config, options.signal, (call) => transport.describeDatasetImportJob(jobArn, call));
  }
}
