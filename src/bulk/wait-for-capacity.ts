/**
 * Starting a job when the service has room: a refusal because another job runs on the dataset (ResourceInUse) or
 * because 5 jobs are pending or running (LimitExceeded) is retried with back-off within a time budget.
 * @module
 */
import { ConflictError, LimitExceededError } from '../errors.js';
import { type BackoffConfiguration, backoffDelay } from '../util/backoff.js';
import { type Clock, throwIfAborted } from '../util/clock.js';
import { emitProgress, type ProgressListener } from './progress.js';

/** What `withCapacityWait` needs. */
export interface CapacityWaitContext {
  clock: Clock;
  random: () => number;
  capacityWait: BackoffConfiguration;
  signal?: AbortSignal | undefined;
  onProgress?: ProgressListener | undefined;
}

/** Why the service said "not now", or undefined when the error is not about capacity. */
export function capacityRefusal(error: unknown): 'DATASET_IN_USE' | 'JOB_QUOTA' | undefined {
  if (error instanceof ConflictError && error.reason === 'IN_USE') return 'DATASET_IN_USE';
  if (error instanceof LimitExceededError) return 'JOB_QUOTA';
  return undefined;
}

/**
 * Runs `attempt` until it resolves; a capacity refusal waits (announced as `waiting-for-capacity`) and tries again
 * while the budget lasts, then rethrows the last refusal. Any other error rejects at once.
 */
export async function withCapacityWait<T>(attempt: () => Promise<T>, context: CapacityWaitContext): Promise<T> {
  const { clock, capacityWait, signal } = context;
  const startedAt = clock.now();
  for (let refusals = 0; ; ) {
    throwIfAborted(signal);
    try {
      return await attempt();
    } catch (error) {
      const reason = capacityRefusal(error);
      if (reason === undefined) throw error;
      const elapsedMs = clock.now() - startedAt;
      const remainingMs = capacityWait.timeoutMs - elapsedMs;
      if (remainingMs <= 0) throw error;
      const delayMs = Math.min(backoffDelay(refusals, capacityWait, context.random), remainingMs);
      refusals++;
      emitProgress(context.onProgress, {
        phase: 'waiting-for-capacity',
        reason,
        attempt: refusals,
        delayMs,
        elapsedMs,
      });
      await clock.sleep(delayMs, signal);
    }
  }
}
