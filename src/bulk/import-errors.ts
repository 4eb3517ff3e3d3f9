/**
 * The errors of a bulk import: the job failed, a re-run found it failed before, waiting ran past its budget.
 * @module
 */
import { PersonalizeImportError } from '../errors.js';

/** An import job ended in `CREATE FAILED`. */
export class ImportJobFailedError extends PersonalizeImportError {
  /**
   * Always `'IMPORT_JOB_FAILED'`: the stable value to switch on. Thrown (the promise rejects) by `waitForJob` and
   * `importBulk` when a poll finds the job in `CREATE FAILED`, and by `startImport` and `importBulk` as
   * `PreviousImportJobFailedError` (same code) when a re-run finds its job name already failed. `failureReason` says
   * why. Job names are never reused, so a new attempt needs a new name; a derived name changes by itself once the
   * file's content does.
   */
  override readonly code = 'IMPORT_JOB_FAILED' as const;
  /** ARN of the failed job. */
  readonly jobArn: string;
  /** The service's reason, as it gave it. */
  readonly failureReason: string;
  constructor(jobArn: string, failureReason: string) {
    super(`Import job ${jobArn} failed: ${failureReason}`);
    this.name = 'ImportJobFailedError';
    this.jobArn = jobArn;
    this.failureReason = failureReason;
  }
}

/** Waiting for an import job ran past its time budget. The job goes on running on the service. */
export class ImportJobTimeoutError extends PersonalizeImportError {
  /**
   * Always `'IMPORT_JOB_TIMEOUT'`: the stable value to switch on. Thrown (the promise rejects) by `waitForJob` and
   * `importBulk` when the job is still not ACTIVE after `poll.timeoutMs` (or the call's `timeoutMs`) of polling. The
   * job is not cancelled: wait for it again with `waitForJob(jobArn)`.
   */
  override readonly code = 'IMPORT_JOB_TIMEOUT' as const;
  /** ARN of the job still running. */
  readonly jobArn: string;
  /** Its last status seen. */
  readonly lastStatus: string;
  constructor(jobArn: string, lastStatus: string, timeoutMs: number) {
    super(
      `Gave up waiting for import job ${jobArn} after ${timeoutMs} ms (last status ${lastStatus}); ` +
        'the job keeps running on the service: wait for it again by its ARN',
    );
    this.name = 'ImportJobTimeoutError';
    this.jobArn = jobArn;
    this.lastStatus = lastStatus;
  }
}

/**
 * A re-run of an import found that its job (same given or derived `jobName`) already ran and ended in
 * `CREATE FAILED`. Job names are unique for ever, so trying again takes a new `jobName`.
 */
export class PreviousImportJobFailedError extends ImportJobFailedError {
  /** The name the failed job holds. */
  readonly jobName: string;
  constructor(jobArn: string, jobName: string, failureReason: string) {
    super(jobArn, failureReason);
    this.name = 'PreviousImportJobFailedError';
    this.jobName = jobName;
    this.message =
      `Import job ${jobName} (${jobArn}) ran before and failed: ${failureReason}. ` +
      'Job names cannot be reused: fix the data, then pass a new `jobName` to import again';
  }
}
