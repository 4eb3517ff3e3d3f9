/**
 * The request-rate quota of `MemoryTransport` (`requestsPerSecond`), a token bucket per data-plane call.
 * @module
 */
import type { Clock } from '../../util/clock.js';
import type { DataPlaneCall } from '../transport.js';

/** A token bucket per data-plane call, refilled on the clock; a burst of one second's worth. */
export class RequestQuota {
  readonly #buckets = new Map<DataPlaneCall, { tokens: number; at: number; rate: number }>();
  readonly #clock: Clock;

  constructor(rates: Partial<Record<DataPlaneCall, number>>, clock: Clock) {
    this.#clock = clock;
    for (const [call, rate] of Object.entries(rates) as [DataPlaneCall, number][]) {
      this.#buckets.set(call, { tokens: Math.max(rate, 1), at: clock.now(), rate });
    }
  }

  /** Takes a token for `call`; `false` when the quota is spent. */
  take(call: DataPlaneCall): boolean {
    const bucket = this.#buckets.get(call);
    if (bucket === undefined) return true;
    const now = this.#clock.now();
    const capacity = Math.max(bucket.rate, 1);
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) * bucket.rate) / 1000);
    bucket.at = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
