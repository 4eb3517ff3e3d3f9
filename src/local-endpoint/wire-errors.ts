/**
 * The library's error classes put back on the wire, so that the SDK on the other side raises the service error
 * they stand for (and `classifyAwsError` turns it back into the same class).
 * @module
 */
import {
  ConflictError,
  InvalidInputError,
  LimitExceededError,
  NotFoundError,
  ThrottledError,
  TransientError,
  TransportError,
} from '../errors.js';
// A reply's error name is kept only when the client-side classifier (the one AwsTransport uses) turns it back into
// the same class, so the endpoint and AwsTransport cannot drift apart.
import { classifyAwsError } from '../transport/classify-aws-error.js';
import { internalFailure } from '../transport/memory/service-conditions.js';

/** The API a request went to: the Events API (restJson1) or the control plane (awsJson1_1). */
export type EndpointPlane = 'events' | 'control';

/** An error reply, protocol-neutral. */
export interface WireError {
  status: number;
  /** The error's shape name, e.g. `ThrottlingException`. */
  name: string;
  message: string;
  /** Seconds, sent as `retry-after`. */
  retryAfterSeconds?: number;
}

const TRANSIENT_NAME_BY_STATUS: Readonly<Record<number, string>> = {
  500: 'InternalFailure',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

/** The reply a throttled request gets. */
export function throttledReply(status: 400 | 429, message = 'Rate exceeded'): WireError {
  return { status, name: 'ThrottlingException', message };
}

/** The reply an injected fault gets: the same `InternalFailure` as a fault scripted on `MemoryTransport`. */
export function faultReply(): WireError {
  return transient(internalFailure('Injected transient fault (local endpoint)'));
}

function transient(error: TransientError): WireError {
  const status = error.statusCode !== undefined && error.statusCode >= 500 ? error.statusCode : 500;
  return {
    status,
    name: error.serviceErrorName ?? TRANSIENT_NAME_BY_STATUS[status] ?? 'InternalFailure',
    message: error.message,
  };
}

function fallback(error: TransportError, throttleStatus: 400 | 429): WireError {
  if (error instanceof ThrottledError) return throttledReply(throttleStatus, error.message);
  if (error instanceof TransientError) return transient(error);
  if (error instanceof InvalidInputError) return { status: 400, name: 'InvalidInputException', message: error.message };
  if (error instanceof NotFoundError) return { status: 404, name: 'ResourceNotFoundException', message: error.message };
  if (error instanceof ConflictError) {
    const name = error.reason === 'IN_USE' ? 'ResourceInUseException' : 'ResourceAlreadyExistsException';
    return { status: 409, name, message: error.message };
  }
  if (error instanceof LimitExceededError)
    return { status: 400, name: 'LimitExceededException', message: error.message };
  // Fatal (or unclassified): keep the service's name when the error carries one, so the client sees what it was.
  return { status: error.statusCode ?? 400, name: error.serviceErrorName ?? 'UnknownError', message: error.message };
}

/**
 * The error's own service name (e.g. `TooManyTagsException`, `InvalidNextTokenException`) when the client would
 * classify that name back into the same class; the class's usual name otherwise.
 */
function classified(error: TransportError, throttleStatus: 400 | 429, plane: EndpointPlane): WireError {
  const reply = fallback(error, throttleStatus);
  const name = error.serviceErrorName;
  if (name === undefined || name === reply.name || error instanceof TransientError) return reply;
  const back = classifyAwsError({ name, $fault: 'client', $metadata: { httpStatusCode: reply.status } }, plane);
  const same =
    back.constructor === error.constructor &&
    (!(error instanceof ConflictError) || (back as ConflictError).reason === error.reason);
  return same ? { ...reply, name } : reply;
}

/** Maps what a backing transport threw to the reply the service would send. */
export function toWireError(error: unknown, throttleStatus: 400 | 429, plane: EndpointPlane): WireError {
  if (error instanceof TransportError) {
    const reply = classified(error, throttleStatus, plane);
    return error.retryAfterSeconds === undefined ? reply : { ...reply, retryAfterSeconds: error.retryAfterSeconds };
  }
  // A bug or an unexpected error in the backing: a real service would answer 500.
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, name: 'InternalFailure', message };
}
