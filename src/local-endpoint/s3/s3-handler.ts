/**
 * One S3 request through the local endpoint: route it to its operation, wait out the latency, draw the injected
 * faults (with `faultScope: 'all'`), run it against the backing's S3, and answer S3's errors as S3 does. A reply
 * sent before the request body was read whole (a refusal) closes the connection, so the rest is never read.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { NotFoundError } from '../../errors.js';
import type { Outcome } from '../endpoint-stats.js';
import type { HandlerContext } from '../request-handler.js';
import {
  createBucket,
  deleteBucket,
  getBucketLocation,
  headBucket,
  listBuckets,
  type S3Call,
} from './bucket-operations.js';
import { listObjects, listObjectsV2 } from './list-objects.js';
import {
  abortMultipartUpload,
  completeMultipartUpload,
  createMultipartUpload,
  uploadPart,
} from './multipart-operations.js';
import { deleteObject, deleteObjects, getObject, putObject } from './object-operations.js';
import { noSuchBucket, noSuchKey, notImplemented, S3Error, sendS3Error } from './s3-error.js';
import { type S3Operation, type S3Target, s3TargetOf, signingRegion } from './s3-routing.js';

const OPERATIONS: Record<S3Operation, (call: S3Call) => void | Promise<void>> = {
  ListBuckets: listBuckets,
  CreateBucket: createBucket,
  HeadBucket: headBucket,
  DeleteBucket: deleteBucket,
  GetBucketLocation: getBucketLocation,
  ListObjects: listObjects,
  ListObjectsV2: listObjectsV2,
  DeleteObjects: deleteObjects,
  PutObject: putObject,
  GetObject: getObject,
  HeadObject: getObject,
  DeleteObject: deleteObject,
  CreateMultipartUpload: createMultipartUpload,
  UploadPart: uploadPart,
  CompleteMultipartUpload: completeMultipartUpload,
  AbortMultipartUpload: abortMultipartUpload,
};

/** The S3 error an operation's failure is answered with. */
function toS3Error(error: unknown, target: S3Target | undefined): S3Error {
  if (error instanceof S3Error) return error;
  if (error instanceof NotFoundError && error.serviceErrorName === 'NoSuchBucket') {
    return noSuchBucket(target?.bucket ?? '');
  }
  if (error instanceof NotFoundError && error.serviceErrorName === 'NoSuchKey') return noSuchKey(target?.key ?? '');
  return new S3Error('InternalError', 500, `We encountered an internal error: ${String(error)}`);
}

/** Sends the error; when the body was not read whole, closes the connection after the reply instead of reading it. */
function replyError(req: IncomingMessage, res: ServerResponse, error: S3Error, resource: string, id: string): void {
  if (!req.complete) {
    res.shouldKeepAlive = false;
    res.once('finish', () => req.destroy());
  }
  sendS3Error(res, error, resource, id);
}

/** Whether an injected fault answers this request (`transientFaultRate` with `faultScope: 'all'`). */
function faulted(ctx: HandlerContext): boolean {
  const { options } = ctx;
  return (
    options.faultScope === 'all' && options.transientFaultRate > 0 && options.random() < options.transientFaultRate
  );
}

const injectedFault = () =>
  new S3Error('InternalError', 500, 'We encountered an internal error. Please try again. (injected fault)');

/** Handles one S3 request to the end; never rejects. */
export async function handleS3Request(ctx: HandlerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const id = randomBytes(8).toString('hex').toUpperCase();
  res.setHeader('x-amz-request-id', id);
  ctx.counters.begin();
  let target: S3Target | undefined;
  let outcome: Outcome = 'errors';
  try {
    target = s3TargetOf(req);
    if (ctx.s3 === undefined) throw notImplemented('S3 (the endpoint serves S3 only with a MemoryTransport backing)');
    const { latencyMs, clock } = ctx.options;
    if (latencyMs > 0) await clock.sleep(latencyMs, ctx.closing);
    if (faulted(ctx)) {
      outcome = 'faults';
      throw injectedFault();
    }
    await OPERATIONS[target.operation]({ s3: ctx.s3, target, req, res, region: signingRegion(req) });
    outcome = 'ok';
  } catch (error) {
    if (ctx.closing.aborted) res.destroy();
    else replyError(req, res, toS3Error(error, target), target?.resource ?? (req.url ?? '/').split('?')[0] ?? '/', id);
  } finally {
    ctx.counters.end(target === undefined ? 's3' : `s3.${target.operation}`, outcome);
  }
}
