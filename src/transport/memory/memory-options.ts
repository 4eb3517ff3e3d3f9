/**
 * Options of `MemoryTransport`: every default in one object, validated in the constructor.
 * @module
 */

import { InvalidOptionsError } from '../../errors.js';
import { type Clock, systemClock } from '../../util/clock.js';
import { showValue } from '../../util/cut-value.js';
import { DATA_PLANE_CALLS, type DataPlaneCall } from '../transport.js';

/** How long an import job stays in each state before it runs, on the transport's clock. */
export interface MemoryJobTimings {
  /** Milliseconds in `CREATE PENDING`. */
  pendingMs: number;
  /** Milliseconds in `CREATE IN_PROGRESS`; the job then turns `ACTIVE` or `CREATE FAILED`. */
  inProgressMs: number;
}

/** Options of `new MemoryTransport(options)`. */
export interface MemoryTransportOptions {
  /**
   * The source of time: job states, the request quota, `latencyMs` and the history's `at` read it. Pass a fake clock
   * in tests so jobs finish when the test says.
   * @default systemClock
   */
  clock?: Clock;
  /**
   * How long an import job stays `CREATE PENDING`, then `CREATE IN_PROGRESS`, before it reads its data.
   * @default { pendingMs: 1000, inProgressMs: 4000 }
   */
  jobTimings?: Partial<MemoryJobTimings>;
  /**
   * Requests per second allowed per data-plane call, enforced with a token bucket (burst: one second's worth)
   * refilled on the clock; a call beyond it rejects with `ThrottledError`. Calls not listed are unlimited.
   * @default {} (no quota)
   */
  requestsPerSecond?: Partial<Record<DataPlaneCall, number>>;
  /**
   * Throw `NotFoundError` on a tracking id, dataset or bucket that was not set up. With `false`, the fake sets up
   * what a put or an upload names on first use (a tracker, a dataset of the call's type, a bucket).
   * @default true
   */
  strict?: boolean;
  /**
   * Reject `createDatasetImportJob` with `ConflictError` (`IN_USE`) while another job on the same dataset is pending
   * or in progress. Whether the service does so is unconfirmed (`personalize-facts.md` §2), hence off by default.
   * @default false
   */
  rejectConcurrentImports?: boolean;
  /**
   * Milliseconds every call waits on the clock before it answers (a stand-in for network latency, so that calls
   * overlap). With a fake clock, the test must advance it for calls to finish.
   * @default 0
   */
  latencyMs?: number;
  /**
   * Region written into the ARNs the fake makes.
   * @default 'us-east-1'
   */
  region?: string;
  /**
   * Account id written into the ARNs the fake makes; 12 digits.
   * @default '123456789012'
   */
  accountId?: string;
}

/** The options with every default applied. */
export interface MemoryTransportConfiguration {
  readonly clock: Clock;
  readonly jobTimings: MemoryJobTimings;
  readonly requestsPerSecond: Partial<Record<DataPlaneCall, number>>;
  readonly strict: boolean;
  readonly rejectConcurrentImports: boolean;
  readonly latencyMs: number;
  readonly region: string;
  readonly accountId: string;
}

/** The defaults of `MemoryTransportOptions`. */
export const memoryTransportDefaults: MemoryTransportConfiguration = {
  clock: systemClock,
  jobTimings: { pendingMs: 1000, inProgressMs: 4000 },
  requestsPerSecond: {},
  strict: true,
  rejectConcurrentImports: false,
  latencyMs: 0,
  region: 'us-east-1',
  accountId: '123456789012',
};

function expectNonNegative(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidOptionsError(`Expected \`${name}\` to be a finite number >= 0, got \`${showValue(value)}\``);
  }
}

function checkQuota(quota: Partial<Record<DataPlaneCall, number>>): void {
  for (const [call, rate] of Object.entries(quota)) {
    if (!DATA_PLANE_CALLS.includes(call as DataPlaneCall)) {
      throw new InvalidOptionsError(
        `Expected \`requestsPerSecond\` keys to be one of ${DATA_PLANE_CALLS.join(', ')}, got \`${call}\``,
      );
    }
    if (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0) {
      throw new InvalidOptionsError(
        `Expected \`requestsPerSecond.${call}\` to be a number > 0, got \`${String(rate)}\``,
      );
    }
  }
}

/** Applies the defaults to `options` and validates the result; throws `InvalidOptionsError`. */
export function resolveMemoryTransportOptions(options: MemoryTransportOptions = {}): MemoryTransportConfiguration {
  const d = memoryTransportDefaults;
  const config: MemoryTransportConfiguration = {
    clock: options.clock ?? d.clock,
    jobTimings: {
      pendingMs: options.jobTimings?.pendingMs ?? d.jobTimings.pendingMs,
      inProgressMs: options.jobTimings?.inProgressMs ?? d.jobTimings.inProgressMs,
    },
    requestsPerSecond: { ...(options.requestsPerSecond ?? d.requestsPerSecond) },
    strict: options.strict ?? d.strict,
    rejectConcurrentImports: options.rejectConcurrentImports ?? d.rejectConcurrentImports,
    latencyMs: options.latencyMs ?? d.latencyMs,
    region: options.region ?? d.region,
    accountId: options.accountId ?? d.accountId,
  };
  const { clock } = config;
  if (typeof clock?.now !== 'function' || typeof clock.sleep !== 'function' || typeof clock.setTimer !== 'function') {
    throw new InvalidOptionsError(`Expected \`clock\` to be a Clock (now, sleep, setTimer), got \`${String(clock)}\``);
  }
  expectNonNegative('jobTimings.pendingMs', config.jobTimings.pendingMs);
  expectNonNegative('jobTimings.inProgressMs', config.jobTimings.inProgressMs);
  expectNonNegative('latencyMs', config.latencyMs);
  checkQuota(config.requestsPerSecond);
  if (!/^\d{12}$/.test(config.accountId)) {
    throw new InvalidOptionsError(`Expected \`accountId\` to be 12 digits, got \`${config.accountId}\``);
  }
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(config.region)) {
    throw new InvalidOptionsError(`Expected \`region\` to be a region name like us-east-1, got \`${config.region}\``);
  }
  return config;
}
