/**
 * What `importBulk` reports while it works: one event per step, told apart by `phase`.
 * @module
 */
import type { ImportJob, ImportJobStatus, ImportMode } from '../transport/transport.js';

/** An import job that finished well. */
export type FinishedImportJob = ImportJob & { status: 'ACTIVE' };

/** Reading a CSV to check it against the dataset's schema before anything is uploaded or started. */
export interface ValidatingEvent {
  phase: 'validating';
  /** The file or `s3://` object being checked. */
  source: string;
}

/** Bytes of a local file going to S3. */
export interface UploadingEvent {
  phase: 'uploading';
  bucket: string;
  key: string;
  loadedBytes: number;
  /** Undefined when the size is unknown. */
  totalBytes: number | undefined;
}

/** A FULL import is about to replace the bulk data an earlier import left in the dataset. */
export interface ReplacingEvent {
  phase: 'replacing';
  datasetArn: string;
  /** The latest ACTIVE import job of the dataset, whose data the new job replaces. */
  previousJobArn: string;
}

/** CreateDatasetImportJob is being called. */
export interface CreatingEvent {
  phase: 'creating';
  jobName: string;
  datasetArn: string;
  dataLocation: string;
  importMode: ImportMode;
}

/** The job was created. */
export interface CreatedEvent {
  phase: 'created';
  jobArn: string;
  jobName: string;
}

/** A job of that name already existed (a re-run): the importer waits on it instead of starting another. */
export interface AttachedEvent {
  phase: 'attached';
  jobArn: string;
  jobName: string;
  /** Its status when found. */
  status: ImportJobStatus;
}

/**
 * The service refused to start the job for now: another job runs on the dataset (`DATASET_IN_USE`) or the account
 * has 5 jobs pending or running (`JOB_QUOTA`). The importer sleeps `delayMs` and tries again.
 */
export interface WaitingForCapacityEvent {
  phase: 'waiting-for-capacity';
  reason: 'DATASET_IN_USE' | 'JOB_QUOTA';
  /** 1 for the first refusal. */
  attempt: number;
  delayMs: number;
  /** Since the first attempt to create the job. */
  elapsedMs: number;
}

/** A poll saw the job still running (or the poll itself failed and will be retried: then `pollError` is set). */
export interface WaitingEvent {
  phase: 'waiting';
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
  phase: 'done';
  job: FinishedImportJob;
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
