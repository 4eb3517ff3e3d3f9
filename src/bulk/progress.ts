/**
 * What `importBulk` reports while it works: one event per step, told apart by `phase`.
 * @module
 */
import type { ImportJob, ImportJobStatus, ImportMode } from '../transport/transport.js';

/** An import job that finished well. */
export type FinishedImportJob = ImportJob & { status: 'ACTIVE' };

/** Reading a CSV to check it against the dataset's schema before anything is uploaded or started. */
export interface ValidatingEvent {
  /**
   * Always `'validating'`: sent once per file or object checked, before any upload or job; only when `validate` is on.
   */
  phase: 'validating';
  /** The file or `s3://` object being checked. */
  source: string;
}

/** Bytes of a local file going to S3. */
export interface UploadingEvent {
  /** Always `'uploading'`: sent first with `loadedBytes` 0, then as the transport reports bytes sent. */
  phase: 'uploading';
  /** The S3 bucket the file goes to: the source's `bucket`. */
  bucket: string;
  /** The object key it is stored under: the source's `key`, or `personalize-import/<job name>.csv` by default. */
  key: string;
  /** Bytes of the file sent so far, from 0 up to `totalBytes`. */
  loadedBytes: number;
  /** Undefined when the size is unknown. */
  totalBytes: number | undefined;
}

/** A FULL import is about to replace the bulk data an earlier import left in the dataset. */
export interface ReplacingEvent {
  /** Always `'replacing'`: sent before a FULL job is created over a dataset that had an ACTIVE bulk import. */
  phase: 'replacing';
  /** ARN of the dataset whose earlier bulk data the new job replaces (records put one by one stay). */
  datasetArn: string;
  /** The latest ACTIVE import job of the dataset, whose data the new job replaces. */
  previousJobArn: string;
}

/** CreateDatasetImportJob is being called. */
export interface CreatingEvent {
  /** Always `'creating'`: sent once before the first CreateDatasetImportJob call, not again on its retries. */
  phase: 'creating';
  /** The name the job is created with: the `jobName` option, or the one derived from dataset, mode and content. */
  jobName: string;
  /** ARN of the dataset the job imports into, resolved from the target. */
  datasetArn: string;
  /** The `s3://` file or folder the service will read (for a local file: where it was uploaded). */
  dataLocation: string;
  /** The mode the job runs in: `FULL` replaces the dataset's bulk data, `INCREMENTAL` adds to it. */
  importMode: ImportMode;
}

/** The job was created. */
export interface CreatedEvent {
  /** Always `'created'`: the service accepted the job; it starts as `CREATE PENDING`. */
  phase: 'created';
  /** ARN of the new job: pass it to `waitForJob` or DescribeDatasetImportJob. */
  jobArn: string;
  /** The name the job was created with. */
  jobName: string;
}

/** A job of that name already existed (a re-run): the importer waits on it instead of starting another. */
export interface AttachedEvent {
  /**
   * Always `'attached'`: sent instead of `creating` and `created` when the job existed; nothing is validated or
   * uploaded.
   */
  phase: 'attached';
  /** ARN of the job found, the one the import now waits on. */
  jobArn: string;
  /** The name it was found by (given or derived): the same name as this import's. */
  jobName: string;
  /** Its status when found. */
  status: ImportJobStatus;
}

/**
 * The service refused to start the job for now: another job runs on the dataset (`DATASET_IN_USE`) or the account
 * has 5 jobs pending or running (`JOB_QUOTA`). The importer sleeps `delayMs` and tries again.
 */
export interface WaitingForCapacityEvent {
  /** Always `'waiting-for-capacity'`: sent once per refusal, before the importer sleeps. */
  phase: 'waiting-for-capacity';
  /**
   * `DATASET_IN_USE`: another job runs on the dataset (`ResourceInUseException`); `JOB_QUOTA`: the account and region
   * already have 5 import jobs pending or in progress (`LimitExceededException`).
   */
  reason: 'DATASET_IN_USE' | 'JOB_QUOTA';
  /** 1 for the first refusal. */
  attempt: number;
  /**
   * Milliseconds the importer sleeps before the next attempt: a random draw under the `capacityWait` ceiling, cut to
   * the time left of `capacityWait.timeoutMs`.
   */
  delayMs: number;
  /** Since the first attempt to create the job. */
  elapsedMs: number;
}

/** A poll saw the job still running (or the poll itself failed and will be retried: then `pollError` is set). */
export interface WaitingEvent {
  /** Always `'waiting'`: sent after each poll of a job that is not ACTIVE yet, or after a poll that failed. */
  phase: 'waiting';
  /** ARN of the job being polled. */
  jobArn: string;
  /** The last status seen; `UNKNOWN` while no poll has succeeded yet. */
  status: ImportJobStatus;
  /** Since waiting began. */
  elapsedMs: number;
  /** The message of a throttled or transient poll failure that will be retried. */
  pollError?: string;
}

/** The job is ACTIVE. */
export interface DoneEvent {
  /**
   * Always `'done'`: the last event of a successful import; a failed job rejects with `ImportJobFailedError` instead.
   */
  phase: 'done';
  /** The job as the last poll described it, `status` `ACTIVE`. */
  job: FinishedImportJob;
  /** Milliseconds since waiting for the job began (on the importer's clock), not since the import started. */
  elapsedMs: number;
}

/** Every event `onProgress` receives; switch on `phase`. */
export type ImportProgressEvent =
  | ValidatingEvent
  | UploadingEvent
  | ReplacingEvent
  | CreatingEvent
  | CreatedEvent
  | AttachedEvent
  | WaitingForCapacityEvent
  | WaitingEvent
  | DoneEvent;

/** The phases, in the order they can happen. */
export type ImportPhase = ImportProgressEvent['phase'];

/** A listener of progress events. An exception it throws is swallowed: progress must never break an import. */
export type ProgressListener = (event: ImportProgressEvent) => void;

/** Calls `listener` (if any) and keeps its errors out of the import. */
export function emitProgress(listener: ProgressListener | undefined, event: ImportProgressEvent): void {
  if (listener === undefined) return;
  try {
    listener(event);
  } catch {
    // A broken progress bar must not fail or corrupt an import that is otherwise going fine.
  }
}
