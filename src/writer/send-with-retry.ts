/**
 * One call, with retries, down to the transport: every attempt waits in the call type's limiter queue (retries at
 * its head), throttles and transient faults are retried with full-jitter back-off within a count and a time budget,
 * anything else is final. A call in flight ends when the close deadline aborts it, whether or not the transport
 * heeds the signal: its late answer is ignored.
 * @module
 */
import pRetry from 'p-retry';
import {
  ConflictError,
  FatalTransportError,
  InvalidInputError,
  LimitExceededError,
  NotFoundError,
  ThrottledError,
  TransientError,
} from '../errors.js';
import type { WireRecordOf } from '../records/validate-record.js';
import type { Transport } from '../transport/transport.js';
import { backoffDelay } from '../util/backoff.js';
import type { Clock } from '../util/clock.js';
import type { Chunk } from './chunk.js';
import type { AdaptiveRateLimiter } from './rate-limiter.js';
import type { ReportBuilder } from './report-builder.js';
import type { WriterCircuit } from './writer-circuit.js';
import type { WriterRetryConfiguration } from './writer-options.js';

/** What the sends of one lane share, built once with the lane. */
export interface SendContext {
  transport: Transport;
  limiter: AdaptiveRateLimiter;
  retry: WriterRetryConfiguration;
  clock: Clock;
  random: () => number;
  report: ReportBuilder;
  /** Its `callSignal` aborts calls in flight, its `waitSignal` waits in the queue and in back-off. */
  circuit: WriterCircuit;
  /** Called as each attempt leaves the limiter's queue (the buffer may seal another chunk: record-buffer.ts). */
  wentOut: () => void;
  /** Called as each attempt's call to the transport ends, answered or failed (before any back-off). */
  attemptEnded: () => void;
  /**
   * Whether a queued chunk may still take records (the writer takes puts). Once it does not, the limiter is not given
   * the chunk to keep by fill: it releases in order (when it scanned its queue for the fullest call at every release,
   * a close with 2,000 part-full chunks queued spent 9% of the writer's CPU per record on it).
   */
  mayGrow: () => boolean;
}

/**
 * How a send ended. `uncertain`: an attempt reached the transport and got no answer that says nothing was stored
 * (it was cut off, or failed as a timeout or 5xx might after the service stored the records).
 */
export type SendResult =
  | { ok: true; attempts: number }
  | { ok: false; attempts: number; error: unknown; uncertain: boolean };

/** How nearly every send ends: one object for all of them (a result is only read). */
const PASSED_FIRST: SendResult = Object.freeze({ ok: true, attempts: 1 });

/** Answers from the service that say it stored nothing. */
function isRefusal(error: unknown): boolean {
  return (
    error instanceof ThrottledError ||
    error instanceof InvalidInputError ||
    error instanceof NotFoundError ||
    error instanceof ConflictError ||
    error instanceof LimitExceededError ||
    error instanceof FatalTransportError
  );
}

function isRetryable(error: unknown): error is ThrottledError | TransientError {
  return error instanceof ThrottledError || error instanceof TransientError;
}

/** The wait before retry number `retry`: the back-off, or longer if the service asked for it (`retry-after`). */
function retryDelay(context: SendContext, retry: number, error: ThrottledError | TransientError): number {
  const backoff = backoffDelay(retry - 1, context.retry, context.random);
  const asked = (error.retryAfterSeconds ?? 0) * 1000;
  return Math.min(context.retry.maxDelayMs, Math.max(backoff, asked));
}

function wires<K extends Chunk['target']['kind']>(chunk: Chunk, _kind: K): WireRecordOf[K][] {
  // The chunk's own list: it is closed before its call goes, so it no longer changes.
  return chunk.wires as WireRecordOf[K][];
}

/** Makes the Events API call that carries `chunk`. */
function putChunk(transport: Transport, chunk: Chunk, signal: AbortSignal): Promise<void> {
  const target = chunk.target;
  const options = { signal };
  switch (target.kind) {
    case 'event': {
      const { trackingId, sessionId, userId } = target;
      const eventList = wires(chunk, 'event');
      const input =
        userId === undefined ? { trackingId, sessionId, eventList } : { trackingId, sessionId, userId, eventList };
      return transport.putEvents(input, options);
    }
    case 'user':
      return transport.putUsers({ datasetArn: target.datasetArn, users: wires(chunk, 'user') }, options);
    case 'item':
      return transport.putItems({ datasetArn: target.datasetArn, items: wires(chunk, 'item') }, options);
    case 'action':
      return transport.putActions({ datasetArn: target.datasetArn, actions: wires(chunk, 'action') }, options);
    case 'actionInteraction':
      return transport.putActionInteractions(
        { trackingId: target.trackingId, actionInteractions: wires(chunk, 'actionInteraction') },
        options,
      );
  }
}

async function attempt(
  context: SendContext,
  chunk: Chunk,
  attemptNumber: number,
  priority: boolean,
  state: { uncertain: boolean },
): Promise<void> {
  const { circuit, report } = context;
  const grows = context.mayGrow() ? chunk : undefined;
  const release = await context.limiter.acquire(circuit.waitSignal, priority || attemptNumber > 1, grows);
  // The call goes out now: the chunk takes no more records (until now it took them while it waited in the queue).
  chunk.close();
  report.attempted(attemptNumber > 1);
  context.wentOut();
  try {
    await circuit.untilCutOff(putChunk(context.transport, chunk, circuit.callSignal));
    context.attemptEnded();
    release('ok');
  } catch (error) {
    context.attemptEnded();
    if (!isRefusal(error)) state.uncertain = true;
    const throttled = error instanceof ThrottledError;
    if (throttled) report.throttled();
    release(throttled ? 'throttled' : 'failed');
    throw error;
  }
}

/**
 * After failed attempt number `attemptNumber`: whether to try again, having waited the back-off when so. Only
 * throttles and transient faults are retried, and only while the wait fits the time budget.
 */
async function mayRetry(context: SendContext, start: number, error: unknown, attemptNumber: number): Promise<boolean> {
  if (!isRetryable(error)) return false;
  const delay = retryDelay(context, attemptNumber, error);
  if (context.clock.now() - start + delay > context.retry.timeoutMs) return false;
  await context.clock.sleep(delay, context.circuit.waitSignal);
  return true;
}

/**
 * Sends `chunk`, retrying what may pass. Never throws: the result says how it ended. The first attempt is made
 * directly, since nearly every call passes at once; p-retry counts the retries after it.
 */
export async function sendWithRetry(context: SendContext, chunk: Chunk, priority: boolean): Promise<SendResult> {
  const start = context.clock.now();
  const state = { uncertain: false };
  let attempts = 1;
  try {
    await attempt(context, chunk, 1, priority, state);
    return PASSED_FIRST;
  } catch (error) {
    try {
      if (context.retry.retries === 0 || !(await mayRetry(context, start, error, 1))) {
        return { ok: false, attempts, error, uncertain: state.uncertain };
      }
    } catch (cut) {
      // The back-off was cut short (the close deadline, a fatal error): that is how it ended, as for a later retry.
      return { ok: false, attempts, error: cut, uncertain: state.uncertain };
    }
  }
  try {
    await pRetry(
      (retry) => {
        attempts = retry + 1;
        return attempt(context, chunk, attempts, priority, state);
      },
      {
        retries: context.retry.retries - 1,
        // p-retry counts attempts and stops on the budget; the delay is ours (full jitter, retry-after, our clock).
        minTimeout: 0,
        factor: 1,
        shouldRetry: ({ error, attemptNumber }) => mayRetry(context, start, error, attemptNumber + 1),
      },
    );
    return { ok: true, attempts };
  } catch (error) {
    return { ok: false, attempts, error, uncertain: state.uncertain };
  }
}
