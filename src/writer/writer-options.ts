/**
 * The options of a `RecordWriter`, every default in one object, and their validation.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { InvalidOptionsError } from '../errors.js';
import { DATASET_ARN_PATTERN, DOCUMENTED_REQUESTS_PER_SECOND, MAX_ID_LENGTH, MAX_RECORDS_PER_CALL } from '../limits.js';
import type { DataPlaneCall, Transport } from '../transport/transport.js';
import { type Clock, systemClock } from '../util/clock.js';
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

/** How the writer paces calls of one type. */
export interface RateOptions {
  /**
   * Requests per second to start at, per call type. Defaults to the documented quota (`limits.DOCUMENTED_REQUESTS_PER_SECOND`);
   * accounts differ, so the writer adapts from there unless `adaptive` is false.
   * @default the documented quota of each call
   */
  initialRequestsPerSecond?: Partial<Record<DataPlaneCall, number>>;
  /**
   * Cut the rate on throttling and probe upward after quiet windows.
   * @default true
   */
  adaptive?: boolean;
  /**
   * Floor of the adapted rate, in requests per second.
   * @default 1
   */
  minRequestsPerSecond?: number;
  /**
   * Ceiling of the adapted rate, in requests per second.
   * @default Infinity
   */
  maxRequestsPerSecond?: number;
  /**
   * Length of the window over which the achieved rate is measured and at most one cut is made, in ms.
   * @default 1000
   */
  windowMs?: number;
  /**
   * A cut sets the rate to this share of the rate achieved in the last window.
   * @default 0.9
   */
  decreaseFactor?: number;
  /**
   * After a window without throttling in which demand exceeded the rate, the rate is multiplied by this.
   * @default 1.05
   */
  increaseFactor?: number;
}

/** How the writer retries throttled calls and transient faults. Invalid input is never retried. */
export interface RetryOptions {
  /**
   * Retries of one call after its first attempt.
   * @default 8
   */
  retries?: number;
  /**
   * Ceiling of the first back-off delay (full jitter: the delay is drawn from 0 to the ceiling), in ms.
   * @default 100
   */
  baseDelayMs?: number;
  /**
   * Largest back-off delay, in ms.
   * @default 20000
   */
  maxDelayMs?: number;
  /**
   * Total time one call may spend retrying before its records are reported undelivered, in ms.
   * @default 120000
   */
  maxRetryTimeMs?: number;
}

/** Options of a `RecordWriter`. Only `transport` is required; `trackingId` is required to write events. */
export interface RecordWriterOptions {
  /** Where the calls go: an `AwsTransport`, a `MemoryTransport`, or your own. */
  transport: Transport;
  /** The event tracker's tracking id; needed by `putEvent` (and by `putActionInteraction` unless overridden). */
  trackingId?: string;
  /**
   * Tracking id for action interactions (`DescribeDataset.trackingId` of the Action interactions dataset).
   * @default trackingId
   */
  actionInteractionsTrackingId?: string;
  /** Dataset ARNs for users, items and actions. */
  datasets?: WriterDatasets;
  /**
   * Records per call, 1..10.
   * @default 10
   */
  maxBatchSize?: number;
  /**
   * A partly filled call is sent once its oldest record has waited this long, in ms.
   * @default 1000
   */
  flushIntervalMs?: number;
  /**
   * Records held at most (buffered or in flight). `put*` waits while the writer holds this many.
   * @default 10000
   */
  maxBufferedRecords?: number;
  /**
   * Calls in flight at most, per call type.
   * @default 16
   */
  maxConcurrency?: number;
  /** Rate limiting and its adaptation. */
  rate?: RateOptions;
  /** Retries of throttled calls and transient faults. */
  retry?: RetryOptions;
  /** Called after each call ends, for metrics. Exceptions it throws are ignored. */
  onBatch?: (info: BatchInfo) => void;
  /**
   * Called as records settle, with the records themselves: to know which record of yours landed (a checkpoint of
   * how far a file is delivered). Exceptions it throws are ignored.
   */
  onSettled?: (info: SettledInfo) => void;
  /**
   * The source of time.
   * @default systemClock
   */
  clock?: Clock;
  /**
   * Random numbers in [0, 1), for jitter.
   * @default Math.random
   */
  random?: () => number;
  /**
   * Makes the `eventId` of an event or action interaction that has none.
   * @default crypto.randomUUID
   */
  generateEventId?: () => string;
}

/** The writer's options with every default applied. */
export interface ResolvedWriterOptions {
  transport: Transport;
  trackingId: string | undefined;
  actionInteractionsTrackingId: string | undefined;
  datasets: WriterDatasets;
  maxBatchSize: number;
  flushIntervalMs: number;
  maxBufferedRecords: number;
  maxConcurrency: number;
  rate: Required<Omit<RateOptions, 'initialRequestsPerSecond'>> & {
    initialRequestsPerSecond: Record<DataPlaneCall, number>;
  };
  retry: Required<RetryOptions>;
  onBatch: ((info: BatchInfo) => void) | undefined;
  onSettled: ((info: SettledInfo) => void) | undefined;
  clock: Clock;
  random: () => number;
  generateEventId: () => string;
}

/** Every default of a `RecordWriter`, in one place. */
export const WRITER_DEFAULTS = {
  maxBatchSize: MAX_RECORDS_PER_CALL,
  flushIntervalMs: 1000,
  maxBufferedRecords: 10_000,
  maxConcurrency: 16,
  rate: {
    initialRequestsPerSecond: DOCUMENTED_REQUESTS_PER_SECOND,
    adaptive: true,
    minRequestsPerSecond: 1,
    maxRequestsPerSecond: Number.POSITIVE_INFINITY,
    windowMs: 1000,
    decreaseFactor: 0.9,
    increaseFactor: 1.05,
  },
  retry: { retries: 8, baseDelayMs: 100, maxDelayMs: 20_000, maxRetryTimeMs: 120_000 },
} as const;

function expectRange(name: string, value: number, min: number, max: number, integer = true): void {
  const ok =
    (integer ? Number.isInteger(value) : Number.isFinite(value) || value === Number.POSITIVE_INFINITY) &&
    value >= min &&
    value <= max;
  if (!ok) {
    const range = max === Number.POSITIVE_INFINITY ? `≥ ${min}` : `${min}..${max}`;
    throw new InvalidOptionsError(
      `Expected \`${name}\` to be ${integer ? 'an integer ' : ''}${range}, got \`${String(value)}\``,
    );
  }
}

function expectId(name: string, value: string | undefined): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_LENGTH) {
    throw new InvalidOptionsError(
      `Expected \`${name}\` to be a string of 1..${MAX_ID_LENGTH} characters, got \`${String(value)}\``,
    );
  }
}

function validateDatasets(datasets: WriterDatasets): void {
  for (const [name, arn] of Object.entries(datasets)) {
    if (arn !== undefined && !DATASET_ARN_PATTERN.test(arn)) {
      throw new InvalidOptionsError(
        `Expected \`datasets.${name}\` to be a dataset ARN (arn:…:personalize:…), got \`${arn}\``,
      );
    }
  }
}

function resolveRate(rate: RateOptions = {}): ResolvedWriterOptions['rate'] {
  const d = WRITER_DEFAULTS.rate;
  const resolved = {
    initialRequestsPerSecond: { ...d.initialRequestsPerSecond, ...rate.initialRequestsPerSecond },
    adaptive: rate.adaptive ?? d.adaptive,
    minRequestsPerSecond: rate.minRequestsPerSecond ?? d.minRequestsPerSecond,
    maxRequestsPerSecond: rate.maxRequestsPerSecond ?? d.maxRequestsPerSecond,
    windowMs: rate.windowMs ?? d.windowMs,
    decreaseFactor: rate.decreaseFactor ?? d.decreaseFactor,
    increaseFactor: rate.increaseFactor ?? d.increaseFactor,
  };
  for (const [call, value] of Object.entries(resolved.initialRequestsPerSecond)) {
    expectRange(`rate.initialRequestsPerSecond.${call}`, value, Number.MIN_VALUE, Number.MAX_VALUE, false);
  }
  expectRange('rate.minRequestsPerSecond', resolved.minRequestsPerSecond, Number.MIN_VALUE, Number.MAX_VALUE, false);
  expectRange(
    'rate.maxRequestsPerSecond',
    resolved.maxRequestsPerSecond,
    resolved.minRequestsPerSecond,
    Number.POSITIVE_INFINITY,
    false,
  );
  expectRange('rate.windowMs', resolved.windowMs, 1, Number.MAX_SAFE_INTEGER);
  expectRange('rate.decreaseFactor', resolved.decreaseFactor, Number.MIN_VALUE, 1, false);
  expectRange('rate.increaseFactor', resolved.increaseFactor, 1, 10, false);
  return resolved;
}

function resolveRetry(retry: RetryOptions = {}): Required<RetryOptions> {
  const resolved = { ...WRITER_DEFAULTS.retry, ...retry };
  expectRange('retry.retries', resolved.retries, 0, 1000);
  expectRange('retry.baseDelayMs', resolved.baseDelayMs, 0, Number.MAX_SAFE_INTEGER);
  expectRange('retry.maxDelayMs', resolved.maxDelayMs, resolved.baseDelayMs, Number.MAX_SAFE_INTEGER);
  expectRange('retry.maxRetryTimeMs', resolved.maxRetryTimeMs, 0, Number.MAX_SAFE_INTEGER);
  return resolved;
}

/** Applies the defaults and validates; throws `InvalidOptionsError` naming the option, what was expected and what came. */
export function resolveWriterOptions(options: RecordWriterOptions): ResolvedWriterOptions {
  if (
    options === null ||
    typeof options !== 'object' ||
    typeof options.transport !== 'object' ||
    options.transport === null
  ) {
    throw new InvalidOptionsError(
      'Expected `transport` to be a Transport (an AwsTransport, a MemoryTransport or your own)',
    );
  }
  const resolved: ResolvedWriterOptions = {
    transport: options.transport,
    trackingId: options.trackingId,
    actionInteractionsTrackingId: options.actionInteractionsTrackingId ?? options.trackingId,
    datasets: { ...options.datasets },
    maxBatchSize: options.maxBatchSize ?? WRITER_DEFAULTS.maxBatchSize,
    flushIntervalMs: options.flushIntervalMs ?? WRITER_DEFAULTS.flushIntervalMs,
    maxBufferedRecords: options.maxBufferedRecords ?? WRITER_DEFAULTS.maxBufferedRecords,
    maxConcurrency: options.maxConcurrency ?? WRITER_DEFAULTS.maxConcurrency,
    rate: resolveRate(options.rate),
    retry: resolveRetry(options.retry),
    onBatch: options.onBatch,
    onSettled: options.onSettled,
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
    generateEventId: options.generateEventId ?? randomUUID,
  };
  expectId('trackingId', resolved.trackingId);
  expectId('actionInteractionsTrackingId', resolved.actionInteractionsTrackingId);
  validateDatasets(resolved.datasets);
  expectRange('maxBatchSize', resolved.maxBatchSize, 1, MAX_RECORDS_PER_CALL);
  expectRange('flushIntervalMs', resolved.flushIntervalMs, 0, 2_147_483_647);
  expectRange('maxBufferedRecords', resolved.maxBufferedRecords, resolved.maxBatchSize, Number.MAX_SAFE_INTEGER);
  expectRange('maxConcurrency', resolved.maxConcurrency, 1, 10_000);
  return resolved;
}
