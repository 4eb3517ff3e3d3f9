/**
 * Waiting for an import job: DescribeDatasetImportJob with back-off and full jitter until ACTIVE, CREATE FAILED,
 * the time budget or the signal.
 * @module
 */

import { type PersonalizeImportError, ThrottledError, TransientError } from '../errors.js';
import { JOB_STATUS } from '../limits.js';
import type { ImportJob, ImportJobStatus, Transport } from '../transport/transport.js';
import { type BackoffConfiguration, pollDelay } from '../util/backoff.js';
import { type Clock, throwIfAborted } from '../util/clock.js';
import { ImportJobFailedError, ImportJobTimeoutError } from './import-errors.js';
import { emitProgress, type FinishedImportJob, type ProgressListener } from './progress.js';

/** What `pollJob` needs. */
export interface PollJobContext {
  transport: Transport;
  clock: Clock;
  random: () => number;
  poll: BackoffConfiguration;
  signal?: AbortSignal | undefined;
  onProgress?: ProgressListener | undefined;
}

/**
 * Polls until the job is ACTIVE (resolves with it) or CREATE FAILED (rejects with `ImportJobFailedError`).
 * Throttled and transient poll failures are retried; any other failure rejects at once. Rejects with
 * `ImportJobTimeoutError` once `poll.timeoutMs` has passed (one last poll is made at the deadline), and with
 * `AbortedError` as soon as `signal` aborts.
 */
export async function pollJob(jobArn: string, context: PollJobContext): Promise<FinishedImportJob> {
  const { clock, poll, signal } = context;
  const startedAt = clock.now();
  let lastStatus: ImportJobStatus = 'UNKNOWN';
  for (let attempt = 0; ; attempt++) {
    throwIfAborted(signal);
    const seen = await describeOnce(jobArn, context);
    const elapsedMs = clock.now() - startedAt;
    if ('job' in seen) {
      const { job } = seen;
      lastStatus = job.status;
      if (isActive(job)) {
        emitProgress(context.onProgress, { phase: 'done', job, elapsedMs });
        return job;
      }
      if (job.status === JOB_STATUS.createFailed) {
        throw new ImportJobFailedError(jobArn, job.failureReason ?? 'no reason given by the service');
      }
      emitProgress(context.onProgress, { phase: 'waiting', jobArn, status: job.status, elapsedMs });
    } else {
      emitProgress(context.onProgress, {
        phase: 'waiting',
        jobArn,
        status: lastStatus,
        elapsedMs,
        pollError: seen.error.message,
      });
    }
    const remainingMs = poll.timeoutMs - elapsedMs;
    if (remainingMs <= 0) throw new ImportJobTimeoutError(jobArn, lastStatus, poll.timeoutMs);
    await clock.sleep(Math.min(pollDelay(attempt, poll, context.random), remainingMs), signal);
  }
}

function isActive(job: ImportJob): job is FinishedImportJob {
  return job.status === JOB_STATUS.active;
}

async function describeOnce(
  jobArn: string,
  context: PollJobContext,
): Promise<{ job: ImportJob } | { error: PersonalizeImportError }> {
  try {
    const options = context.signal === undefined ? {} : { signal: context.signal };
    return { job: await context.transport.describeDatasetImportJob(jobArn, options) };
  } catch (error) {
    // A throttled or failed poll says nothing about the job: wait and ask again, within the same time budget.
    if (error instanceof ThrottledError || error instanceof TransientError) return { error };
    throw error;
  }
}
