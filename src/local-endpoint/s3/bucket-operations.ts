/**
 * The bucket calls of the endpoint's S3: ListBuckets, CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { S3_BUCKET_NAME_PATTERN } from '../../limits.js';
import { receiveBody } from './request-body.js';
import { noSuchBucket, S3Error } from './s3-error.js';
import { sendHeaders, sendXml } from './s3-reply.js';
import type { S3Target } from './s3-routing.js';
import type { S3Service } from './s3-service.js';
import { el, xmlDocument } from './s3-xml.js';

/** What an S3 operation is given. */
export interface S3Call {
  readonly s3: S3Service;
  readonly target: S3Target;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** The region the request was signed for (`us-east-1` when it was not signed). */
  readonly region: string;
}

/** The `<Owner>` of every bucket and object: the one fake account. */
export const S3_OWNER_XML = `<Owner>${el('ID', 'personalize-import-local')}${el('DisplayName', 'local')}</Owner>`;

export function listBuckets({ s3, res }: S3Call): void {
  const buckets = s3.objects
    .buckets()
    .map((b) => `<Bucket>${el('Name', b.name)}${el('CreationDate', b.created.toISOString())}</Bucket>`)
    .join('');
  sendXml(res, xmlDocument('ListAllMyBucketsResult', `${S3_OWNER_XML}<Buckets>${buckets}</Buckets>`));
}

/** CreateBucket: its body (a `CreateBucketConfiguration`, if any) is read and ignored. */
export async function createBucket(call: S3Call): Promise<void> {
  const { s3, target, res } = call;
  const { bucket } = target;
  if (!S3_BUCKET_NAME_PATTERN.test(bucket) || bucket.includes('..')) {
    throw new S3Error('InvalidBucketName', 400, 'The specified bucket is not valid.', { BucketName: bucket });
  }
  await receiveBody(call, { maxBytes: 64 * 1024, memoryBytes: 64 * 1024, spill: s3.spill });
  if (s3.objects.hasBucket(bucket)) {
    throw new S3Error(
      'BucketAlreadyOwnedByYou',
      409,
      'Your previous request to create the named bucket succeeded and you already own it.',
      { BucketName: bucket },
    );
  }
  s3.objects.createBucket(bucket);
  sendHeaders(res, 200, { location: `/${bucket}` });
}

export function headBucket({ s3, target, res, region }: S3Call): void {
  if (!s3.objects.hasBucket(target.bucket)) throw noSuchBucket(target.bucket);
  sendHeaders(res, 200, { 'x-amz-bucket-region': region });
}

export function deleteBucket({ s3, target, res }: S3Call): void {
  if (!s3.objects.hasBucket(target.bucket)) throw noSuchBucket(target.bucket);
  if (!s3.objects.deleteBucket(target.bucket)) {
    throw new S3Error('BucketNotEmpty', 409, 'The bucket you tried to delete is not empty', {
      BucketName: target.bucket,
    });
  }
  sendHeaders(res, 204);
}

export function getBucketLocation({ s3, target, res, region }: S3Call): void {
  if (!s3.objects.hasBucket(target.bucket)) throw noSuchBucket(target.bucket);
  // S3 answers an empty constraint for us-east-1.
  const constraint = region === 'us-east-1' ? '' : region;
  sendXml(
    res,
    `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${constraint}</LocationConstraint>`,
  );
}
