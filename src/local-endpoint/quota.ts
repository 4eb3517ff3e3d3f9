/**
 * Request-rate quotas of the local endpoint: token buckets on an injected clock.
 * @module
 */
import type { DataPlaneCall } from '../transport/transport.js';
import type { Clock } from '../util/clock.js';
import { TokenBucket } from '../util/token-bucket.js';
import type { QuotaRule, QuotaScope } from './local-endpoint-options.js';

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
