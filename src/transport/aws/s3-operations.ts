/**
 * The S3 calls of `AwsTransport`: a multipart upload with progress and abort (lib-storage's `Upload`), HeadObject,
 * GetObject as a Node stream, and ListObjectsV2 through every page. Errors of the calls are left to the caller to
 * classify; errors of a body still streaming are classified here.
 * @module
 */
import { PassThrough, Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { AbortedError } from '../../errors.js';
import { classifyAwsError } from '../classify-aws-error.js';
import type { CallOptions, ListObjectsInput, ObjectInfo, ObjectLocation, UploadObjectInput } from '../transport.js';
import { fromSdkObject, need, unquoteEtag } from './from-sdk.js';
import { opt, toSdkSendOptions } from './to-sdk.js';

/** Uploads with lib-storage (one PutObject when small, multipart otherwise); resolves when S3 has the object. */
export async function uploadWithProgress(s3: S3Client, input: UploadObjectInput, options: CallOptions): Promise<void> {
  const { onProgress } = input;
  const { signal } = options;
  const controller = new AbortController();
  const upload = new Upload({
    client: s3,
    params: {
      Bucket: input.bucket,
      Key: input.key,
      Body: input.body,
      ...opt('ContentType', input.contentType),
      ...opt('ContentLength', input.contentLength),
    },
    // A failed multipart upload is aborted rather than left behind, where its parts would be billed.
    leavePartsOnError: false,
    abortController: controller,
  });
  if (onProgress !== undefined) {
    upload.on('httpUploadProgress', (p) => onProgress(p.loaded ?? 0, p.total ?? input.contentLength));
  }
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (signal?.aborted) onAbort();
    await upload.done();
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

/** HeadObject: the object's size in bytes, its ETag (unquoted) and version. */
export async function headObject(s3: S3Client, location: ObjectLocation, options: CallOptions): Promise<ObjectInfo> {
  const command = new HeadObjectCommand({ Bucket: location.bucket, Key: location.key });
  const out = await s3.send(command, toSdkSendOptions(options));
  return {
    bucket: location.bucket,
    key: location.key,
    size: out.ContentLength ?? 0,
    etag: unquoteEtag(out.ETag),
    ...opt('versionId', out.VersionId),
  };
}

/**
 * GetObject; the body as a Node `Readable`. A failure while the body streams (a reset connection) reaches the reader
 * as a library error too, and the signal reaches the stream: aborting after the call resolved destroys it with an
 * `AbortedError`.
 */
export async function getObjectStream(s3: S3Client, location: ObjectLocation, options: CallOptions): Promise<Readable> {
  const { signal } = options;
  const out = await s3.send(
    new GetObjectCommand({ Bucket: location.bucket, Key: location.key }),
    toSdkSendOptions(options),
  );
  const body = need(out.Body, 'Body');
  const source = body instanceof Readable ? body : Readable.fromWeb(body.transformToWebStream() as never);
  const stream = new PassThrough();
  source.once('error', (error) => stream.destroy(classifyAwsError(error, 's3')));
  // A reader that stops early must not leave the connection streaming.
  stream.once('close', () => source.destroy());
  source.pipe(stream);
  if (signal !== undefined) {
    const onAbort = () => stream.destroy(new AbortedError(undefined, { cause: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
    stream.once('close', () => signal.removeEventListener('abort', onAbort));
  }
  return stream;
}

/** ListObjectsV2 under a prefix, following continuation tokens to the last page. */
export async function listAllObjects(
  s3: S3Client,
  input: ListObjectsInput,
  options: CallOptions,
): Promise<ObjectInfo[]> {
  const objects: ObjectInfo[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: input.bucket, Prefix: input.prefix, ...opt('ContinuationToken', token) }),
      toSdkSendOptions(options),
    );
    for (const o of page.Contents ?? []) objects.push(fromSdkObject(input.bucket, o));
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return objects;
}
