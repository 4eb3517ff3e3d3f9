/**
 * The figures of one run, computed the same way for the naive baselines and for the writer, from the endpoint's
 * counters (every HTTP request it answered) and from the backing's store.
 * @module
 */
import type { LocalEndpointStats } from '../src/testing.js';
import type { DeliveryCheck, RejectionCheck } from './delivery-check.js';

/** What a run measured, before it is turned into figures. */
export interface RunRaw {
  name: string;
  /** True when the run stopped on its time budget before sending the whole workload. */
  budgeted: boolean;
  eventsSent: number;
  wallMs: number;
  endpoint: LocalEndpointStats;
  delivery: DeliveryCheck;
  rejections: RejectionCheck;
  maxRecordsPerCall: number;
  /** Calls made to isolate rejected records (the writer's `stats.bisectionCalls`); undefined for baselines. */
  bisectionCalls: number | undefined;
  /** Records the writer reported undelivered (retries exhausted); 0 for baselines. */
  undelivered: number;
  /** Delivered calls by their number of records (index = records); undefined for baselines. */
  deliveredCallSizes: number[] | undefined;
}

/** The figures of one run, as the table shows them. */
export interface RunMetrics {
  name: string;
  budgeted: boolean;
  eventsSent: number;
  wallSeconds: number;
  /** Events sent per second of wall time (whatever became of them). */
  eventsPerSecond: number;
  goodSent: number;
  goodDeliveredOnce: number;
  goodLost: number;
  goodDuplicated: number;
  /** Stored events that should not have been (refused ones, or never sent). */
  unexpectedStored: number;
  rejectedExpected: number;
  rejectedReported: number;
  rejectedWronglyReported: number;
  undelivered: number;
  maxRecordsPerCall: number;
  /** PutEvents requests the endpoint answered, retries included. */
  calls: number;
  throttled: number;
  faults: number;
  throttledShare: number;
  /** Calls not throttled ÷ (quota × run seconds), as issue 2 defines it. */
  quotaUtilisation: number;
  /**
   * Calls not throttled ÷ (bucket + quota × run seconds): the endpoint's token bucket starts full with one second's
   * worth (`burst` = the quota), which a run can spend on top of the rate; this counts it as allowed.
   */
  quotaUtilisationWithBurst: number;
  /** Mean records per delivered call; undefined for baselines. */
  recordsPerDeliveredCall: number | undefined;
  /** Bisection calls ÷ rejected records; undefined for baselines. */
  extraCallsPerRejected: number | undefined;
}

/** Turns what a run measured into its figures, for a quota of `requestsPerSecond`. */
export function toMetrics(raw: RunRaw, requestsPerSecond: number): RunMetrics {
  const calls = raw.endpoint.byCall.putEvents ?? { requests: 0, throttled: 0, faults: 0, ok: 0, errors: 0 };
  const wallSeconds = raw.wallMs / 1000;
  const extra =
    raw.bisectionCalls === undefined || raw.rejections.reportedWithMessage === 0
      ? undefined
      : raw.bisectionCalls / raw.rejections.reportedWithMessage;
  return {
    name: raw.name,
    budgeted: raw.budgeted,
    eventsSent: raw.eventsSent,
    wallSeconds,
    eventsPerSecond: raw.eventsSent / wallSeconds,
    goodSent: raw.delivery.goodSent,
    goodDeliveredOnce: raw.delivery.deliveredOnce,
    goodLost: raw.delivery.lost,
    goodDuplicated: raw.delivery.duplicated,
    unexpectedStored: raw.delivery.unexpected,
    rejectedExpected: raw.rejections.expected,
    rejectedReported: raw.rejections.reportedWithMessage,
    rejectedWronglyReported: raw.rejections.wronglyReported,
    undelivered: raw.undelivered,
    maxRecordsPerCall: raw.maxRecordsPerCall,
    calls: calls.requests,
    throttled: calls.throttled,
    faults: calls.faults,
    throttledShare: calls.requests === 0 ? 0 : calls.throttled / calls.requests,
    quotaUtilisation: (calls.requests - calls.throttled) / (requestsPerSecond * wallSeconds),
    quotaUtilisationWithBurst: (calls.requests - calls.throttled) / (requestsPerSecond * (wallSeconds + 1)),
    recordsPerDeliveredCall: meanSize(raw.deliveredCallSizes),
    extraCallsPerRejected: extra,
  };
}

function meanSize(sizes: readonly number[] | undefined): number | undefined {
  if (sizes === undefined) return undefined;
  let calls = 0;
  let records = 0;
  sizes.forEach((count, size) => {
    calls += count;
    records += count * size;
  });
  return calls === 0 ? undefined : records / calls;
}

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[mid] ?? Number.NaN;
  return ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2;
}

/** Median, min and max of one figure over repeated runs. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** Median, min and max of every numeric figure over `runs`. */
export function spreadOf(runs: readonly RunMetrics[]): Record<string, Spread> {
  const out: Record<string, Spread> = {};
  const first = runs[0];
  if (first === undefined) return out;
  for (const [field, value] of Object.entries(first)) {
    if (typeof value !== 'number') continue;
    const values = runs.map((run) => run[field as keyof RunMetrics]).filter((v): v is number => typeof v === 'number');
    out[field] = { median: median(values), min: Math.min(...values), max: Math.max(...values) };
  }
  return out;
}
