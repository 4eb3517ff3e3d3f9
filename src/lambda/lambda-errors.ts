/**
 * The errors of the Lambda handlers: a message `toRecords` could not decode, and a batch of which nothing could be
 * handled.
 * @module
 */
import { PersonalizeImportError } from '../errors.js';

/**
 * `toRecords` threw for a message, or returned something that is not a list of `{ kind, record }`: the message is
 * poison (decoding it again fails again), so it goes to `onRejected` with no record and is acknowledged.
 */
export class ToRecordsError extends PersonalizeImportError {
  /**
   * Always `'TO_RECORDS_FAILED'`: the stable value to switch on. Passed to `onRejected` (with `record` undefined) when
   * the handler's `toRecords` threw for a message or returned anything but an array of `{ kind, record }`; `cause` is
   * what it threw. The message names the message's id.
   */
  override readonly code = 'TO_RECORDS_FAILED' as const;
  /** The SQS `messageId` or the Kinesis `eventID` (`<shard id>:<sequence number>`) of the message. */
  readonly messageId: string;

  constructor(messageId: string, what: string, options?: { cause?: unknown }) {
    super(`toRecords failed for message ${JSON.stringify(messageId)}: ${what}`, options);
    this.name = 'ToRecordsError';
    this.messageId = messageId;
  }
}

/**
 * No message of the batch could be handled (none delivered, none acknowledged): the handler throws this so that
 * Lambda counts the invocation as failed and delivers the whole batch again. Typical causes: credentials, access
 * denied, an unknown tracking id or dataset, the service throttling past the retry budget, or a deadline too short.
 */
export class BatchFailedError extends PersonalizeImportError {
  /**
   * Always `'BATCH_FAILED'`: the stable value to switch on. A Lambda handler of `personalize-import/lambda` throws
   * it when not one message of a non-empty batch was handled; `cause` is the first failure (the fatal error that
   * stopped the writer, when one did), and the message says it once for the whole batch.
   */
  override readonly code = 'BATCH_FAILED' as const;
  /** Messages in the batch, all of them failed. */
  readonly messages: number;
  /** The code of the first failure: `FATAL`, `NOT_FOUND`, `THROTTLED`, `TRANSIENT`, `DEADLINE`, … */
  readonly failureCode: string;

  constructor(messages: number, failureCode: string, reason: string, options?: { cause?: unknown }) {
    super(
      `No message of the batch of ${messages} could be handled (${failureCode}: ${reason}); ` +
        'Lambda will deliver the whole batch again',
      options,
    );
    this.name = 'BatchFailedError';
    this.messages = messages;
    this.failureCode = failureCode;
  }
}

/**
 * The invocation's deadline (`context.getRemainingTimeInMillis()` minus `deadlineMarginMs`) came before a record
 * settled: its message is a batch item failure, delivered again later. Not thrown: the reason of such a failure.
 */
export class DeadlineError extends PersonalizeImportError {
  /**
   * Always `'DEADLINE'`: the stable value to switch on. The reason a message was reported as a batch item failure when
   * one of its records had not settled at the invocation's deadline; it is delivered again.
   */
  override readonly code = 'DEADLINE' as const;

  constructor(budgetMs: number) {
    const hint = budgetMs === 0 ? ": the function's timeout leaves nothing after `deadlineMarginMs`" : '';
    super(`The invocation's deadline passed (${budgetMs} ms of work allowed${hint}) before every record settled`);
    this.name = 'DeadlineError';
  }
}
