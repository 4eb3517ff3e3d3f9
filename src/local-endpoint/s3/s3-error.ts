/**
 * S3's errors as the endpoint answers them: a code, the HTTP status S3 uses for it, and a message, sent as S3's
 * `<Error>` document (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html). The SDK, the AWS CLI
 * and boto3 read the code; a HEAD reply has no body, and the clients name the error by its status.
 * @module
 */
import type { ServerResponse } from 'node:http';
import { el } from './s3-xml.js';

/** An S3 error reply, thrown by the operations and answered by the handler. */
export class S3Error extends Error {
  constructor(
    /** S3's error code, e.g. `NoSuchKey`. */
    readonly code: string,
    /** The HTTP status S3 answers it with. */
    readonly status: number,
    message: string,
    /** Extra elements of the `<Error>` document (e.g. `BucketName`). */
    readonly details: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'S3Error';
  }
}

export const noSuchBucket = (bucket: string) =>
  new S3Error('NoSuchBucket', 404, 'The specified bucket does not exist', { BucketName: bucket });

export const noSuchKey = (key: string) =>
  new S3Error('NoSuchKey', 404, 'The specified key does not exist.', { Key: key });

export const noSuchUpload = (uploadId: string) =>
  new S3Error(
    'NoSuchUpload',
    404,
    'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
    { UploadId: uploadId },
  );

export const invalidArgument = (message: string, name?: string, value?: string) =>
  new S3Error(
    'InvalidArgument',
    400,
    message,
    name === undefined ? {} : { ArgumentName: name, ArgumentValue: value ?? '' },
  );

export const invalidRequest = (message: string) => new S3Error('InvalidRequest', 400, message);

export const entityTooLarge = (max: number) =>
  new S3Error('EntityTooLarge', 400, 'Your proposed upload exceeds the maximum allowed size', {
    MaxSizeAllowed: String(max),
  });

export const badDigest = (what: string) =>
  new S3Error('BadDigest', 400, `The ${what} you specified did not match the calculated checksum.`);

export const notImplemented = (what: string) =>
  new S3Error(
    'NotImplemented',
    501,
    `A header or query you provided implies functionality that is not implemented: ${what}`,
  );

/** Answers `error` as S3 does, once; a reply already started is cut off instead. */
export function sendS3Error(res: ServerResponse, error: S3Error, resource: string, requestId: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const details = Object.entries(error.details)
    .map(([name, value]) => el(name, value))
    .join('');
  const inner = `${el('Code', error.code)}${el('Message', error.message)}${details}${el('Resource', resource)}${el('RequestId', requestId)}`;
  const body = res.req.method === 'HEAD' ? '' : `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${inner}</Error>`;
  res.writeHead(error.status, {
    'content-type': 'application/xml',
    'content-length': String(Buffer.byteLength(body)),
    'x-amz-request-id': requestId,
  });
  res.end(body);
}
