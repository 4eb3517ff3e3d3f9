/**
 * The errors of a `RecordWriter`: closed, stopped at a fatal error, a call cut off with its outcome unknown.
 * @module
 */
import { PersonalizeImportError } from '../errors.js';

/** A `put*` call came after `close()`. */
export class WriterClosedError extends PersonalizeImportError {
  /**
   * Always `'WRITER_CLOSED'`: the stable value to switch on. A `put*` call rejects with it when it comes after
   * `close()` was called; the record is not taken. Create a new `RecordWriter` to write more.
   */
  override readonly code = 'WRITER_CLOSED' as const;
  constructor() {
    super('The RecordWriter is closed: create a new one to write more records');
    this.name = 'WriterClosedError';
  }
}

/**
 * The writer stopped sending at its first fatal error (bad credentials, access denied, an unknown region, tracking id
 * or dataset): no record is at fault, so none is reported rejected. `put*` calls made after, or waiting for room when
 * it stopped, reject with this error; the fatal error is its `cause`, and `WriterReport.stoppedBy` names it too.
 */
export class WriterStoppedError extends PersonalizeImportError {
  /**
   * Always `'WRITER_STOPPED'`: the stable value to switch on. A `put*` call rejects with it once the writer has stopped
   * at a fatal error, made after the stop or waiting for buffer room when it came; `cause` is the fatal error. Retrying
   * on the same writer is useless: fix the cause (credentials, ARN, tracking id) and create a new one.
   */
  override readonly code = 'WRITER_STOPPED' as const;
  constructor(cause: unknown) {
    const message = cause instanceof Error ? cause.message : String(cause);
    super(`The RecordWriter stopped at a fatal error: ${message}`, { cause });
    this.name = 'WriterStoppedError';
  }
}

/**
 * A call was sent and cut off (at the `close({ timeoutMs })` deadline) before its answer came: the service may have
 * stored its records, or not. Sending them again is safe: an event keeps its `eventId` (the record in the report
 * carries the one the writer assigned), and users, items and actions are upserts by id.
 */
export class OutcomeUnknownError extends PersonalizeImportError {
  /**
   * Always `'OUTCOME_UNKNOWN'`: the stable value to switch on. Not thrown: it is the `code` of an undelivered record in
   * the writer's report (`RejectedRecord.code`) whose call was sent and then cut off at the `close({ timeoutMs })`
   * deadline. Such a record may be stored already; sending it again is safe.
   */
  override readonly code = 'OUTCOME_UNKNOWN' as const;
  constructor(options?: { cause?: unknown }) {
    super(
      'The call was sent and cut off before its answer: the service may have stored these records. Sending them ' +
        'again is safe: events keep their eventId (the record here carries it); users, items and actions are upserts',
      options,
    );
    this.name = 'OutcomeUnknownError';
  }
}
