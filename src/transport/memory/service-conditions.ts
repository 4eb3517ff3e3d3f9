/**
 * The conditions a simulated service answers under, defined once for `MemoryTransport` and the local endpoint: the
 * latency before each answer, the request-rate quota of the five Events calls (a token bucket per call, or one
 * shared), and the errors of a throttled call and of a transient fault. The Events API's documented quotas are per call type
 * (https://docs.aws.amazon.com/personalize/latest/dg/limits.html).
 * @module
 */
import { ThrottledError, TransientError } from '../../errors.js';
import type { Clock } from '../../util/clock.js';
import { expectNumber, expectOneOf, failOption } from '../../util/expect.js';
import { TokenBucket } from '../../util/token-bucket.js';
import { DATA_PLANE_CALLS, type DataPlaneCall } from '../transport.js';

/** The latency a simulated service adds. */
export interface LatencyConfiguration {
  /**
   * Milliseconds each call waits on the clock before it is answered, a stand-in for network latency so that calls
   * overlap; 0 or more. With a `ManualClock`, the test must advance it for calls to finish.
   * @default 0
   */
  readonly latencyMs: number;
}

/** A request-rate quota, enforced with a token bucket that starts full. */
export interface QuotaRule {
  /** Requests per second the bucket refills; more than 0, finite. */
  requestsPerSecond: number;
  /**
   * Requests the bucket holds, so the number that may arrive at once after a quiet spell; at least 1.
   * @default `requestsPerSecond` (one second of rate), at least 1
   */
  burst?: number;
}

/** How one `QuotaRule` applies to the five Events calls: a bucket per call, or one bucket for all five. */
export type QuotaScope = 'per-call' | 'shared';

/** The quota of each data-plane call, resolved: a call without a rule is not limited. */
export type CallQuotas = Partial<Record<DataPlaneCall, Required<QuotaRule>>>;

/** The error of a call over its quota: AWS's common `ThrottlingException` (HTTP 400). */
export function throttlingError(message: string): ThrottledError {
  return new ThrottledError(message, { serviceErrorName: 'ThrottlingException', statusCode: 400 });
}

/** The error of a transient fault: the service's `InternalFailure` (HTTP 500), which clients retry. */
export function internalFailure(message = 'We encountered an internal error. Please try again.'): TransientError {
  return new TransientError(message, { serviceErrorName: 'InternalFailure', statusCode: 500 });
}

/** Throws `InvalidOptionsError` unless `latencyMs` is a finite number of at least 0. */
export function expectLatency(name: string, value: unknown): void {
  expectNumber(name, value, 0, Number.MAX_VALUE);
}

/** Checks a rule, `name` naming it in messages, and fills in its burst. */
export function resolveQuotaRule(name: string, rule: QuotaRule): Required<QuotaRule> {
  const rate = rule.requestsPerSecond;
  expectNumber(`${name}.requestsPerSecond`, rate, 0, Number.MAX_VALUE, { exclusiveMin: true });
  const burst = rule.burst ?? Math.max(1, rate);
  expectNumber(`${name}.burst`, burst, 1, Number.MAX_VALUE);
  return { requestsPerSecond: rate, burst };
}

/** Throws `InvalidOptionsError` unless `key` of option `name` is one of the five data-plane calls. */
export function expectDataPlaneKey(name: string, key: string): asserts key is DataPlaneCall {
  if (!DATA_PLANE_CALLS.includes(key as DataPlaneCall)) {
    failOption(name, `an object keyed by ${DATA_PLANE_CALLS.join(' | ')}`, key);
  }
}

/** Throws `InvalidOptionsError` unless `scope` is a `QuotaScope`. */
export function expectQuotaScope(name: string, scope: unknown): asserts scope is QuotaScope {
  expectOneOf(name, scope, ['per-call', 'shared'] as const);
}

/** The token buckets of the five Events calls, per call or shared, on `clock`. */
export class RequestQuota {
  readonly #buckets = new Map<DataPlaneCall, TokenBucket>();

  constructor(quotas: CallQuotas, scope: QuotaScope, clock: Clock) {
    let shared: TokenBucket | undefined;
    for (const [call, rule] of Object.entries(quotas) as [DataPlaneCall, Required<QuotaRule>][]) {
      if (scope === 'shared') {
        shared ??= new TokenBucket(rule, clock);
        this.#buckets.set(call, shared);
      } else {
        this.#buckets.set(call, new TokenBucket(rule, clock));
      }
    }
  }

  /** Answers whether one more `call` fits in its quota (and counts it if so). Calls with no quota always pass. */
  take(call: DataPlaneCall): boolean {
    return this.#buckets.get(call)?.tryTake() ?? true;
  }
}
