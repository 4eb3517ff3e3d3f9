/**
 * The request-rate quota of `MemoryTransport` (`requestsPerSecond`), a token bucket per data-plane call.
 * @module
 */
import type { Clock } from '../../util/clock.js';
import { TokenBucket } from '../../util/token-bucket.js';
import type { DataPlaneCall } from '../transport.js';

/** A token bucket per data-plane call, refilled on the clock; a burst of one second's worth. */
export class RequestQuota {
  readonly #buckets = new Map<DataPlaneCall, TokenBucket>();

  constructor(rates: Partial<Record<DataPlaneCall, number>>, clock: Clock) {
    for (const [call, rate] of Object.entries(rates) as [DataPlaneCall, number][]) {
      this.#buckets.set(call, new TokenBucket({ requestsPerSecond: rate, burst: Math.max(rate, 1) }, clock));
    }
  }

  /** Takes a token for `call`; `false` when the quota is spent. */
  take(call: DataPlaneCall): boolean {
    return this.#buckets.get(call)?.tryTake() ?? true;
  }
}
