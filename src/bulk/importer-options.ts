/**
 * The options of `DatasetImporter`: one type, every default in one object, checked in the constructor.
 * @module
 */
import { InvalidOptionsError } from '../errors.js';
import { ROLE_ARN_PATTERN } from '../limits.js';
import type { Transport } from '../transport/transport.js';
import { type Clock, systemClock } from '../util/clock.js';

/** How the importer polls a running job. */
export interface PollConfiguration {
  /**
   * Ceiling of the first delay between two polls of DescribeDatasetImportJob, in ms; each later ceiling doubles.
   * Every delay is a random draw below its ceiling (full jitter).
   * @default 5000
   */
  initialDelayMs: number;
  /**
   * The largest ceiling of a delay between two polls, in ms.
   * @default 60000
   */
  maxDelayMs: number;
  /**
   * How long to wait for a job to finish before rejecting with `ImportJobTimeoutError`, in ms; the job keeps
   * running on the service. `Infinity` waits for ever.
   * @default 43200000 (12 hours)
   */
  timeoutMs: number;
}

/**
 * How the importer waits when the service refuses to start a job for lack of capacity: another job runs on the
 * dataset (ResourceInUse), or 5 jobs are pending or running in the account and region (LimitExceeded).
 */
export interface CapacityWaitConfiguration {
  /**
   * Ceiling of the first delay before trying again, in ms; each later ceiling doubles (full jitter).
   * @default 15000
   */
  initialDelayMs: number;
  /**
   * The largest ceiling of a delay, in ms.
   * @default 300000 (5 minutes)
   */
  maxDelayMs: number;
  /**
   * How long to keep trying before giving up with the service's refusal, in ms. `0` never waits.
   * @default 7200000 (2 hours)
   */
  timeoutMs: number;
}

/**
 * How the importer retries its other calls (ListDatasetImportJobs, CreateDatasetImportJob, DescribeDataset, S3
 * reads, …) when they are throttled or meet a transient fault. `AwsTransport` leaves retrying to the library.
 */
export interface CallRetryConfiguration {
  /**
   * Ceiling of the first delay before trying again, in ms; each later ceiling doubles (full jitter).
   * @default 500
   */
  initialDelayMs: number;
  /**
   * The largest ceiling of a delay, in ms.
   * @default 20000
   */
  maxDelayMs: number;
  /**
   * How long to keep trying one call before rejecting with its last error, in ms. `0` never retries.
   * @default 120000 (2 minutes)
   */
  timeoutMs: number;
}

/** Where the importer writes what a person should know (a FULL import replacing data, …). `console` fits. */
export interface ImporterLogger {
  warn(message: string): void;
  info(message: string): void;
}

/** Every setting of a `DatasetImporter`, defaults applied. */
export interface DatasetImporterConfiguration {
  /** The service calls go through it: `AwsTransport`, `MemoryTransport`, or your own. */
  transport: Transport;
  /** The IAM role the service assumes to read the S3 source (see docs/bulk-import.md). */
  roleArn: string;
  /** Polling of a running job. */
  poll: PollConfiguration;
  /** Waiting for the service to accept a job. */
  capacityWait: CapacityWaitConfiguration;
  /** Retrying a throttled or failed call. */
  callRetry: CallRetryConfiguration;
  /**
   * Source of time; tests pass a manual clock.
   * @default systemClock
   */
  clock: Clock;
  /**
   * Source of randomness for the jitter, a number in `[0, 1)`.
   * @default Math.random
   */
  random: () => number;
  /**
   * Where warnings go.
   * @default warnings to `console.warn`, nothing else
   */
  logger: ImporterLogger;
}

/** The options of `new DatasetImporter(options)`: `transport` and `roleArn`, anything else has a default. */
export interface DatasetImporterOptions {
  /** {@inheritDoc DatasetImporterConfiguration.transport} */
  transport: Transport;
  /** {@inheritDoc DatasetImporterConfiguration.roleArn} */
  roleArn: string;
  /** {@inheritDoc DatasetImporterConfiguration.poll} */
  poll?: Partial<PollConfiguration>;
  /** {@inheritDoc DatasetImporterConfiguration.capacityWait} */
  capacityWait?: Partial<CapacityWaitConfiguration>;
  /** {@inheritDoc DatasetImporterConfiguration.callRetry} */
  callRetry?: Partial<CallRetryConfiguration>;
  /** {@inheritDoc DatasetImporterConfiguration.clock} */
  clock?: Clock;
  /** {@inheritDoc DatasetImporterConfiguration.random} */
  random?: () => number;
  /** {@inheritDoc DatasetImporterConfiguration.logger} */
  logger?: ImporterLogger;
}

/** The default logger: warnings on stderr, nothing else. */
export const warnOnlyLogger: ImporterLogger = {
  warn: (message) => console.warn(`personalize-import: ${message}`),
  info: () => {},
};

/** Every default of `DatasetImporter`, in one place. */
export const importerDefaults = {
  poll: { initialDelayMs: 5000, maxDelayMs: 60_000, timeoutMs: 12 * 60 * 60 * 1000 },
  capacityWait: { initialDelayMs: 15_000, maxDelayMs: 5 * 60 * 1000, timeoutMs: 2 * 60 * 60 * 1000 },
  callRetry: { initialDelayMs: 500, maxDelayMs: 20_000, timeoutMs: 2 * 60 * 1000 },
  clock: systemClock,
  random: Math.random,
  logger: warnOnlyLogger,
} as const satisfies Omit<DatasetImporterConfiguration, 'transport' | 'roleArn'>;

/** Applies the defaults and checks every value; throws `InvalidOptionsError` naming the first bad one. */
export function resolveImporterOptions(options: DatasetImporterOptions): DatasetImporterConfiguration {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidOptionsError(`Expected options to be an object, got \`${String(options)}\``);
  }
  checkTransport(options.transport);
  if (typeof options.roleArn !== 'string' || !ROLE_ARN_PATTERN.test(options.roleArn)) {
    throw new InvalidOptionsError(
      `Expected \`roleArn\` to be an IAM role ARN like \`arn:aws:iam::123456789012:role/PersonalizeS3Read\`, got \`${String(options.roleArn)}\``,
    );
  }
  const poll = { ...importerDefaults.poll, ...options.poll };
  checkDelays('poll', poll);
  const capacityWait = { ...importerDefaults.capacityWait, ...options.capacityWait };
  checkDelays('capacityWait', capacityWait, 0);
  const callRetry = { ...importerDefaults.callRetry, ...options.callRetry };
  checkDelays('callRetry', callRetry, 0);
  const config: DatasetImporterConfiguration = {
    transport: options.transport,
    roleArn: options.roleArn,
    poll,
    capacityWait,
    callRetry,
    clock: options.clock ?? importerDefaults.clock,
    random: options.random ?? importerDefaults.random,
    logger: options.logger ?? importerDefaults.logger,
  };
  checkFunctions(config);
  return config;
}

function checkTransport(transport: unknown): void {
  const t = transport as Partial<Record<keyof Transport, unknown>> | undefined;
  if (typeof t !== 'object' || t === null || typeof t.createDatasetImportJob !== 'function') {
    throw new InvalidOptionsError(
      `Expected \`transport\` to be a Transport (AwsTransport, MemoryTransport, …), got \`${String(transport)}\``,
    );
  }
}

function checkDelays(
  name: string,
  value: { initialDelayMs: number; maxDelayMs: number; timeoutMs: number },
  minTimeoutMs = 1,
): void {
  const { initialDelayMs, maxDelayMs, timeoutMs } = value;
  if (!Number.isInteger(initialDelayMs) || initialDelayMs < 1) {
    throw new InvalidOptionsError(
      `Expected \`${name}.initialDelayMs\` to be an integer ≥ 1, got \`${String(initialDelayMs)}\``,
    );
  }
  if (!Number.isInteger(maxDelayMs) || maxDelayMs < initialDelayMs) {
    throw new InvalidOptionsError(
      `Expected \`${name}.maxDelayMs\` to be an integer ≥ \`${name}.initialDelayMs\` (${initialDelayMs}), got \`${String(maxDelayMs)}\``,
    );
  }
  const timeoutOk =
    timeoutMs === Number.POSITIVE_INFINITY || (Number.isInteger(timeoutMs) && timeoutMs >= minTimeoutMs);
  if (!timeoutOk) {
    throw new InvalidOptionsError(
      `Expected \`${name}.timeoutMs\` to be an integer ≥ ${minTimeoutMs} or Infinity, got \`${String(timeoutMs)}\``,
    );
  }
}

function checkFunctions(config: DatasetImporterConfiguration): void {
  const { clock, random, logger } = config;
  if (typeof clock?.now !== 'function' || typeof clock.sleep !== 'function') {
    throw new InvalidOptionsError('Expected `clock` to be a Clock with `now()` and `sleep(ms, signal)`');
  }
  if (typeof random !== 'function') {
    throw new InvalidOptionsError(`Expected \`random\` to be a function returning [0, 1), got \`${String(random)}\``);
  }
  if (typeof logger?.warn !== 'function' || typeof logger.info !== 'function') {
    throw new InvalidOptionsError('Expected `logger` to have `warn(message)` and `info(message)` methods');
  }
}
