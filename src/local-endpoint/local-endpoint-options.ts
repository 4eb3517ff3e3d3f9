/**
 * Options of the local endpoint: the configuration with every field documented, the options a caller passes (only
 * `backing` is required; a field left out, or `undefined`, takes its default), every default in one object, and the
 * checks right after. The latency and the quota are defined once for the endpoint and `MemoryTransport`
 * (service-conditions.ts).
 * @module
 */
import {
  type CallQuotas,
  expectDataPlaneKey,
  expectLatency,
  expectQuotaScope,
  type LatencyConfiguration,
  type QuotaRule,
  type QuotaScope,
  resolveQuotaRule,
} from '../transport/memory/service-conditions.js';
import { DATA_PLANE_CALLS, type DataPlaneCall, type Transport } from '../transport/transport.js';
import { type Clock, systemClock } from '../util/clock.js';
import {
  expectFunction,
  expectInteger,
  expectKnownKeys,
  expectMethods,
  expectNumber,
  expectObject,
  expectOneOf,
  failOption,
} from '../util/expect.js';
import { CONTROL_PLANE_ROUTES } from './control-plane-routes.js';
import type { RequestLogEntry } from './request-log.js';

/** Which calls the injected transient faults hit: the five Events calls, or every call. */
export type FaultScope = 'data-plane' | 'all';

/** Every setting of a local endpoint but its backing transport, each with its default. */
export interface LocalEndpointConfiguration extends LatencyConfiguration {
  /**
   * TCP port, 0..65535; 0 picks a free one (read it from the handle's `url`).
   * @default 0
   */
  readonly port: number;
  /**
   * Interface to listen on.
   * @default '127.0.0.1'
   */
  readonly host: string;
  /**
   * Request-rate quota of the Events calls (PutEvents, PutUsers, …): one rule, applied as `quotaScope` says, or a
   * rule per call (calls without a rule are not limited). A request over the quota is answered with
   * `ThrottlingException` and not forwarded. The control plane has no rate quota here (the limit of 5 running
   * import jobs is the backing transport's business).
   * @default `{}` (no quota)
   */
  readonly quota: QuotaRule | Readonly<Partial<Record<DataPlaneCall, QuotaRule>>>;
  /**
   * With a single `quota` rule: `'per-call'` gives each of the five calls its own bucket (as the service's quotas
   * are per call type), `'shared'` one bucket for all five.
   * @default 'per-call'
   */
  readonly quotaScope: QuotaScope;
  /**
   * Probability, 0..1, that a request is answered `500 InternalFailure` without reaching `backing` (so nothing is
   * stored). Drawn after the quota check, with `random`.
   * @default 0
   */
  readonly transientFaultRate: number;
  /**
   * Which calls `transientFaultRate` applies to.
   * @default 'data-plane'
   */
  readonly faultScope: FaultScope;
  /**
   * HTTP status of a throttled reply. AWS documents `ThrottlingException` as 400; 429 is what HTTP says.
   * The SDK and `AwsTransport` treat both as throttling, by the error's name.
   * @default 400
   */
  readonly throttleStatus: 400 | 429;
  /**
   * Source of randomness for fault injection: a function answering a number in [0, 1), as `Math.random` does.
   * @default Math.random
   */
  readonly random: () => number;
  /**
   * Time for the quota's buckets, the latency and `bodyTimeoutMs`; a `ManualClock` holds replies until advanced.
   * @default systemClock (the real time)
   */
  readonly clock: Clock;
  /**
   * Largest request body, in bytes, at least 1; a larger one is answered `413` unread (by its `content-length`) or
   * as soon as it passes the bound. No Events or control-plane request comes near it.
   * @default 16777216 (16 MiB)
   */
  readonly maxBodyBytes: number;
  /**
   * Bytes of request bodies held at once, across all requests (from the first byte read to the reply). A request
   * whose body would pass it is answered `503 ServiceUnavailable` with `retry-after: 1`, which the SDK and
   * `AwsTransport` retry as a transient fault; at least `maxBodyBytes`.
   * @default 67108864 (64 MiB)
   */
  readonly maxConcurrentBodyBytes: number;
  /**
   * Milliseconds a client has to send a request's headers (node's `server.headersTimeout`), at least 1; then the
   * connection is closed.
   * @default 10000
   */
  readonly headersTimeoutMs: number;
  /**
   * Milliseconds a client has to send a whole request (node's `server.requestTimeout`, checked every few seconds);
   * at least `headersTimeoutMs`.
   * @default 60000
   */
  readonly requestTimeoutMs: number;
  /**
   * Milliseconds a request's body may take to arrive once its headers have, on `clock`, at least 1; then it is
   * answered `408 RequestTimeout` and the connection closed.
   * @default 30000
   */
  readonly bodyTimeoutMs: number;
  /**
   * Bytes of an S3 body the endpoint keeps in memory, 0 or more: a PutObject body past them, and the parts of a
   * multipart upload once they hold that many, are written to a temporary directory instead (the system's, `TMPDIR`),
   * removed by `close()`, so that memory stays flat under a 1 GB import file. S3 bodies are streamed, not held
   * against `maxBodyBytes`; their limits are S3's (5 GiB a PutObject or a part).
   * @default 8388608 (8 MiB)
   */
  readonly objectSpillBytes: number;
  /**
   * Called once per answered request with its operation, status, error name and milliseconds, e.g. to log it
   * (`serve --verbose` prints one line per call). Runs after the reply is sent; it must not throw.
   * @default undefined (no log)
   */
  readonly onRequest: ((entry: RequestLogEntry) => void) | undefined;
}

/** Options of `startLocalEndpoint`: the transport to serve, and any setting of `LocalEndpointConfiguration`. */
export interface LocalEndpointOptions extends Partial<LocalEndpointConfiguration> {
  /**
   * The transport every decoded call goes to, normally a `MemoryTransport`. It must have the methods the endpoint
   * serves (the five Events calls and the control-plane calls). S3 is served from a `MemoryTransport`'s buckets
   * only; with another backing, S3 requests are answered `501 NotImplemented`. The fake's set-up calls
   * (CreateDatasetGroup, CreateSchema, CreateDataset, CreateEventTracker, their Describe, List and Delete calls) and
   * `GET /_fake/state` are served only when it is a `MemoryTransport`.
   */
  readonly backing: Transport;
}

/** The configuration with every default applied and the quota resolved per call. */
export interface ResolvedLocalEndpointOptions extends Omit<LocalEndpointConfiguration, 'quota'> {
  readonly backing: Transport;
  readonly quota: CallQuotas;
}

/** Every default of the local endpoint. */
export const localEndpointDefaults = {
  port: 0,
  host: '127.0.0.1',
  quota: {},
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
  objectSpillBytes: 8 * 1024 * 1024,
  onRequest: undefined,
} as const satisfies LocalEndpointConfiguration;

/** The methods of `backing` the endpoint calls: the five Events calls and the control-plane routes. */
const SERVED_METHODS = [...DATA_PLANE_CALLS, ...[...CONTROL_PLANE_ROUTES.values()].map((route) => route.method)];

/** Fills in the defaults and checks them; throws `InvalidOptionsError` naming the first bad option. */
export function resolveLocalEndpointOptions(options: LocalEndpointOptions): ResolvedLocalEndpointOptions {
  expectObject('options', options);
  expectKnownKeys(undefined, options, ['backing', ...Object.keys(localEndpointDefaults)]);
  const o = { ...localEndpointDefaults, ...withoutUndefined(options) };
  expectMethods('backing', o.backing, SERVED_METHODS, 'a Transport (a MemoryTransport or your own)');
  expectMethods('clock', o.clock, ['now', 'sleep', 'setTimer'], 'a Clock (now, sleep, setTimer)');
  expectFunction('random', o.random);
  if (o.onRequest !== undefined) expectFunction('onRequest', o.onRequest);
  expectInteger('port', o.port, 0, 65_535);
  expectLatency('latencyMs', o.latencyMs);
  expectNumber('transientFaultRate', o.transientFaultRate, 0, 1);
  expectOneOf('throttleStatus', o.throttleStatus, [400, 429] as const);
  expectQuotaScope('quotaScope', o.quotaScope);
  expectOneOf('faultScope', o.faultScope, ['data-plane', 'all'] as const);
  const resolved = { ...o, quota: resolveQuota(o.quota, o.quotaScope) };
  checkBounds(resolved);
  return resolved;
}

function checkBounds(o: ResolvedLocalEndpointOptions): void {
  for (const name of ['maxBodyBytes', 'maxConcurrentBodyBytes', 'headersTimeoutMs', 'requestTimeoutMs'] as const) {
    expectInteger(name, o[name], 1, Number.MAX_SAFE_INTEGER);
  }
  expectNumber('bodyTimeoutMs', o.bodyTimeoutMs, 1, Number.MAX_VALUE);
  expectInteger('objectSpillBytes', o.objectSpillBytes, 0, Number.MAX_SAFE_INTEGER);
  if (o.maxConcurrentBodyBytes < o.maxBodyBytes) {
    failOption('maxConcurrentBodyBytes', `at least \`maxBodyBytes\` (${o.maxBodyBytes})`, o.maxConcurrentBodyBytes);
  }
  if (o.headersTimeoutMs > o.requestTimeoutMs) {
    failOption('headersTimeoutMs', `at most \`requestTimeoutMs\` (${o.requestTimeoutMs})`, o.headersTimeoutMs);
  }
}

function resolveQuota(quota: LocalEndpointConfiguration['quota'], scope: QuotaScope): CallQuotas {
  expectObject('quota', quota);
  if ('requestsPerSecond' in quota) {
    const rule = resolveQuotaRule('quota', quota as QuotaRule);
    return Object.fromEntries(DATA_PLANE_CALLS.map((call) => [call, rule]));
  }
  const entries = Object.entries(quota as Partial<Record<DataPlaneCall, QuotaRule>>);
  if (scope === 'shared' && entries.length > 0) failOption('quota', "one rule when `quotaScope` is 'shared'", quota);
  const out: CallQuotas = {};
  for (const [call, rule] of entries) {
    expectDataPlaneKey('quota', call);
    if (rule !== undefined) out[call] = resolveQuotaRule(`quota.${call}`, rule);
  }
  return out;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
