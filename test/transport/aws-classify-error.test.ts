import { describe, expect, it } from 'vitest';
import {
  AbortedError,
  ConflictError,
  FatalTransportError,
  InvalidInputError,
  LimitExceededError,
  NotFoundError,
  ThrottledError,
  TransientError,
} from '../../src/errors.js';
import { classifyAwsError } from '../../src/transport/classify-aws-error.js';

/** An error shaped as the SDK v3 raises a service error. */
function serviceError(name: string, status: number, headers: Record<string, string> = {}) {
  const error = Object.assign(new Error(`${name} happened`), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, attempts: 1 },
  });
  Object.defineProperty(error, '$response', { value: { statusCode: status, headers }, enumerable: false });
  return error;
}

/** An error shaped as Node raises a network failure. */
function networkError(code: string, message = `connect ${code}`) {
  return Object.assign(new Error(message), { code });
}

describe('classifyAwsError', () => {
  it.each([
    'ThrottlingException',
    'TooManyRequestsException',
    'Throttling',
    'RequestLimitExceeded',
    'ProvisionedThroughputExceededException',
    'SlowDown',
  ])('classifies %s as ThrottledError', (name) => {
    expect(classifyAwsError(serviceError(name, 400))).toBeInstanceOf(ThrottledError);
  });

  it('classifies any HTTP 429 as ThrottledError, whatever its name', () => {
    expect(classifyAwsError(serviceError('SomethingElse', 429))).toBeInstanceOf(ThrottledError);
  });

  it('reads LimitExceededException as a throttle on the Events API and as a full quota on the control plane', () => {
    const error = serviceError('LimitExceededException', 400);
    expect(classifyAwsError(error, 'events')).toBeInstanceOf(ThrottledError);
    expect(classifyAwsError(error, 'control')).toBeInstanceOf(LimitExceededError);
    expect(classifyAwsError(error)).toBeInstanceOf(LimitExceededError);
  });

  it.each([
    ['InternalFailure', 500],
    ['ServiceUnavailable', 503],
    ['BadGateway', 502],
    ['GatewayTimeout', 504],
    ['UnknownError', 500],
    ['TimeoutError', 400],
    ['RequestTimeoutException', 408],
  ])('classifies %s (%i) as TransientError', (name, status) => {
    expect(classifyAwsError(serviceError(name, status))).toBeInstanceOf(TransientError);
  });

  it.each(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN'])(
    'classifies %s as TransientError',
    (code) => {
      const classified = classifyAwsError(networkError(code));
      expect(classified).toBeInstanceOf(TransientError);
      expect(classified).toMatchObject({ statusCode: undefined, serviceErrorName: undefined });
    },
  );

  it('classifies socket hang up and a network code inside `cause` as TransientError', () => {
    expect(classifyAwsError(new Error('socket hang up'))).toBeInstanceOf(TransientError);
    const wrapped = new TypeError('fetch failed', { cause: networkError('ECONNREFUSED') });
    expect(classifyAwsError(wrapped)).toBeInstanceOf(TransientError);
  });

  it.each(['InvalidInputException', 'ValidationException', 'InvalidNextTokenException', 'TooManyTagsException'])(
    'classifies %s as InvalidInputError',
    (name) => {
      expect(classifyAwsError(serviceError(name, 400))).toBeInstanceOf(InvalidInputError);
    },
  );

  it.each([
    ['ResourceNotFoundException', 404],
    ['NoSuchKey', 404],
    ['NotFound', 404],
    ['NoSuchBucket', 404],
  ])('classifies %s as NotFoundError', (name, status) => {
    expect(classifyAwsError(serviceError(name, status))).toBeInstanceOf(NotFoundError);
  });

  it('classifies ResourceInUse and ResourceAlreadyExists as ConflictError with their reason', () => {
    expect(classifyAwsError(serviceError('ResourceInUseException', 409))).toMatchObject({
      code: 'CONFLICT',
      reason: 'IN_USE',
    });
    const exists = classifyAwsError(serviceError('ResourceAlreadyExistsException', 400));
    expect(exists).toBeInstanceOf(ConflictError);
    expect(exists).toMatchObject({ reason: 'ALREADY_EXISTS' });
  });

  it('classifies an AbortError as AbortedError', () => {
    const abort = Object.assign(new Error('Request aborted'), { name: 'AbortError' });
    expect(classifyAwsError(abort)).toBeInstanceOf(AbortedError);
  });

  it('classifies anything else as FatalTransportError', () => {
    expect(classifyAwsError(serviceError('AccessDeniedException', 403))).toBeInstanceOf(FatalTransportError);
    expect(classifyAwsError(serviceError('UnrecognizedClientException', 400))).toBeInstanceOf(FatalTransportError);
    expect(classifyAwsError('a string')).toBeInstanceOf(FatalTransportError);
    expect(classifyAwsError(undefined)).toBeInstanceOf(FatalTransportError);
  });

  it('keeps the service name, HTTP status, retry-after seconds, message and cause', () => {
    const error = serviceError('ThrottlingException', 429, { 'retry-after': '3' });
    const classified = classifyAwsError(error, 'events');
    expect(classified).toMatchObject({
      serviceErrorName: 'ThrottlingException',
      statusCode: 429,
      retryAfterSeconds: 3,
      message: 'ThrottlingException happened',
    });
    expect(classified.cause).toBe(error);
  });

  it('ignores a retry-after that is not a number of seconds', () => {
    const error = serviceError('ThrottlingException', 429, { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' });
    expect(classifyAwsError(error)).toMatchObject({ retryAfterSeconds: undefined });
  });
});
