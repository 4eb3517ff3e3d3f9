/**
 * The options of `DatasetImporter`: one configuration type, every default in one object, the checks right after.
 * @module
 */
import { ROLE_ARN_PATTERN } from '../limits.js';
import { TRANSPORT_METHODS, type Transport } from '../transport/transport.js';
import { type BackoffConfiguration, expectBackoff } from '../util/backoff.js';
import { type Clock, systemClock } from '../util/clock.js';
import {
  expectFunction,
  expectInteger,
  expectKnownKeys,
  expectMethods,
  expectObject,
  expectString,
  failOption,
} from '../util/expect.js';

/** Where the importer writes what a person should know (a FULL import replacing data, …). `console` fits. */
export interface ImporterLogger {
  /**
   * Hears what may cost the caller data or a failed job: a FULL import replacing the bulk data already in the dataset,
   * a source over the per-job size limit. The message is a sentence, without a trailing newline.
   */
  warn(message: string): void;
  /** Hears routine news, such as attaching to an existing job instead of starting one. The default logger drops it. */
  info(message: string): void;
}

/** Every setting of a `DatasetImporter`, defaults applied (`datasetImporterDefaults`). */
export interface DatasetImporterConfiguration {
  /**
   * The service calls go through it: `AwsTransport`, `MemoryTransport`, or your own; it must have every method of
   * `Transport`. Required.
   */
  transport: Transport;
  /**
   * The IAM role the service assumes to read the S3 source, like `arn:aws:iam::123456789012:role/PersonalizeS3Read`
   * (`CreateDatasetImportJob.roleArn`; see docs/bulk-import.md for its policies). Required.
   */
  roleArn: string;
  /**
   * Polling of a running job with DescribeDatasetImportJob: each delay, in ms, is a random draw in 3/4..1 of a
   * ceiling that starts at `initialDelayMs` (at least 1) and doubles up to `maxDelayMs`: about as many calls as a
   * fixed 30 s period, with a notice about 15 s after the job ends (docs/bulk-import.md). After `timeoutMs` (at least 1, or
   * `Infinity`) `waitForJob` rejects with `ImportJobTimeoutError`; the job keeps running on the service. A throttled
   * or failed poll is retried within the same budget.
   * @default `{ initialDelayMs: 5000, maxDelayMs: 35000, timeoutMs: 43200000 }` (12 hours)
   */
  poll: BackoffConfiguration;
  /**
   * Waiting, in ms, when the service refuses to start a job for lack of capacity: another job runs on the dataset
   * (ResourceInUse), or 5 jobs are pending or running in the account and region (LimitExceeded). After `timeoutMs`
   * (`0` never waits) the import rejects with the service's refusal.
   * @default `{ initialDelayMs: 15000, maxDelayMs: 300000, timeoutMs: 7200000 }` (5 minutes, 2 hours)
   */
  capacityWait: BackoffConfiguration;
  /**
   * Retrying, in ms, a look-up or a create (ListDatasetImportJobs, CreateDatasetImportJob, DescribeDataset, S3
   * HeadObject, …) that is throttled or meets a transient fault: `AwsTransport` makes one attempt per call and leaves
   * retrying to the library. After `timeoutMs` (`0` never retries) the call rejects with its last error.
   * @default `{ initialDelayMs: 500, maxDelayMs: 20000, timeoutMs: 120000 }` (2 minutes)
   */
  callRetry: BackoffConfiguration;
  /**
   * Source of time, with `now()` and `sleep(ms, signal)`; tests pass a `ManualClock`.
   * @default systemClock
   */
  clock: Clock;
  /**
   * Source of randomness for the jitter of every delay: a function returning a number in `[0, 1)`.
   * @default Math.random
   */
  random: () => number;
  /**
   * Where warnings (a FULL import replacing bulk data, a file over the job's size quota) and notes (attached to an
   * earlier job) go: an object with `warn(message)` and `info(message)`.
   * @default warnings to `console.warn`, nothing else
   */
  logger: ImporterLogger;
}

/** The settings given as groups of back-off fields: each group may be given in part, the rest keeps its default. */
type BackoffGroup = 'poll' | 'capacityWait' | 'callRetry';

/**
 * The options of `new DatasetImporter(options)`: `transport` and `roleArn` are required; anything else absent or
 * `undefined` takes its default (`datasetImporterDefaults`), and `poll`, `capacityWait` and `callRetry` may be given
 * in part.
 */
export interface DatasetImporterOptions
  extends Pick<DatasetImporterConfiguration, 'transport' | 'roleArn'>,
    Partial<Omit<DatasetImporterConfiguration, 'transport' | 'roleArn' | 'poll' | 'capacityWait' | 'callRetry'>> {
  /** How a running job is polled; fields not given keep their defaults (see `DatasetImporterConfiguration.poll`). */
  poll?: Partial<BackoffConfiguration> | undefined;
  /** How a start refused for capacity waits; fields not given keep their defaults (`…Configuration.capacityWait`). */
  capacityWait?: Partial<BackoffConfiguration> | undefined;
  /** How other calls retry; fields not given keep their defaults (`…Configuration.callRetry`). */
  callRetry?: Partial<BackoffConfiguration> | undefined;
}

/** The default logger: warnings on stderr, nothing else. */
export const warnOnlyLogger: ImporterLogger = {
  warn: (message) => console.warn(`personalize-import: ${message}`),
  info: () => {},
};

/** Every default of `DatasetImporter`, in one object. */
export const datasetImporterDefaults = {
  poll: { initialDelayMs: 5000, maxDelayMs: 35_000, timeoutMs: 12 * 60 * 60 * 1000 },
  capacityWait: { initialDelayMs: 15_000, maxDelayMs: 5 * 60 * 1000, timeoutMs: 2 * 60 * 60 * 1000 },
  callRetry: { initialDelayMs: 500, maxDelayMs: 20_000, timeoutMs: 2 * 60 * 1000 },
  clock: systemClock,
  random: Math.random,
  logger: warnOnlyLogger,
} as const satisfies Omit<DatasetImporterConfiguration, 'transport' | 'roleArn'>;

/** What a `transport` option must be, as messages say it. */
const TRANSPORT_WHAT = 'a Transport (an AwsTransport, a MemoryTransport or your own)';

/**
 * Applies the defaults (`undefined` takes the default, `0` is kept) and checks every value, injected collaborators
 * included; throws `InvalidOptionsError` naming the first bad one.
 */
export function resolveImporterOptions(options: DatasetImporterOptions): DatasetImporterConfiguration {
  expectObject('options', options);
  expectKnownKeys(undefined, options, ['transport', 'roleArn', ...Object.keys(datasetImporterDefaults)]);
  const d = datasetImporterDefaults;
  const config: DatasetImporterConfiguration = {
    transport: options.transport,
    roleArn: options.roleArn,
    poll: withDefaults('poll', d.poll, options.poll),
    capacityWait: withDefaults('capacityWait', d.capacityWait, options.capacityWait),
    callRetry: withDefaults('callRetry', d.callRetry, options.callRetry),
    clock: options.clock ?? d.clock,
    random: options.random ?? d.random,
    logger: options.logger ?? d.logger,
  };
  expectMethods('transport', config.transport, TRANSPORT_METHODS, TRANSPORT_WHAT);
  expectString('roleArn', config.roleArn, {
    pattern: ROLE_ARN_PATTERN,
    what: 'an IAM role ARN like `arn:aws:iam::123456789012:role/PersonalizeS3Read`',
  });
  expectDelays('poll', config.poll, 1);
  expectDelays('capacityWait', config.capacityWait, 0);
  expectDelays('callRetry', config.callRetry, 0);
  expectMethods('clock', config.clock, ['now', 'sleep'], 'a Clock');
  expectFunction('random', config.random);
  expectMethods('logger', config.logger, ['warn', 'info'], 'a logger');
  return config;
}

/**
 * Checks a time budget: whole ms, at least `minMs`, or `Infinity` (wait for ever). `poll.timeoutMs` and
 * `waitForJob`'s `timeoutMs` take at least 1; `capacityWait` and `callRetry` take 0 (never wait, never retry).
 */
export function expectTimeout(name: string, value: unknown, minMs: number): asserts value is number {
  if (value === Number.POSITIVE_INFINITY) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minMs) {
    failOption(name, `an integer >= ${minMs} or Infinity`, value);
  }
}

/**
 * Checks a back-off group with the importer's floors on top of the shared check: the first delay at least 1 ms (0
 * would poll or retry in a busy loop), the budget in whole ms.
 */
function expectDelays(name: BackoffGroup, value: BackoffConfiguration, minTimeoutMs: number): void {
  expectInteger(`${name}.initialDelayMs`, value.initialDelayMs, 1, Number.MAX_SAFE_INTEGER);
  expectTimeout(`${name}.timeoutMs`, value.timeoutMs, minTimeoutMs);
  expectBackoff(name, value);
}

/** A group given in part over its defaults; a field given as `undefined` keeps its default. */
function withDefaults(
  name: BackoffGroup,
  defaults: BackoffConfiguration,
  given: Partial<BackoffConfiguration> | undefined,
): BackoffConfiguration {
  if (given === undefined) return { ...defaults };
  expectObject(name, given);
  expectKnownKeys(name, given, Object.keys(defaults));
  const set = Object.entries(given).filter(([, value]) => value !== undefined);
  return { ...defaults, ...Object.fromEntries(set) };
}
