/**
 * The library's error classes. Each has a `name`, a stable literal `code` that callers can switch on, and keeps the
 * error it wraps as `cause`. Transport errors are classified by what a caller should do about them.
 * @module
 */
import type { CsvValidationReport } from './csv/report.js';
import { showValue } from './util/cut-value.js';

/** Every error the library throws extends this class. */
export class PersonalizeImportError extends Error {
  /** A stable, machine-readable identifier of the error class. */
  readonly code: string = 'PERSONALIZE_IMPORT_ERROR';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PersonalizeImportError';
  }
}

/** Options shared by every transport error. */
export interface TransportErrorOptions {
  /** The error as the SDK (or the fake) raised it. */
  cause?: unknown;
  /** The service's name for the error, e.g. `InvalidInputException`. */
  serviceErrorName?: string;
  /** HTTP status of the reply, when there was one. */
  statusCode?: number;
  /** Seconds the service asked the caller to wait (`retry-after`), when it did. */
  retryAfterSeconds?: number;
}

/** Base class of errors that leave a transport: a service call failed. */
export class TransportError extends PersonalizeImportError {
  override readonly code: string = 'TRANSPORT_ERROR';
  /** The service's name for the error, e.g. `ThrottlingException`, when known. */
  readonly serviceErrorName: string | undefined;
  /** HTTP status of the reply, when there was one. */
  readonly statusCode: number | undefined;
  /** Seconds the service asked to wait before a retry, when it said. */
  readonly retryAfterSeconds: number | undefined;

  constructor(message: string, options: TransportErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'TransportError';
    this.serviceErrorName = options.serviceErrorName;
    this.statusCode = options.statusCode;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** The service throttled the call: retry later, more slowly. */
export class ThrottledError extends TransportError {
  override readonly code = 'THROTTLED' as const;
  constructor(message: string, options?: TransportErrorOptions) {
    super(message, options);
    this.name = 'ThrottledError';
  }
}

/** A fault that may pass: 5xx, timeout, network error. Retry with back-off. */
export class TransientError extends TransportError {
  override readonly code = 'TRANSIENT' as const;
  constructor(message: string, options?: TransportErrorOptions) {
    super(message, options);
    this.name = 'TransientError';
  }
}

/** The service rejected the input (`InvalidInputException`). Retrying the same input fails again. */
export class InvalidInputError extends TransportError {
  override readonly code = 'INVALID_INPUT' as const;
  constructor(message: string, options?: TransportErrorOptions) {
    super(message, options);
    this.name = 'InvalidInputError';
  }
}

/** A resource the call names does not exist (`ResourceNotFoundException`, unknown tracking id, missing object). */
export class NotFoundError extends TransportError {
  override readonly code = 'NOT_FOUND' as const;
  constructor(message: string, options?: TransportErrorOptions) {
    super(message, options);
    this.name = 'NotFoundError';
  }
}

/** Why a call conflicted with the state of a resource. */
export type ConflictReason = 'IN_USE' | 'ALREADY_EXISTS';

/** The resource is in use (`ResourceInUseException`) or already exists (`ResourceAlreadyExistsException`). */
export class ConflictError extends TransportError {
  override readonly code = 'CONFLICT' as const;
  /** `IN_USE` or `ALREADY_EXISTS`. */
  readonly reason: ConflictReason;
  constructor(message: string, options: TransportErrorOptions & { reason: ConflictReason }) {
    super(message, options);
    this.name = 'ConflictError';
    this.reason = options.reason;
  }
}

/**
 * A quota of resources is full (`LimitExceededException` on the control plane, e.g. more than 5 import jobs pending
 * or in progress). Not a request-rate throttle: waiting for running work to end frees it.
 */
export class LimitExceededError extends TransportError {
  override readonly code = 'LIMIT_EXCEEDED' as const;
  constructor(message: string, options?: TransportErrorOptions) {
    super(message, options);
    this.name = 'LimitExceededError';
  }
}

/** Anything else: access denied, bad credentials, an unknown error. Not retried. */
export class FatalTransportError extends TransportError {
  override readonly code = 'FATAL' as const;
  constructor(message: string, options?: TransportErrorOptions) {
    super(message, options);
    this.name = 'FatalTransportError';
  }
}

/** The kinds of record the library writes. */
export type RecordKind = 'event' | 'user' | 'item' | 'action' | 'actionInteraction';

/** Details of a record that failed local validation. */
export interface RecordValidationIssue {
  /** Path of the field within the record, e.g. `properties` or `impression[3]`. */
  field: string;
  /** What rule it broke, e.g. `max length 256`. */
  rule: string;
  /** The size of the value that broke it (characters, bytes or items, as the rule says), when a size applies. */
  actual?: number;
  /** A sentence a person can act on. */
  message: string;
}

/** A record broke a rule of the service; it was refused before any call. */
export class RecordValidationError extends PersonalizeImportError {
  override readonly code = 'RECORD_VALIDATION' as const;
  /** What kind of record it is. */
  readonly kind: RecordKind;
  /** The record as it was given. */
  readonly record: unknown;
  /** The record's id when it has one (`eventId`, `userId`, `itemId`, `actionId`), for the message. */
  readonly recordId: string | undefined;
  /** Every rule it broke; the first is the message's. */
  readonly issues: readonly RecordValidationIssue[];
  /** Field of the first issue. */
  readonly field: string;
  /** Rule of the first issue. */
  readonly rule: string;

  constructor(kind: RecordKind, record: unknown, recordId: string | undefined, issues: RecordValidationIssue[]) {
    const first = issues[0] ?? { field: '(record)', rule: 'valid record', message: 'is not a valid record' };
    const who = recordId === undefined ? kind : `${kind} ${showValue(recordId)}`;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more issue${issues.length > 2 ? 's' : ''})` : '';
    super(`Invalid ${who}: \`${first.field}\` ${first.message}${more}`);
    this.name = 'RecordValidationError';
    this.kind = kind;
    this.record = record;
    this.recordId = recordId;
    this.issues = issues;
    this.field = first.field;
    this.rule = first.rule;
  }
}

/** An option given to a constructor or a method is out of range or of the wrong type. */
export class InvalidOptionsError extends PersonalizeImportError {
  override readonly code = 'INVALID_OPTIONS' as const;
  constructor(message: string) {
    super(message);
    this.name = 'InvalidOptionsError';
  }
}

/** A `put*` call came after `close()`. */
export class WriterClosedError extends PersonalizeImportError {
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
  override readonly code = 'WRITER_STOPPED' as const;
  constructor(cause: unknown) {
    const message = cause instanceof Error ? cause.message : String(cause);
    super(`The RecordWriter stopped at a fatal error: ${message}`, { cause });
    this.name = 'WriterStoppedError';
  }
}

/** The operation was aborted by its `AbortSignal`. */
export class AbortedError extends PersonalizeImportError {
  override readonly code = 'ABORTED' as const;
  constructor(message = 'The operation was aborted', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AbortedError';
  }
}

/**
 * A call was sent and cut off (at the `close({ timeoutMs })` deadline) before its answer came: the service may have
 * stored its records, or not. Sending them again is safe: an event keeps its `eventId` (the record in the report
 * carries the one the writer assigned), and users, items and actions are upserts by id.
 */
export class OutcomeUnknownError extends PersonalizeImportError {
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

/** An import job ended in `CREATE FAILED`. */
export class ImportJobFailedError extends PersonalizeImportError {
  override readonly code = 'IMPORT_JOB_FAILED' as const;
  /** ARN of the failed job. */
  readonly jobArn: string;
  /** The service's reason, as it gave it. */
  readonly failureReason: string;
  constructor(jobArn: string, failureReason: string) {
    super(`Import job ${jobArn} failed: ${failureReason}`);
    this.name = 'ImportJobFailedError';
    this.jobArn = jobArn;
    this.failureReason = failureReason;
  }
}

/** Waiting for an import job ran past its time budget. The job goes on running on the service. */
export class ImportJobTimeoutError extends PersonalizeImportError {
  override readonly code = 'IMPORT_JOB_TIMEOUT' as const;
  /** ARN of the job still running. */
  readonly jobArn: string;
  /** Its last status seen. */
  readonly lastStatus: string;
  constructor(jobArn: string, lastStatus: string, timeoutMs: number) {
    super(
      `Gave up waiting for import job ${jobArn} after ${timeoutMs} ms (last status ${lastStatus}); ` +
        'the job keeps running on the service: wait for it again by its ARN',
    );
    this.name = 'ImportJobTimeoutError';
    this.jobArn = jobArn;
    this.lastStatus = lastStatus;
  }
}

/** A CSV file failed validation before an import. */
export class CsvValidationError extends PersonalizeImportError {
  override readonly code = 'CSV_INVALID' as const;
  /** The validation report (see `validateCsv`): `report.errors` lists what to fix, with lines and codes. */
  readonly report: CsvValidationReport;
  constructor(message: string, report: CsvValidationReport) {
    super(message);
    this.name = 'CsvValidationError';
    this.report = report;
  }
}

/**
 * A re-run of an import found that its job (same given or derived `jobName`) already ran and ended in
 * `CREATE FAILED`. Job names are unique for ever, so trying again takes a new `jobName`.
 */
export class PreviousImportJobFailedError extends ImportJobFailedError {
  /** The name the failed job holds. */
  readonly jobName: string;
  constructor(jobArn: string, jobName: string, failureReason: string) {
    super(jobArn, failureReason);
    this.name = 'PreviousImportJobFailedError';
    this.jobName = jobName;
    this.message =
      `Import job ${jobName} (${jobArn}) ran before and failed: ${failureReason}. ` +
      'Job names cannot be reused: fix the data, then pass a new `jobName` to import again';
  }
}
