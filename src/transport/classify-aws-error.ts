/**
 * The AWS services' error vocabulary, read by both sides of the wire: `AwsTransport` (and its direct Events path)
 * classify what a call threw with it, and the local endpoint checks with it that an error name it sends back is
 * classified into the class it stands for.
 *
 * Turns whatever an AWS SDK v3 call threw into one of the library's error classes, by the error's name first (the
 * Personalize models identify errors by name, not status), then its HTTP status, then Node's network error codes.
 * A pure function: it reads the error and nothing else.
 * @module
 */
import {
  AbortedError,
  ConflictError,
  FatalTransportError,
  InvalidInputError,
  LimitExceededError,
  NotFoundError,
  ThrottledError,
  TransientError,
  type TransportError,
  type TransportErrorOptions,
} from '../errors.js';

/**
 * Which API the call went to. It matters for one name: `LimitExceededException` is a request-rate throttle on the
 * Events API, and a full resource quota (the 5 running import jobs) on the control plane.
 */
export type AwsPlane = 'events' | 'control' | 's3';

// The throttling names of the SDK's own classifier (smithy `service-error-classification`), plus S3's `SlowDown`.
const THROTTLING_NAMES = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'Throttling',
  'ThrottledException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'ProvisionedThroughputExceededException',
  'ProvisionedThroughputExceeded',
  'BandwidthLimitExceeded',
  'SlowDown',
  'PriorRequestNotComplete',
]);

const TRANSIENT_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'InternalFailure',
  'InternalError',
  'InternalServerError',
  'InternalServerException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
]);

const TRANSIENT_STATUSES = new Set([500, 502, 503, 504]);

// Node's codes for a connection that failed or timed out (the SDK retries the same ones), and undici's (the direct
// Events path's HTTP client): a connection the other side closed, one that did not open in time, and its header and
// body timers.
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

const INVALID_INPUT_NAMES = new Set([
  'InvalidInputException',
  'ValidationException',
  'InvalidNextTokenException',
  'TooManyTagsException',
  'SerializationException',
]);

const NOT_FOUND_NAMES = new Set(['ResourceNotFoundException', 'NoSuchKey', 'NotFound', 'NoSuchBucket', 'NoSuchUpload']);

interface ErrorFacts {
  name: string;
  code: string | undefined;
  message: string;
  options: TransportErrorOptions;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function retryAfterSeconds(error: unknown): number | undefined {
  const raw = field(field(field(error, '$response'), 'headers'), 'retry-after');
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  // Only the delta-seconds form: an HTTP-date would need the current time, and this function is pure.
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

function statusCode(error: unknown): number | undefined {
  const status = field(field(error, '$metadata'), 'httpStatusCode') ?? field(field(error, '$response'), 'statusCode');
  return typeof status === 'number' ? status : undefined;
}

function factsOf(error: unknown): ErrorFacts {
  const name = asString(field(error, 'name')) ?? 'Error';
  // Node network errors carry `code`; fetch-style errors wrap them in `cause`.
  const code = asString(field(error, 'code')) ?? asString(field(field(error, 'cause'), 'code'));
  const message = asString(field(error, 'message')) ?? (typeof error === 'string' ? error : name);
  const options: TransportErrorOptions = { cause: error };
  const status = statusCode(error);
  if (status !== undefined) options.statusCode = status;
  const retryAfter = retryAfterSeconds(error);
  if (retryAfter !== undefined) options.retryAfterSeconds = retryAfter;
  if (status !== undefined || field(error, '$fault') !== undefined) options.serviceErrorName = name;
  return { name, code, message, options };
}

function isTransient({ name, code, message, options }: ErrorFacts): boolean {
  if (TRANSIENT_NAMES.has(name) || (code !== undefined && NETWORK_CODES.has(code))) return true;
  if (options.statusCode !== undefined && TRANSIENT_STATUSES.has(options.statusCode)) return true;
  return /socket hang up|timed? ?out/i.test(message) && options.statusCode === undefined;
}

/**
 * Classifies an error thrown by an AWS SDK v3 call (or by the network beneath it) into the library's classes:
 * `ThrottledError`, `LimitExceededError`, `TransientError`, `InvalidInputError`, `NotFoundError`, `ConflictError`,
 * `AbortedError`, or `FatalTransportError` for anything else. The result keeps the error as `cause`, and the
 * service's error name, HTTP status and `retry-after` seconds when the error had them.
 *
 * @param plane Which API the call went to; decides what `LimitExceededException` means.
 * @example
 * ```ts
 * try { await client.send(command); } catch (error) { throw classifyAwsError(error, 'events'); }
 * ```
 */
export function classifyAwsError(error: unknown, plane: AwsPlane = 'control'): TransportError | AbortedError {
  const facts = factsOf(error);
  const { name, message, options } = facts;
  if (name === 'AbortError') return new AbortedError(message, { cause: error });
  if (THROTTLING_NAMES.has(name) || options.statusCode === 429) return new ThrottledError(message, options);
  if (name === 'LimitExceededException') {
    return plane === 'events' ? new ThrottledError(message, options) : new LimitExceededError(message, options);
  }
  if (INVALID_INPUT_NAMES.has(name)) return new InvalidInputError(message, options);
  // S3 answers a HEAD with no body, so a missing object there has only its status to say so.
  if (NOT_FOUND_NAMES.has(name) || (plane === 's3' && options.statusCode === 404)) {
    return new NotFoundError(message, options);
  }
  if (name === 'ResourceInUseException') return new ConflictError(message, { ...options, reason: 'IN_USE' });
  if (name === 'ResourceAlreadyExistsException') {
    return new ConflictError(message, { ...options, reason: 'ALREADY_EXISTS' });
  }
  if (isTransient(facts)) return new TransientError(message, options);
  return new FatalTransportError(message, options);
}
