/**
 * The object calls of the endpoint's S3: PutObject (streamed, spilled past `objectSpillBytes`), GetObject (with a
 * Range, and the stored checksum when the client asks for it), HeadObject, DeleteObject, DeleteObjects.
 * @module
 */
import { pipeline } from 'node:stream/promises';
import { MAX_S3_KEY_BYTES, MAX_S3_KEYS_PER_REQUEST, MAX_S3_PUT_BYTES } from '../../limits.js';
import { releaseSegments, type StoredObject } from '../../transport/memory/memory-objects.js';
import type { S3Call } from './bucket-operations.js';
import { receiveBody, receiveXml } from './request-body.js';
import { noSuchBucket, noSuchKey, S3Error } from './s3-error.js';
import { checksumHeaders, quoted, sendHeaders, sendXml } from './s3-reply.js';
import { el, xmlDocument } from './s3-xml.js';
import { malformedXml, xmlChildren, xmlRoot, xmlValue } from './s3-xml-read.js';

/** Refuses a key S3 would: over 1,024 bytes of UTF-8. */
export function checkKey(key: string): void {
  if (Buffer.byteLength(key) > MAX_S3_KEY_BYTES) {
    throw new S3Error('KeyTooLongError', 400, 'Your key is too long', {
      MaxSizeAllowed: String(MAX_S3_KEY_BYTES),
      Size: String(Buffer.byteLength(key)),
    });
  }
}

export async function putObject(call: S3Call): Promise<void> {
  const { s3, target, req, res } = call;
  const { bucket, key } = target;
  s3.requireBucket(bucket);
  checkKey(key);
  const body = await receiveBody(call, { maxBytes: MAX_S3_PUT_BYTES, memoryBytes: s3.spillBytes, spill: s3.spill });
  const contentType = req.headers['content-type'];
  const etag = body.md5.toString('hex');
  try {
    s3.objects.store(
      { bucket, key },
      {
        segments: body.segments,
        size: body.size,
        etag,
        ...(contentType !== undefined && { contentType }),
        ...(body.checksum !== undefined && { checksum: body.checksum }),
      },
    );
  } catch (error) {
    // The bucket went away while the body streamed in.
    releaseSegments(body.segments);
    throw error;
  }
  sendHeaders(res, 200, { etag: quoted(etag), ...checksumHeaders(body.checksum) });
}

function objectOf({ s3, target }: S3Call): StoredObject {
  const object = s3.objects.find({ bucket: target.bucket, key: target.key });
  if (object === undefined) throw noSuchKey(target.key);
  return object;
}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` as `[start, end)`; `undefined` for a header S3 ignores (the whole object). */
export function rangeOf(header: string | undefined, size: number): { start: number; end: number } | undefined {
  const match = header === undefined ? null : /^\s*bytes=(\d*)-(\d*)\s*$/.exec(header);
  if (match === null) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  const unsatisfiable = () =>
    new S3Error('InvalidRange', 416, 'The requested range is not satisfiable', {
      RangeRequested: header ?? '',
      ActualObjectSize: String(size),
    });
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) throw unsatisfiable();
    return { start: Math.max(size - suffix, 0), end: size };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return undefined;
  if (start >= size) throw unsatisfiable();
  return { start, end: last === '' ? size : Math.min(Number(last) + 1, size) };
}

/** Checks If-Match and If-None-Match; answers true when the reply is a bodiless 304. */
function preconditions(call: S3Call, object: StoredObject): boolean {
  const { req } = call;
  const etag = quoted(object.etag);
  const matches = (list: string) => list.split(',').some((tag) => tag.trim() === '*' || tag.trim() === etag);
  const ifMatch = req.headers['if-match'];
  if (ifMatch !== undefined && !matches(ifMatch)) {
    throw new S3Error('PreconditionFailed', 412, 'At least one of the pre-conditions you specified did not hold', {
      Condition: 'If-Match',
    });
  }
  const ifNoneMatch = req.headers['if-none-match'];
  return ifNoneMatch !== undefined && matches(ifNoneMatch);
}

function objectHeaders(object: StoredObject): Record<string, string> {
  return {
    etag: quoted(object.etag),
    'last-modified': object.lastModified.toUTCString(),
    'content-type': object.contentType ?? 'binary/octet-stream',
    'accept-ranges': 'bytes',
  };
}

/** GetObject and HeadObject. */
export async function getObject(call: S3Call): Promise<void> {
  const { s3, target, req, res } = call;
  const object = objectOf(call);
  const headers = objectHeaders(object);
  if (preconditions(call, object)) {
    sendHeaders(res, 304, { etag: headers.etag ?? '', 'last-modified': headers['last-modified'] ?? '' });
    return;
  }
  const range = rangeOf(req.headers.range, object.size);
  const whole = range === undefined;
  // Answered only for the whole object, as S3 does, so that a client validating it (checksum mode) checks the bytes.
  const checksum = whole && req.headers['x-amz-checksum-mode'] === 'ENABLED' ? object.checksum : undefined;
  const start = range?.start ?? 0;
  const end = range?.end ?? object.size;
  res.writeHead(whole ? 200 : 206, {
    ...headers,
    'content-length': String(end - start),
    ...(whole ? {} : { 'content-range': `bytes ${start}-${end - 1}/${object.size}` }),
    ...checksumHeaders(checksum),
  });
  if (req.method === 'HEAD' || end === start) {
    res.end();
    return;
  }
  const body = s3.objects.get({ bucket: target.bucket, key: target.key }, { start, end });
  // A client that stops reading closes the connection: the stream ends with it.
  await pipeline(body, res).catch(() => res.destroy());
}

export function deleteObject({ s3, target, res }: S3Call): void {
  s3.objects.delete({ bucket: target.bucket, key: target.key });
  sendHeaders(res, 204);
}

/** DeleteObjects: up to 1,000 keys; a missing key counts as deleted, as in S3. */
export async function deleteObjects(call: S3Call): Promise<void> {
  const { s3, target, res } = call;
  if (!s3.objects.hasBucket(target.bucket)) throw noSuchBucket(target.bucket);
  const root = xmlRoot(await receiveXml(call, s3.spill), 'Delete');
  const quiet = xmlValue(root, 'Quiet') === 'true';
  const objects = xmlChildren(root, 'Object');
  if (objects.length === 0 || objects.length > MAX_S3_KEYS_PER_REQUEST) throw malformedXml();
  const keys = objects.map((object) => {
    const key = xmlValue(object, 'Key');
    if (key === undefined || key === '') throw malformedXml();
    return key;
  });
  for (const key of keys) s3.objects.delete({ bucket: target.bucket, key });
  const deleted = quiet ? '' : keys.map((key) => `<Deleted>${el('Key', key)}</Deleted>`).join('');
  sendXml(res, xmlDocument('DeleteResult', deleted));
}
