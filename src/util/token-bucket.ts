/**
 * A token bucket on an injected clock: the request quotas of the local endpoint and of `MemoryTransport`.
 * @module
 */
import type { Clock } from './clock.js';

/** The rate and the size of a bucket. */
export interface TokenBucketRule {
  /** Tokens added per second. */
  requestsPerSecond: number;
  /** Tokens the bucket holds at most (and starts with). */
  burst: number;
}

/** A token bucket: holds up to `burst` tokens, refills `requestsPerSecond` per second, starts full. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rule: TokenBucketRule,
    private readonly clock: Clock,
  ) {
    this.tokens = rule.burst;
    this.last = clock.now();
  }

  /** Takes one token if there is one; answers whether the request may pass. */
  tryTake(): boolean {
    const now = this.clock.now();
    // A clock that goes backwards (a test resetting it) must not drain the bucket.
    const elapsedMs = Math.max(0, now - this.last);
    this.last = now;
    this.tokens = Math.min(this.rule.burst, this.tokens + (elapsedMs * this.rule.requestsPerSecond) / 1000);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
