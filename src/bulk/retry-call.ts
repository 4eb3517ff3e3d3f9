/**
 * The importer's retry of one call. `AwsTransport` builds its clients with `maxAttempts: 1` so that the SDK's retry
 * does not multiply with the library's: the importer must then retry its own look-ups and its create, or one throttle
 * on ListDatasetImportJobs fails a whole import. Each call site says whether it retries by calling `retryCall`; the
 * ones that do not: the polls (`pollJob` tolerates failed polls itself, within its own budget), the upload and the
 * object stream (a retried stream would restart from its first byte).
 * @module
 */
import { ThrottledError, TransientError } from '../errors.js';
import type { CallOptions, Transport } from '../transport/transport.js';
import { type BackoffConfiguration, backoffDelay } from '../util/backoff.js';
import type { Clock } from '../util/clock.js';

/** What `retryCall` waits with: the importer's clock, jitter and `callRetry` budget. */
export interface CallRetryContext {
  clock: Clock;
  random: () => number;
  callRetry: BackoffConfiguration;
}

/** The transport and the retry policy of the importer's calls (a `DatasetImporterConfiguration` is one). */
export interface CallContext extends CallRetryContext {
  transport: Transport;
}

/**
 * Runs `call` (with `signal` in its `CallOptions`) until it resolves, retrying `ThrottledError` and `TransientError`
 * with full-jitter back-off until `callRetry.timeoutMs` has passed; then rethrows the last error. Any other error
 * rejects at once; an abort while waiting rejects with `AbortedError`.
 */
export async function retryCall<T>(
  context: CallRetryContext,
  signal: AbortSignal | undefined,
  call: (options: CallOptions) => Promise<T>,
): Promise<T> {
  const { clock, random, callRetry } = context;
  const options: CallOptions = signal === undefined ? {} : { signal };
  const startedAt = clock.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await call(options);
    } catch (error) {
      if (!(error instanceof ThrottledError || error instanceof TransientError)) throw error;
      const remainingMs = callRetry.timeoutMs - (clock.now() - startedAt);
      if (remainingMs <= 0) throw error;
      // At least 1 ms, so that time moves between attempts even when the jitter draws 0.
      await clock.sleep(Math.max(1, Math.min(backoffDelay(attempt, callRetry, random), remainingMs)), signal);
    }
  }
}
