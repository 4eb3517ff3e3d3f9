/**
 * One call, with retries: every attempt waits in the call type's limiter queue (retries at its head), throttles and
 * transient faults are retried with full-jitter back-off within a count and a time budget, anything else is final.
 * @module
 */
import pRetry from 'p-retry';
import { ThrottledError, TransientError } from '../errors.js';
import type { Transport } from '../transport/transport.js';
import { backoffDelay } from '../util/backoff.js';
import type { Clock } from '../util/clock.js';
import { type Chunk, sendChunk } from './chunk.js';
import type { AdaptiveRateLimiter } from './rate-limiter.js';
import type { WriterStats } from './report.js';
import type { RetryOptions } from './writer-options.js';

/** What a send needs from its writer. */
export interface SendContext {
  transport: Transport;
  limiter: AdaptiveRateLimiter;
  retry: Required<RetryOptions>;
  clock: Clock;
  random: () => number;
  stats: WriterStats;
  signal: AbortSignal;
  /** Called when a chunk's first attempt is released, right before it is sent. */
  onRelease: (chunk: Chunk) => void;
}

/** How a send ended. */
export type SendResult = { ok: true; attempts: number } | { ok: false; attempts: number; error: unknown };

function isRetryable(error: unknown): error is ThrottledError | TransientError {
  return error instanceof ThrottledError || error instanceof TransientError;
}

/** The wait before retry number `retry`: the back-off, or longer if the service asked for it (`retry-after`). */
function retryDelay(context: SendContext, retry: number, error: ThrottledError | TransientError): number {
  const { baseDelayMs, maxDelayMs } = context.retry;
  const backoff = backoffDelay(retry - 1, { initialDelayMs: baseDelayMs, maxDelayMs }, context.random);
  const asked = (error.retryAfterSeconds ?? 0) * 1000;
  return Math.min(context.retry.maxDelayMs, Math.max(backoff, asked));
}

async function attempt(context: SendContext, chunk: Chunk, attemptNumber: number, priority: boolean): Promise<void> {
  const release = await context.limiter.acquire(context.signal, priority || attemptNumber > 1);
  if (attemptNumber === 1) context.onRelease(chunk);
  context.stats.calls += 1;
  if (attemptNumber > 1) context.stats.retried += 1;
  try {
    await sendChunk(context.transport, chunk, context.signal);
    release('ok');
  } catch (error) {
    const throttled = error instanceof ThrottledError;
    if (throttled) context.stats.throttled += 1;
    release(throttled ? 'throttled' : 'failed');
    throw error;
  }
}

/** Sends `chunk`, retrying what may pass. Never throws: the result says how it ended. */
export async function sendWithRetry(context: SendContext, chunk: Chunk, priority: boolean): Promise<SendResult> {
  const start = context.clock.now();
  let attempts = 0;
  try {
    await pRetry(
      (attemptNumber) => {
        attempts = attemptNumber;
        return attempt(context, chunk, attemptNumber, priority);
      },
      {
        retries: context.retry.retries,
        // p-retry counts attempts and stops on the budget; the delay is ours (full jitter, retry-after, our clock).
        minTimeout: 0,
        factor: 1,
        shouldRetry: async ({ error, attemptNumber }) => {
          if (!isRetryable(error)) return false;
          const delay = retryDelay(context, attemptNumber, error);
          if (context.clock.now() - start + delay > context.retry.maxRetryTimeMs) return false;
          await context.clock.sleep(delay, context.signal);
          return true;
        },
      },
    );
    return { ok: true, attempts };
  } catch (error) {
    return { ok: false, attempts, error };
  }
}
