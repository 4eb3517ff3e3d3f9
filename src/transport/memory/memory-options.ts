/**
 * Options of `MemoryTransport`: the configuration with every field documented, the options a caller passes (any
 * field left out, or `undefined`, takes its default), every default in one object, and the checks right after.
 * @module
 */
import { type Clock, systemClock } from '../../util/clock.js';
import {
  expectBoolean,
  expectInteger,
  expectKnownKeys,
  expectMethods,
  expectNumber,
  expectObject,
  expectString,
} from '../../util/expect.js';
import type { DataPlaneCall } from '../transport.js';
import {
  type CallQuotas,
  expectDataPlaneKey,
  expectLatency,
  type LatencyConfiguration,
  resolveQuotaRule,
} from './service-conditions.js';

/** How long an import job stays in each state before it runs, on the transport's clock. */
export interface MemoryJobTimings {
  /**
   * Milliseconds in `CREATE PENDING`; 0 or more.
   * @default 1000
   */
  readonly pendingMs: number;
  /**
   * Milliseconds in `CREATE IN_PROGRESS`; the job then turns `ACTIVE` or `CREATE FAILED`. 0 or more.
   * @default 4000
   */
  readonly inProgressMs: number;
}

/** Every setting of a `MemoryTransport`, as `transport.config` holds them once the defaults are applied. */
export interface MemoryTransportConfiguration extends LatencyConfiguration {
  /**
   * The source of time: job states, the request quota, `latencyMs` and the history's `at` read it. Pass a
   * `ManualClock` in tests so that jobs finish when the test says.
   * @default systemClock (the real time)
   */
  readonly clock: Clock;
  /**
   * How long an import job stays `CREATE PENDING`, then `CREATE IN_PROGRESS`, before it reads its data.
   * @default `{ pendingMs: 1000, inProgressMs: 4000 }`
   */
  readonly jobTimings: MemoryJobTimings;
  /**
   * Requests per second allowed per data-plane call (more than 0), enforced with a token bucket (burst: one second's
   * worth, at least 1) refilled on the clock; a call beyond it rejects with `ThrottledError`, as the service's
   * `ThrottlingException`. Calls not listed are unlimited.
   * @default `{}` (no quota)
   */
  readonly requestsPerSecond: Readonly<Partial<Record<DataPlaneCall, number>>>;
  /**
   * Throw `NotFoundError` on a tracking id, dataset or bucket that was not set up. With `false`, the fake sets up
   * what a put or an upload names on first use (a tracker, a dataset of the call's type, a bucket).
   * @default true
   */
  readonly strict: boolean;
  /**
   * Reject `createDatasetImportJob` with `ConflictError` (`IN_USE`) while another job on the same dataset is pending
   * or in progress. The CreateDatasetImportJob reference lists `ResourceInUseException` without saying when
   * (https://docs.aws.amazon.com/personalize/latest/dg/API_CreateDatasetImportJob.html), hence off by default.
   * @default false
   */
  readonly rejectConcurrentImports: boolean;
  /**
   * Fail an import job whose TIMESTAMP or CREATION_TIMESTAMP holds a value that can only be milliseconds (or finer):
   * 1e11 or more, which as seconds would be after the year 5000. The service reads epoch seconds
   * (https://docs.aws.amazon.com/personalize/latest/dg/data-prep-formatting.html#timestamp-data) but does not say
   * whether it fails such a value or imports it as a far-future date; `validateCsv` calls it an error
   * (`TIMESTAMP_IN_MILLISECONDS`), and so does the fake by default. With `false`, the job imports the value as it is.
   * @default true
   */
  readonly rejectMillisecondTimestamps: boolean;
  /**
   * For a folder source (`s3://bucket/folder/`), read the CSV objects of its sub-folders too, as the library's own
   * listing of a folder does. The service documents that a folder's CSV files are read, and, for data deletion jobs
   * only, that sub-folders are too (https://docs.aws.amazon.com/personalize/latest/dg/API_DataSource.html); for
   * import jobs it is unconfirmed. With `false`, only the objects directly in the folder are read.
   * @default true
   */
  readonly importSubfolders: boolean;
  /**
   * Calls `history` keeps: the latest ones, the oldest dropped first; 0 keeps none, `Infinity` every one. A fake
   * that runs long (`personalize-import serve`, a load test) otherwise holds a copy of every record it was sent, on
   * top of what it stores. The oldest are dropped in steps, so memory holds up to the limit plus the larger of 1,024
   * and the limit before a step (`history` shows the latest `historyLimit`, and the array it answered shifts).
   * @default Infinity
   */
  readonly historyLimit: number;
  /**
   * Region written into the ARNs the fake makes, e.g. `eu-west-1`.
   * @default 'us-east-1'
   */
  readonly region: string;
  /**
   * Account id written into the ARNs the fake makes; 12 digits.
   * @default '123456789012'
   */
  readonly accountId: string;
}

/** Options of `new MemoryTransport(options)`: any setting of `MemoryTransportConfiguration`, each job timing apart. */
export interface MemoryTransportOptions extends Partial<Omit<MemoryTransportConfiguration, 'jobTimings'>> {
  /** How long an import job stays in each state; a timing left out takes its default. */
  readonly jobTimings?: Partial<MemoryJobTimings>;
}

/** Every default of `MemoryTransportOptions`, e.g. `memoryTransportDefaults.jobTimings` to advance a clock past a job. */
export const memoryTransportDefaults = {
  clock: systemClock,
  jobTimings: { pendingMs: 1000, inProgressMs: 4000 },
  requestsPerSecond: {},
  strict: true,
  rejectConcurrentImports: false,
  rejectMillisecondTimestamps: true,
  importSubfolders: true,
  historyLimit: Number.POSITIVE_INFINITY,
  latencyMs: 0,
  region: 'us-east-1',
  accountId: '123456789012',
} as const satisfies MemoryTransportConfiguration;

/** Applies the defaults to `options` and checks the result; throws `InvalidOptionsError` naming the option. */
export function resolveMemoryTransportOptions(options: MemoryTransportOptions = {}): MemoryTransportConfiguration {
  expectObject('options', options);
  expectKnownKeys(undefined, options, Object.keys(memoryTransportDefaults));
  const d = memoryTransportDefaults;
  const rates = options.requestsPerSecond ?? d.requestsPerSecond;
  expectObject('requestsPerSecond', rates);
  const config: MemoryTransportConfiguration = {
    clock: options.clock ?? d.clock,
    jobTimings: {
      pendingMs: options.jobTimings?.pendingMs ?? d.jobTimings.pendingMs,
      inProgressMs: options.jobTimings?.inProgressMs ?? d.jobTimings.inProgressMs,
    },
    requestsPerSecond: { ...rates },
    strict: options.strict ?? d.strict,
    rejectConcurrentImports: options.rejectConcurrentImports ?? d.rejectConcurrentImports,
    rejectMillisecondTimestamps: options.rejectMillisecondTimestamps ?? d.rejectMillisecondTimestamps,
    importSubfolders: options.importSubfolders ?? d.importSubfolders,
    historyLimit: options.historyLimit ?? d.historyLimit,
    latencyMs: options.latencyMs ?? d.latencyMs,
    region: options.region ?? d.region,
    accountId: options.accountId ?? d.accountId,
  };
  checkConfiguration(config);
  return config;
}

/** The methods of a `Clock`, checked at construction so that a wrong clock fails there, not at the first call. */
const CLOCK_METHODS = ['now', 'sleep', 'setTimer'] as const;

function checkConfiguration(config: MemoryTransportConfiguration): void {
  expectMethods('clock', config.clock, CLOCK_METHODS, 'a Clock (now, sleep, setTimer)');
  expectNumber('jobTimings.pendingMs', config.jobTimings.pendingMs, 0, Number.MAX_VALUE);
  expectNumber('jobTimings.inProgressMs', config.jobTimings.inProgressMs, 0, Number.MAX_VALUE);
  expectLatency('latencyMs', config.latencyMs);
  for (const [call, rate] of Object.entries(config.requestsPerSecond)) {
    expectDataPlaneKey('requestsPerSecond', call);
    expectNumber(`requestsPerSecond.${call}`, rate, 0, Number.MAX_VALUE, { exclusiveMin: true });
  }
  expectBoolean('strict', config.strict);
  expectBoolean('rejectConcurrentImports', config.rejectConcurrentImports);
  expectBoolean('rejectMillisecondTimestamps', config.rejectMillisecondTimestamps);
  expectBoolean('importSubfolders', config.importSubfolders);
  if (config.historyLimit !== Number.POSITIVE_INFINITY) {
    expectInteger('historyLimit', config.historyLimit, 0, Number.MAX_SAFE_INTEGER);
  }
  expectString('accountId', config.accountId, { pattern: /^\d{12}$/, what: '12 digits' });
  expectString('region', config.region, { pattern: /^[a-z]{2}(-[a-z]+)+-\d+$/, what: 'a region name like us-east-1' });
}

/** The token-bucket rules of `requestsPerSecond`: a burst of one second's worth, at least 1. */
export function quotaRules(config: MemoryTransportConfiguration): CallQuotas {
  return Object.fromEntries(
    Object.entries(config.requestsPerSecond).map(([call, rate]) => [
      call,
      resolveQuotaRule(`requestsPerSecond.${call}`, { requestsPerSecond: rate }),
    ]),
  );
}
