/**
 * Request-rate quotas of the local endpoint: token buckets on an injected clock.
 * @module
 */
import type { DataPlaneCall } from '../transport/transport.js';
import type { Clock } from '../util/clock.js';
import type { QuotaRule, QuotaScope } from './local-endpoint-options.js';

/** A token bucket: holds up to `burst` tokens, refills `requestsPerSecond` per second, starts full. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rule: Required<QuotaRule>,
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

/** The buckets of the five Events calls, per call or shared. */
export class QuotaGate {
  private readonly buckets = new Map<DataPlaneCall, TokenBucket>();

  constructor(quota: Partial<Record<DataPlaneCall, Required<QuotaRule>>>, scope: QuotaScope, clock: Clock) {
    let shared: TokenBucket | undefined;
    for (const [call, rule] of Object.entries(quota) as [DataPlaneCall, Required<QuotaRule>][]) {
      if (scope === 'shared') {
        shared ??= new TokenBucket(rule, clock);
        this.buckets.set(call, shared);
      } else {
        this.buckets.set(call, new TokenBucket(rule, clock));
      }
    }
  }

  /** Answers whether one more `call` fits in its quota (and counts it if so). Calls with no quota always pass. */
  admit(call: DataPlaneCall): boolean {
    return this.buckets.get(call)?.tryTake() ?? true;
  }
}
