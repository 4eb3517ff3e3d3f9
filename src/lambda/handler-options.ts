/**
 * The options of `createSqsHandler` and `createKinesisHandler`: one configuration type (generic over the message the
 * decoder gets), every default in one object, the checks right after.
 * @module
 */
import { InvalidOptionsError, type PersonalizeImportError } from '../errors.js';
import { type Clock, MAX_TIMER_MS, systemClock } from '../util/clock.js';
import { expectFunction, expectInteger, expectKnownKeys, expectMethods, expectObject } from '../util/expect.js';
import type { RecordWriter } from '../writer/record-writer.js';
import { type RecordWriterOptions, writerConfiguration } from '../writer/writer-options.js';
import type { KinesisStreamRecord, SqsMessage } from './event-types.js';
import type { LambdaRecord } from './lambda-record.js';

/** Every setting of a Lambda handler, defaults applied; `M` is the message `toRecords` decodes. */
export interface LambdaHandlerConfiguration<M> {
  /**
   * A writer you made: the handler keeps it across warm invocations and never closes it. It learns how records ended
   * only from `flush()`, so at a deadline every message with a record in it is a failure; prefer `writerOptions`.
   * Give `writer` or `writerOptions`, not both.
   * @default undefined
   */
  writer: RecordWriter | undefined;
  /**
   * The options of the `RecordWriter` the handler makes at its first invocation and keeps at module scope across warm
   * invocations (a new one after a fatal stop or a deadline). Checked when the handler is created.
   * @default undefined
   */
  writerOptions: RecordWriterOptions | undefined;
  /**
   * Decodes one message into zero or more records (`{ kind: 'event', record }`, …). What it throws, or a return
   * that is not an array of `{ kind, record }`, makes the message poison: `onRejected` gets a `ToRecordsError`
   * naming the message, and the message is acknowledged. Required.
   */
  toRecords: (message: M) => readonly LambdaRecord[] | Promise<readonly LambdaRecord[]>;
  /**
   * Hears every poison record of a message that is acknowledged: refused by local validation
   * (`RecordValidationError`: a missing `sentAt`, a field too long), rejected by the service (`InvalidInputError`,
   * with its message), or a message `toRecords` could not decode (`ToRecordsError`, `record` undefined). Send them
   * to your dead-letter queue or log. It is called once the message's other records are delivered, so a message
   * delivered again calls it again only if it threw: a throw (or a rejected promise) makes the message a batch item
   * failure instead.
   * @default logs one JSON line per record with `console.warn` (CloudWatch Logs in Lambda)
   */
  onRejected: (message: M, record: LambdaRecord | undefined, error: PersonalizeImportError) => void | Promise<void>;
  /**
   * Time kept back from `context.getRemainingTimeInMillis()`, in ms, to answer before Lambda stops the invocation:
   * records not settled by then are batch item failures (delivered again, never lost). An integer in 0..2147483647.
   * @default 1000
   */
  deadlineMarginMs: number;
  /**
   * The source of time for the deadline; tests pass a `ManualClock` (the writer's, so that both run on it).
   * @default `writerOptions.clock`, else systemClock
   */
  clock: Clock;
}

/** The options of a Lambda handler: `toRecords` and one of `writer` / `writerOptions`; anything else has a default. */
export interface LambdaHandlerOptions<M> extends Partial<Omit<LambdaHandlerConfiguration<M>, 'toRecords'>> {
  /** {@inheritDoc LambdaHandlerConfiguration.toRecords} */
  toRecords: LambdaHandlerConfiguration<M>['toRecords'];
}

/** The options of `createSqsHandler`: `toRecords` gets one SQS message. */
export type SqsHandlerOptions = LambdaHandlerOptions<SqsMessage>;

/** The options of `createKinesisHandler`: `toRecords` gets one Kinesis stream record (its `data` is base64). */
export type KinesisHandlerOptions = LambdaHandlerOptions<KinesisStreamRecord>;

/** The id a log line names a message by: an SQS message id or a Kinesis event id. */
function idOf(message: unknown): string | undefined {
  const { messageId, eventID } = (message ?? {}) as { messageId?: unknown; eventID?: unknown };
  if (typeof messageId === 'string') return messageId;
  return typeof eventID === 'string' ? eventID : undefined;
}

/** Every default of the Lambda handlers, in one object (`clock` defaults to the writer's when it has one). */
export const lambdaHandlerDefaults = {
  writer: undefined,
  writerOptions: undefined,
  /** One JSON line per poison record on stderr (CloudWatch Logs in Lambda): the message's id, kind, code, error. */
  onRejected(message: unknown, record: LambdaRecord | undefined, error: PersonalizeImportError): void {
    const line = { rejected: idOf(message), kind: record?.kind, code: error.code, error: error.message };
    console.warn(`personalize-import: ${JSON.stringify(line)}`);
  },
  deadlineMarginMs: 1000,
  clock: systemClock,
} as const satisfies Omit<LambdaHandlerConfiguration<unknown>, 'toRecords'>;

const WRITER_METHODS = ['putEvent', 'putUser', 'putItem', 'putAction', 'putActionInteraction', 'flush'] as const;

/** Applies the defaults and checks every value; throws `InvalidOptionsError` naming the first bad one. */
export function lambdaHandlerConfiguration<M>(options: LambdaHandlerOptions<M>): LambdaHandlerConfiguration<M> {
  expectObject('options', options);
  expectKnownKeys(undefined, options, ['toRecords', ...Object.keys(lambdaHandlerDefaults)]);
  const { writer, writerOptions } = options;
  if ((writer === undefined) === (writerOptions === undefined)) {
    const got = writer === undefined ? 'neither' : 'both';
    throw new InvalidOptionsError(`Expected one of \`writer\` and \`writerOptions\`, got ${got}`);
  }
  if (writer !== undefined) expectMethods('writer', writer, WRITER_METHODS, 'a RecordWriter');
  // The writer is made at the first invocation; its options are checked now, so a bad one fails at the cold start.
  if (writerOptions !== undefined) writerConfiguration(writerOptions);
  const d = lambdaHandlerDefaults;
  const config: LambdaHandlerConfiguration<M> = {
    writer,
    writerOptions,
    toRecords: options.toRecords,
    onRejected: options.onRejected ?? d.onRejected,
    deadlineMarginMs: options.deadlineMarginMs ?? d.deadlineMarginMs,
    clock: options.clock ?? writerOptions?.clock ?? d.clock,
  };
  expectFunction('toRecords', config.toRecords);
  expectFunction('onRejected', config.onRejected);
  expectInteger('deadlineMarginMs', config.deadlineMarginMs, 0, MAX_TIMER_MS);
  expectMethods('clock', config.clock, ['now', 'sleep'], 'a Clock');
  return config;
}
