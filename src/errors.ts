/**
 * The library's error classes. Each has a `name`, a stable literal `code` that callers can switch on, and keeps the
 * error it wraps as `cause`. Transport errors are classified by what a caller should do about them.
 * @module
 */

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
  /**
   * `TRANSPORT_ERROR` on this base class; every transport error the library throws is a subclass with its own literal
   * (`THROTTLED`, `TRANSIENT`, `INVALID_INPUT`, `NOT_FOUND`, `CONFLICT`, `LIMIT_EXCEEDED`, `FATAL`). Switch on it,
   * or use `instanceof`.
   */
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
  /**
   * Always `'THROTTLED'`: the stable value to switch on. Thrown by a transport when the service refused the call for
   * its request rate (HTTP 429, `ThrottlingException`, `TooManyRequestsException` and the like); `retryAfterSeconds` is
   * set when the service said how long to wait.
   */
  override readonly code = 'THROTTLED' as const;
  /** `'ThrottledError'`, as in the stack trace; switch on `code` rather than on the name. */
  override readonly name: string = 'ThrottledError';
}

/** A fault that may pass: 5xx, timeout, network error. Retry with back-off. */
export class TransientError extends TransportError {
  /**
   * Always `'TRANSIENT'`: the stable value to switch on. Thrown by a transport for a 500, 502, 503 or 504 reply, a
   * timeout or a network error: the call may or may not have reached the service.
   */
  override readonly code = 'TRANSIENT' as const;
  /** `'TransientError'`, as in the stack trace; switch on `code` rather than on the name. */
  override readonly name: string = 'TransientError';
}

/** The service rejected the input (`InvalidInputException`). Retrying the same input fails again. */
export class InvalidInputError extends TransportError {
  /**
   * Always `'INVALID_INPUT'`: the stable value to switch on. Thrown by a transport when the service refused the input
   * (`InvalidInputException`, `ValidationException`, `TooManyTagsException`, a stale `nextToken`); on the Events API
   * the whole call failed, every record in it.
   */
  override readonly code = 'INVALID_INPUT' as const;
  /** `'InvalidInputError'`, as in the stack trace; switch on `code` rather than on the name. */
  override readonly name: string = 'InvalidInputError';
}

/** A resource the call names does not exist (`ResourceNotFoundException`, unknown tracking id, missing object). */
export class NotFoundError extends TransportError {
  /**
   * Always `'NOT_FOUND'`: the stable value to switch on. Thrown by a transport when the service answered
   * `ResourceNotFoundException` or S3 found no such bucket or object, and by the importer when a dataset group has no
   * dataset of the requested type or an `s3://` folder holds no CSV.
   */
  override readonly code = 'NOT_FOUND' as const;
  /** `'NotFoundError'`, as in the stack trace; switch on `code` rather than on the name. */
  override readonly name: string = 'NotFoundError';
}

/** Why a call conflicted with the state of a resource. */
export type ConflictReason = 'IN_USE' | 'ALREADY_EXISTS';

/** The resource is in use (`ResourceInUseException`) or already exists (`ResourceAlreadyExistsException`). */
export class ConflictError extends TransportError {
  /**
   * Always `'CONFLICT'`: the stable value to switch on. Thrown by a transport when the service answered
   * `ResourceInUseException` or `ResourceAlreadyExistsException`, and by `startImport` and `importBulk`
   * (`ALREADY_EXISTS`) when the job name is held by a job for another dataset or mode; `reason` tells which.
   */
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
  /**
   * Always `'LIMIT_EXCEEDED'`: the stable value to switch on. Thrown by a transport when the Personalize control plane
   * answered `LimitExceededException` (on the Events API that name is a rate throttle: `ThrottledError`). The importer
   * waits and retries under `capacityWait`, and throws it once that budget is spent.
   */
  override readonly code = 'LIMIT_EXCEEDED' as const;
  /** `'LimitExceededError'`, as in the stack trace; switch on `code` rather than on the name. */
  override readonly name: string = 'LimitExceededError';
}

/** Anything else: access denied, bad credentials, an unknown error. Not retried. */
export class FatalTransportError extends TransportError {
  /**
   * Always `'FATAL'`: the stable value to switch on. Thrown by a transport for access denied, bad or missing
   * credentials, a reply that lacks a member the library needs, or any error it cannot classify otherwise; not
   * retried, and it stops a `RecordWriter`.
   */
  override readonly code = 'FATAL' as const;
  /** `'FatalTransportError'`, as in the stack trace; switch on `code` rather than on the name. */
  override readonly name: string = 'FatalTransportError';
}

/** An option given to a constructor or a method is out of range or of the wrong type. */
export class InvalidOptionsError extends PersonalizeImportError {
  /**
   * Always `'INVALID_OPTIONS'`: the stable value to switch on. Thrown by a constructor, or by a method (its promise
   * rejects) before it starts any job or sends any record, when an option or argument is missing, of the wrong type
   * or out of range; the message names the option, what was expected and what came. `startImport` and `importBulk`
   * also throw it for an `INCREMENTAL` import into a dataset that never had a bulk import.
   */
  override readonly code = 'INVALID_OPTIONS' as const;
  constructor(message: string) {
    super(message);
    this.name = 'InvalidOptionsError';
  }
}

/** The operation was aborted by its `AbortSignal`. */
export class AbortedError extends PersonalizeImportError {
  /**
   * Always `'ABORTED'`: the stable value to switch on. Thrown (or the promise rejects with it) when the `signal`
   * passed to a call aborts, before or during the call; the signal's `reason`, if any, is the `cause`. Work already
   * handed to the service (a started import job) goes on.
   */
  override readonly code = 'ABORTED' as const;
  constructor(message = 'The operation was aborted', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AbortedError';
  }
}
