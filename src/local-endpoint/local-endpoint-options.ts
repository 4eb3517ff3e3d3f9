/**
 * Options of the local endpoint, their defaults in one object, and their validation.
 * @module
 */
import { InvalidOptionsError } from '../errors.js';
import { DATA_PLANE_CALLS, type DataPlaneCall, type Transport } from '../transport/transport.js';
import { type Clock, systemClock } from '../util/clock.js';
import { showValue } from '../util/cut-value.js';

/** A request-rate quota, enforced with a token bucket. */
export interface QuotaRule {
  /** Requests per second the bucket refills; more than 0. */
  requestsPerSecond: number;
  /**
   * Requests the bucket holds, so the number that may arrive at once after a quiet spell; at least 1. The bucket
   * starts full.
   * @default requestsPerSecond (one second of rate), at least 1
   */
  burst?: number;
}

/** Which calls the injected transient faults hit. */
export type FaultScope = 'data-plane' | 'all';

/** How one `QuotaRule` applies to the five Events calls. */
export type QuotaScope = 'per-call' | 'shared';

/** Options of `startLocalEndpoint`. */
export interface LocalEndpointOptions {
  /** The transport every decoded call goes to, normally a `MemoryTransport`. */
  backing: Transport;
  /**
   * TCP port; 0 picks a free one (read it from the handle's `url`).
   * @default 0
   */
  port?: number;
  /**
   * Interface to listen on.
   * @default '127.0.0.1'
   */
  host?: string;
  /**
   * Request-rate quota of the Events calls (PutEvents, PutUsers, …): one rule, applied as `quotaScope` says, or a
   * rule per call (calls without a rule are not limited). A request over the quota is answered with
   * `ThrottlingException` and not forwarded. The control plane has no rate quota here (the 5-jobs limit is the
   * backing transport's business).
   * @default undefined (no quota)
   */
  quota?: QuotaRule | Partial<Record<DataPlaneCall, QuotaRule>>;
  /**
   * With a single `quota` rule: `'per-call'` gives each of the five calls its own bucket (as the service's quotas
   * are per call type), `'shared'` one bucket for all five.
   * @default 'per-call'
   */
  quotaScope?: QuotaScope;
  /**
   * Milliseconds each request waits before it is handled, on `clock` (a `ManualClock` holds replies until advanced).
   * @default 0
   */
  latencyMs?: number;
  /**
   * Probability, 0..1, that a request is answered `500 InternalFailure` without reaching `backing` (so nothing is
   * stored). Drawn after the quota check, with `random`.
   * @default 0
   */
  transientFaultRate?: number;
  /**
   * Which calls `transientFaultRate` applies to.
   * @default 'data-plane'
   */
  faultScope?: FaultScope;
  /**
   * HTTP status of a throttled reply. AWS documents `ThrottlingException` as 400; 429 is what HTTP says.
   * The SDK and `AwsTransport` treat both as throttling, by the error's name.
   * @default 400
   */
  throttleStatus?: 400 | 429;
  /**
   * Source of randomness for fault injection, returning 0 ≤ x < 1.
   * @default Math.random
   */
  random?: () => number;
  /**
   * Time for the quota's buckets, the latency and `bodyTimeoutMs`.
   * @default systemClock
   */
  clock?: Clock;
  /**
   * Largest request body, in bytes; a larger one is answered `413` unread (by its `content-length`) or as soon as
   * it passes the bound. No Events or control-plane request comes near it.
   * @default 16777216 (16 MiB)
   */
  maxBodyBytes?: number;
  /**
   * Bytes of request bodies held at once, across all requests (from the first byte read to the reply). A request
   * whose body would pass it is answered `503 ServiceUnavailable` with `retry-after: 1`, which the SDK and
   * `AwsTransport` retry as a transient fault; at least `maxBodyBytes`.
   * @default 67108864 (64 MiB)
   */
  maxConcurrentBodyBytes?: number;
  /**
   * Time a client has to send a request's headers (node's `server.headersTimeout`); then the connection is closed.
   * @default 10000
   */
  headersTimeoutMs?: number;
  /**
   * Time a client has to send a whole request (node's `server.requestTimeout`, checked every few seconds); at least
   * `headersTimeoutMs`.
   * @default 60000
   */
  requestTimeoutMs?: number;
  /**
   * Time a request's body may take to arrive once its headers have, on `clock`; then it is answered `408
   * RequestTimeout` and the connection closed.
   * @default 30000
   */
  bodyTimeoutMs?: number;
}

/** The options with every default filled in. */
export interface ResolvedLocalEndpointOptions {
  backing: Transport;
  port: number;
  host: string;
  quota: Partial<Record<DataPlaneCall, Required<QuotaRule>>>;
  quotaScope: QuotaScope;
  latencyMs: number;
  transientFaultRate: number;
  faultScope: FaultScope;
  throttleStatus: 400 | 429;
  random: () => number;
  clock: Clock;
  maxBodyBytes: number;
  maxConcurrentBodyBytes: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  bodyTimeoutMs: number;
}

/** Every default of the local endpoint. */
export const localEndpointDefaults = {
  port: 0,
  host: '127.0.0.1',
  quotaScope: 'per-call',
  latencyMs: 0,
  transientFaultRate: 0,
  faultScope: 'data-plane',
  throttleStatus: 400,
  random: Math.random,
  clock: systemClock,
  maxBodyBytes: 16 * 1024 * 1024,
  maxConcurrentBodyBytes: 64 * 1024 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  bodyTimeoutMs: 30_000,
} as const satisfies Omit<ResolvedLocalEndpointOptions, 'backing' | 'quota'>;

function fail(name: string, expected: string, got: unknown): never {
  throw new InvalidOptionsError(`Expected \`${name}\` to be ${expected}, got \`${showValue(got)}\``);
}

function checkBounds(o: ResolvedLocalEndpointOptions): void {
  for (const name of ['maxBodyBytes', 'maxConcurrentBodyBytes', 'headersTimeoutMs', 'requestTimeoutMs'] as const) {
    if (!Number.isSafeInteger(o[name]) || o[name] < 1) fail(name, 'an integer >= 1', o[name]);
  }
  if (!(o.bodyTimeoutMs >= 1) || !Number.isFinite(o.bodyTimeoutMs))
    fail('bodyTimeoutMs', 'a number >= 1', o.bodyTimeoutMs);
  if (o.maxConcurrentBodyBytes < o.maxBodyBytes) {
    fail('maxConcurrentBodyBytes', `at least \`maxBodyBytes\` (${o.maxBodyBytes})`, o.maxConcurrentBodyBytes);
  }
  if (o.headersTimeoutMs > o.requestTimeoutMs) {
    fail('headersTimeoutMs', `at most \`requestTimeoutMs\` (${o.requestTimeoutMs})`, o.headersTimeoutMs);
  }
}

function resolveRule(name: string, rule: QuotaRule): Required<QuotaRule> {
  const rate = rule.requestsPerSecond;
  if (typeof rate !== 'number' || !(rate > 0) || !Number.isFinite(rate)) {
    fail(`${name}.requestsPerSecond`, 'a finite number > 0', rate);
  }
  const burst = rule.burst ?? Math.max(1, rate);
  if (typeof burst !== 'number' || !(burst >= 1) || !Number.isFinite(burst)) fail(`${name}.burst`, '>= 1', burst);
  return { requestsPerSecond: rate, burst };
}

function resolveQuota(quota: LocalEndpointOptions['quota']): ResolvedLocalEndpointOptions['quota'] {
  if (quota === undefined) return {};
  if ('requestsPerSecond' in quota) {
    const rule = resolveRule('quota', quota as QuotaRule);
    return Object.fromEntries(DATA_PLANE_CALLS.map((call) => [call, rule]));
  }
  const out: ResolvedLocalEndpointOptions['quota'] = {};
  for (const [call, rule] of Object.entries(quota)) {
    if (!DATA_PLANE_CALLS.includes(call as DataPlaneCall))
      fail('quota', `keyed by ${DATA_PLANE_CALLS.join('|')}`, call);
    if (rule !== undefined) out[call as DataPlaneCall] = resolveRule(`quota.${call}`, rule);
  }
  return out;
}

/** Fills in the defaults and validates; throws `InvalidOptionsError` on a bad value. */
export function resolveLocalEndpointOptions(options: LocalEndpointOptions): ResolvedLocalEndpointOptions {
  const o = { ...localEndpointDefaults, ...stripUndefined(options) };
  if (typeof o.backing !== 'object' || o.backing === null) fail('backing', 'a Transport', o.backing);
  if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65_535) fail('port', 'an integer 0..65535', o.port);
  if (!(o.latencyMs >= 0) || !Number.isFinite(o.latencyMs)) fail('latencyMs', 'a finite number >= 0', o.latencyMs);
  if (!(o.transientFaultRate >= 0 && o.transientFaultRate <= 1)) {
    fail('transientFaultRate', '0..1', o.transientFaultRate);
  }
  if (o.throttleStatus !== 400 && o.throttleStatus !== 429) fail('throttleStatus', '400 or 429', o.throttleStatus);
  if (o.quotaScope !== 'per-call' && o.quotaScope !== 'shared')
    fail('quotaScope', "'per-call' or 'shared'", o.quotaScope);
  if (o.faultScope !== 'data-plane' && o.faultScope !== 'all')
    fail('faultScope', "'data-plane' or 'all'", o.faultScope);
  if (o.quotaScope === 'shared' && options.quota !== undefined && !('requestsPerSecond' in options.quota)) {
    fail('quota', "one rule when `quotaScope` is 'shared'", 'a rule per call');
  }
  const resolved = { ...o, quota: resolveQuota(options.quota) };
  checkBounds(resolved);
  return resolved;
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
