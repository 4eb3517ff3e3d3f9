/**
 * The importer's retry of its one-shot calls. `AwsTransport` builds its clients with `maxAttempts: 1` so that the
 * SDK's retry does not multiply with the library's: the importer must then retry its own calls, or one throttle on
 * ListDatasetImportJobs fails a whole import. Polls do not go through it: `pollJob` tolerates failed polls itself.
 * Uploads and object streams are not retried here (a retried stream would restart from its first byte).
 * @module
 */
import { ThrottledError, TransientError } from '../errors.js';
import type { Transport } from '../transport/transport.js';
import { backoffDelay } from '../util/backoff.js';
import type { Clock } from '../util/clock.js';
import type { CallRetryConfiguration } from './importer-options.js';

/** What `retryingTransport` needs. */
export interface CallRetryContext {
  clock: Clock;
  random: () => number;
  callRetry: CallRetryConfiguration;
}

/** The calls a throttle or a transient fault is retried on: reads, and a create that is safe to repeat by name. */
const RETRIED_CALLS: ReadonlySet<PropertyKey> = new Set<keyof Transport>([
  'createDatasetImportJob',
  'describeDatasetImportJob',
  'listDatasetImportJobs',
  'listDatasets',
  'describeDataset',
  'describeSchema',
  'describeDatasetGroup',
  'headObject',
  'listObjects',
]);

/**
 * Runs `call` until it resolves, retrying `ThrottledError` and `TransientError` with full-jitter back-off until
 * `callRetry.timeoutMs` has passed; then rethrows the last error. Any other error rejects at once.
 */
export async function retryCall<T>(
  call: () => Promise<T>,
  context: CallRetryContext,
  signal: AbortSignal | undefined,
): Promise<T> {
  const { clock, random, callRetry } = context;
  const startedAt = clock.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof ThrottledError || error instanceof TransientError)) throw error;
      const remainingMs = callRetry.timeoutMs - (clock.now() - startedAt);
      if (remainingMs <= 0) throw error;
      // At least 1 ms, so that time moves between attempts even when the jitter draws 0.
      await clock.sleep(Math.max(1, Math.min(backoffDelay(attempt, callRetry, random), remainingMs)), signal);
    }
  }
}

/** `transport`, with its control-plane and S3 read calls retried as `retryCall` does; every other member as it is. */
export function retryingTransport(transport: Transport, context: CallRetryContext): Transport {
  return new Proxy(transport, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      // Bound to the real transport: its methods may use private fields, which a proxy receiver would not have.
      const method = (value as (...args: unknown[]) => Promise<unknown>).bind(target);
      if (!RETRIED_CALLS.has(property)) return method;
      return (...args: unknown[]) => {
        // Every retried call takes its abort signal in its last argument (`CallOptions`, or an input extending it).
        const signal = (args.at(-1) as { signal?: AbortSignal } | undefined)?.signal;
        return retryCall(() => method(...args), context, signal);
      };
    },
  });
}
