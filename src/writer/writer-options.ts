/**
 * The options of a `RecordWriter`: every setting with its default (`RecordWriterConfiguration`), what the
 * constructor takes (`RecordWriterOptions`), every default in one object (`recordWriterDefaults`), and the checks
 * that run on them at construction.
 * @module
 */
import { DATASET_ARN_PATTERN, DOCUMENTED_REQUESTS_PER_SECOND, MAX_ID_LENGTH, MAX_RECORDS_PER_CALL } from '../limits.js';
import { DATA_PLANE_CALLS, type DataPlaneCall, type Transport } from '../transport/transport.js';
import { type BackoffConfiguration, expectBackoff } from '../util/backoff.js';
import { type Clock, MAX_TIMER_MS, systemClock } from '../util/clock.js';
import {
  expectBoolean,
  expectFunction,
  expectInteger,
  expectKnownKeys,
  expectMethods,
  expectNumber,
  expectObject,
  expectString,
} from '../util/expect.js';
import { randomUuid } from '../util/random-uuid.js';
import type { BatchInfo, SettledInfo } from './report.js';

/** The datasets that users, items and actions go into. */
export interface WriterDatasets {
  /** ARN of the Users dataset; needed by `putUser`. */
  users?: string;
  /** ARN of the Items dataset; needed by `putItem`. */
  items?: string;
  /** ARN of the Actions dataset; needed by `putAction`. */
  actions?: string;
}

/**
 * How the writer paces the calls of each type: one queue per call type releases calls at a rate that ramps up to
 * the documented quota and adapts to the throttling it meets (see docs/live-records.md, "How records travel").
 */
export interface WriterRateConfiguration {
  /**
   * Requests per second the start ramp climbs to, per call type, each above 0 (`Infinity`: unpaced, only the
   * concurrency cap holds calls back until a throttle cuts the rate). Accounts differ, so the writer adapts from
   * there unless `adaptive` is false (then this is the rate from the first call).
   * @default the documented quota of each call: PutEvents 1000, the others 10 (`DOCUMENTED_REQUESTS_PER_SECOND`)
   */
  initialRequestsPerSecond: Record<DataPlaneCall, number>;
  /**
   * Cut the rate on throttling and probe upward after quiet windows; `false` keeps the initial rate.
   * @default true
   */
  adaptive: boolean;
  /**
   * Floor of the adapted rate, in requests per second, above 0.
   * @default 1
   */
  minRequestsPerSecond: number;
  /**
   * Ceiling of the adapted rate, in requests per second, at least `minRequestsPerSecond`.
   * @default Infinity
   */
  maxRequestsPerSecond: number;
  /**
   * Length of the window over which the admitted rate is measured and after which a probe may be made, in ms (at
   * least 1; each window is up to 25% shorter or longer at random, so that writers sharing a quota do not probe in
   * step). A rate is cut at most once per round trip: a throttle of a call released before the last cut cuts nothing.
   * @default 1000
   */
  windowMs: number;
  /**
   * A cut sets the rate to this share of the rate admitted while calls waited (in the last window, or among the
   * calls released since the last cut), in (0, 1]; never below a tenth of the rate released in one cut.
   * @default 0.9
   */
  decreaseFactor: number;
  /**
   * After a window without throttling in which demand kept the queue busy, the rate is multiplied by this, 1..10; it
   * grows by at least a thousandth of the initial rate (the same step for every writer sharing a quota, so that they
   * converge to equal shares), and less while the writer's recent throttled share is above 0.5%. 1 turns probing off.
   * @default 1.05
   */
  increaseFactor: number;
  /**
   * The start ramp begins at this share of `initialRequestsPerSecond`, in (0, 1]: the rate then grows with every
   * answered call (doubling about once per `windowMs` of answers) up to the initial rate, and the first throttle
   * ends the ramp, halving the rate reached. A quota ten times below the documented one then costs a few throttled
   * calls at the start instead of a burst of them. The ramp starts no lower than 10/s (so the calls documented at
   * 10/s have none). 1, with `startConcurrency` at `maxConcurrency`, starts at the initial rate with the whole cap.
   * @default 0.25
   */
  startShare: number;
  /**
   * Calls in flight at most when the start ramp begins, at least 1; one more per round trip of answers, until
   * `maxConcurrency`.
   * @default 4
   */
  startConcurrency: number;
}

/** The `rate` option: any field of `WriterRateConfiguration`, and the initial rate of any call type. */
export interface WriterRateOptions extends Partial<Omit<WriterRateConfiguration, 'initialRequestsPerSecond'>> {
  /** {@inheritDoc WriterRateConfiguration.initialRequestsPerSecond} */
  initialRequestsPerSecond?: Partial<Record<DataPlaneCall, number>>;
}

/**
 * How the writer retries a throttled call or a transient fault (a 5xx, a timeout, a network error), in the back-off
 * vocabulary of the whole library. Invalid input is never retried; other errors stop the writer.
 */
export interface WriterRetryConfiguration extends BackoffConfiguration {
  /**
   * Retries of one call after its first attempt, 0..1000.
   * @default 8
   */
  retries: number;
  /**
   * Ceiling of the first back-off delay, in ms: each delay is a random draw below a ceiling that doubles from this
   * ("full jitter"), or longer when the service asked for it (`retry-after`).
   * @default 100
   */
  initialDelayMs: number;
  /**
   * The largest back-off delay, in ms, at least `initialDelayMs`.
   * @default 20000
   */
  maxDelayMs: number;
  /**
   * Time one call may spend retrying, in ms: a retry that would start later is not made, and the call's records are
   * reported undelivered (`THROTTLED` or `TRANSIENT`).
   * @default 120000
   */
  timeoutMs: number;
}

/** Every setting of a `RecordWriter`, defaults applied. */
export interface RecordWriterConfiguration {
  /**
   * Where the calls go: an `AwsTransport`, a `MemoryTransport`, or your own object with the five put methods
   * (`putEvents`, `putUsers`, `putItems`, `putActions`, `putActionInteractions`).
   */
  transport: Transport;
  /**
   * The event tracker's tracking id; needed by `putEvent` (and by `putActionInteraction` unless
   * `actionInteractionsTrackingId` is set). 1..256 characters.
   * @default undefined (`putEvent` rejects with `InvalidOptionsError`)
   */
  trackingId: string | undefined;
  /**
   * Tracking id for action interactions (`DescribeDataset.trackingId` of the Action interactions dataset).
   * @default trackingId
   */
  actionInteractionsTrackingId: string | undefined;
  /**
   * Dataset ARNs for users, items and actions; a put of a kind whose dataset is missing rejects with
   * `InvalidOptionsError`.
   * @default `{}`
   */
  datasets: WriterDatasets;
  /**
   * Records per call, 1..10 (`PutEvents.eventList` and the other calls' lists hold at most 10).
   * @default 10
   */
  maxBatchSize: number;
  /**
   * A partly filled call is sent once its oldest record has waited this long, in ms.
   * @default 1000
   */
  flushIntervalMs: number;
  /**
   * Records held at most (buffered or in flight), at least `maxBatchSize`. `put*` waits while the writer holds
   * this many (backpressure).
   * @default 10000
   */
  maxBufferedRecords: number;
  /**
   * Calls in flight at most, per call type, 1..10000. Reaching a rate takes rate × latency calls in flight: the
   * documented 1,000 PutEvents/s at 25 ms needs 25; 16 held a writer to 640 calls/s there (docs/performance.md).
   * @default 64
   */
  maxConcurrency: number;
  /** Pacing of the calls, per call type, and its adaptation. */
  rate: WriterRateConfiguration;
  /** Retries of throttled calls and transient faults. */
  retry: WriterRetryConfiguration;
  /**
   * Called after each call ends, for metrics. Exceptions it throws are ignored.
   * @default undefined
   */
  onBatch: ((info: BatchInfo) => void) | undefined;
  /**
   * Called as records settle, with the records themselves: to know which record of yours landed (a checkpoint of
   * how far a file is delivered). Exceptions it throws are ignored.
   * @default undefined
   */
  onSettled: ((info: SettledInfo) => void) | undefined;
  /**
   * The source of time: flush timers, pacing and back-off run on it; tests pass a `ManualClock`.
   * @default systemClock
   */
  clock: Clock;
  /**
   * Random numbers in [0, 1), for the back-off jitter.
   * @default Math.random
   */
  random: () => number;
  /**
   * Makes the `eventId` of an event or action interaction that has none; its ids are checked like ids given by hand.
   * @default a random version 4 UUID, as `crypto.randomUUID` makes (drawn from `crypto.randomFillSync` in batches, at
   * half its CPU)
   */
  generateEventId: () => string;
}

/**
 * The options of `new RecordWriter(options)`: `transport` is required, anything else has a default
 * (`undefined` means the default). `trackingId` is needed to write events, `datasets` to write users, items, actions.
 */
export interface RecordWriterOptions extends Partial<Omit<RecordWriterConfiguration, 'transport' | 'rate' | 'retry'>> {
  /** {@inheritDoc RecordWriterConfiguration.transport} */
  transport: Transport;
  /** {@inheritDoc RecordWriterConfiguration.rate} */
  rate?: WriterRateOptions | undefined;
  /** {@inheritDoc RecordWriterConfiguration.retry} */
  retry?: Partial<WriterRetryConfiguration> | undefined;
}

/** Every default of a `RecordWriter`, in one place (`actionInteractionsTrackingId` defaults to `trackingId`). */
export const recordWriterDefaults = {
  trackingId: undefined,
  datasets: {},
  maxBatchSize: MAX_RECORDS_PER_CALL,
  flushIntervalMs: 1000,
  maxBufferedRecords: 10_000,
  maxConcurrency: 64,
  rate: {
    initialRequestsPerSecond: DOCUMENTED_REQUESTS_PER_SECOND,
    adaptive: true,
    minRequestsPerSecond: 1,
    maxRequestsPerSecond: Number.POSITIVE_INFINITY,
    windowMs: 1000,
    decreaseFactor: 0.9,
    increaseFactor: 1.05,
    startShare: 0.25,
    startConcurrency: 4,
  },
  retry: { retries: 8, initialDelayMs: 100, maxDelayMs: 20_000, timeoutMs: 120_000 },
  onBatch: undefined,
  onSettled: undefined,
  clock: systemClock,
  random: Math.random,
  generateEventId: randomUuid as () => string,
} as const satisfies Omit<RecordWriterConfiguration, 'transport' | 'actionInteractionsTrackingId'>;

/** `value`, or `fallback` when it is `undefined` (so that `0` and `false` are kept). */
function or<T>(value: T | undefined, fallback: T): T {
  return value === undefined ? fallback : value;
}

/** Fields of `options` whose value is not `undefined`: spread over defaults, `undefined` means "the default". */
function given<T extends object>(options: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(options ?? {}).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function resolveRate(rate: WriterRateOptions | undefined): WriterRateConfiguration {
  const defaults = recordWriterDefaults.rate;
  const initial = given(rate?.initialRequestsPerSecond);
  return {
    ...defaults,
    ...given(rate),
    initialRequestsPerSecond: { ...defaults.initialRequestsPerSecond, ...initial },
  };
}

/** Applies the defaults; the checks are in `expectWriterConfiguration`. */
export function resolveWriterOptions(options: RecordWriterOptions): RecordWriterConfiguration {
  expectObject('options', options);
  expectKnownKeys(undefined, options, [
    'transport',
    'actionInteractionsTrackingId',
    ...Object.keys(recordWriterDefaults),
  ]);
  for (const group of ['rate', 'retry'] as const) {
    const value = options[group];
    if (isObject(value)) expectKnownKeys(group, value, Object.keys(recordWriterDefaults[group]));
  }
  if (isObject(options.datasets)) expectKnownKeys('datasets', options.datasets, ['users', 'items', 'actions']);
  const trackingId = or(options.trackingId, recordWriterDefaults.trackingId);
  return {
    ...recordWriterDefaults,
    ...given(options),
    transport: options.transport,
    trackingId,
    actionInteractionsTrackingId: or(options.actionInteractionsTrackingId, trackingId),
    // A copy, so that a caller changing its object later changes nothing; anything but an object is left to the check.
    datasets: isObject(options.datasets)
      ? { ...options.datasets }
      : or(options.datasets, recordWriterDefaults.datasets),
    rate: resolveRate(options.rate),
    retry: { ...recordWriterDefaults.retry, ...given(options.retry) },
  };
}

/** Checks the injected collaborators: methods and functions present, so a bad one fails here, not at a put. */
function expectCollaborators(config: RecordWriterConfiguration): void {
  expectMethods('transport', config.transport, DATA_PLANE_CALLS, 'a Transport (an AwsTransport, a MemoryTransport, …)');
  expectMethods('clock', config.clock, ['now', 'sleep', 'setTimer'], 'a Clock');
  expectFunction('random', config.random);
  expectFunction('generateEventId', config.generateEventId);
  if (config.onBatch !== undefined) expectFunction('onBatch', config.onBatch);
  if (config.onSettled !== undefined) expectFunction('onSettled', config.onSettled);
}

function expectTargets(config: RecordWriterConfiguration): void {
  for (const name of ['trackingId', 'actionInteractionsTrackingId'] as const) {
    if (config[name] !== undefined) expectString(name, config[name], { maxLength: MAX_ID_LENGTH });
  }
  expectObject('datasets', config.datasets);
  for (const [name, arn] of Object.entries(config.datasets)) {
    if (arn === undefined) continue;
    expectString(`datasets.${name}`, arn, {
      pattern: DATASET_ARN_PATTERN,
      what: 'a dataset ARN (arn:…:personalize:…)',
    });
  }
}

function expectRate(rate: WriterRateConfiguration): void {
  for (const [call, value] of Object.entries(rate.initialRequestsPerSecond)) {
    expectNumber(`rate.initialRequestsPerSecond.${call}`, value, 0, Number.POSITIVE_INFINITY, { exclusiveMin: true });
  }
  expectBoolean('rate.adaptive', rate.adaptive);
  expectNumber('rate.minRequestsPerSecond', rate.minRequestsPerSecond, 0, Number.POSITIVE_INFINITY, {
    exclusiveMin: true,
  });
  expectNumber('rate.maxRequestsPerSecond', rate.maxRequestsPerSecond, rate.minRequestsPerSecond, Infinity);
  expectInteger('rate.windowMs', rate.windowMs, 1, Number.MAX_SAFE_INTEGER);
  expectNumber('rate.decreaseFactor', rate.decreaseFactor, 0, 1, { exclusiveMin: true });
  expectNumber('rate.increaseFactor', rate.increaseFactor, 1, 10);
  expectNumber('rate.startShare', rate.startShare, 0, 1, { exclusiveMin: true });
  expectInteger('rate.startConcurrency', rate.startConcurrency, 1, 10_000);
}

/** Checks every setting; throws `InvalidOptionsError` naming the first bad one, what was expected and what came. */
export function expectWriterConfiguration(config: RecordWriterConfiguration): void {
  expectCollaborators(config);
  expectTargets(config);
  expectInteger('maxBatchSize', config.maxBatchSize, 1, MAX_RECORDS_PER_CALL);
  expectInteger('flushIntervalMs', config.flushIntervalMs, 0, MAX_TIMER_MS);
  expectInteger('maxBufferedRecords', config.maxBufferedRecords, config.maxBatchSize, Number.MAX_SAFE_INTEGER);
  expectInteger('maxConcurrency', config.maxConcurrency, 1, 10_000);
  expectRate(config.rate);
  expectInteger('retry.retries', config.retry.retries, 0, 1000);
  expectBackoff('retry', config.retry);
}

/** The writer's configuration: defaults applied, every value checked. */
export function writerConfiguration(options: RecordWriterOptions): RecordWriterConfiguration {
  const config = resolveWriterOptions(options);
  expectWriterConfiguration(config);
  return config;
}
