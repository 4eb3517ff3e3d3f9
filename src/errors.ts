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
  override readonly name: string = 'ThrottledError';
}

/** A fault that may pass: 5xx, timeout, network error. Retry with back-off. */
export class TransientError extends TransportError {
  override readonly code = 'TRANSIENT' as const;
  override readonly name: string = 'TransientError';
}

/** The service rejected the input (`InvalidInputException`). Retrying the same input fails again. */
export class InvalidInputError extends TransportError {
  override readonly code = 'INVALID_INPUT' as const;
  override readonly name: string = 'InvalidInputError';
}

/** A resource the call names does not exist (`ResourceNotFoundException`, unknown tracking id, missing object). */
export class NotFoundError extends TransportError {
  override readonly code = 'NOT_FOUND' as const;
  override readonly name: string = 'NotFoundError';
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
  override readonly name: string = 'LimitExceededError';
}

/** Anything else: access denied, bad credentials, an unknown error. Not retried. */
export class FatalTransportError extends TransportError {
  override readonly code = 'FATAL' as const;
  override readonly name: string = 'FatalTransportError';
}

/** An option given to a constructor or a method is out of range or of the wrong type. */
export class InvalidOptionsError extends PersonalizeImportError {
  override readonly code = 'INVALID_OPTIONS' as const;
  constructor(message: string) {
    super(message);
    this.name = 'InvalidOptionsError';
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
