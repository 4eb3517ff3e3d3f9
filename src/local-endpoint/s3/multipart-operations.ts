/**
 * The multipart calls of the endpoint's S3: CreateMultipartUpload, UploadPart (part numbers 1..10,000, up to
 * 5 GiB each, spilled once the upload holds `objectSpillBytes` in memory), CompleteMultipartUpload,
 * AbortMultipartUpload.
 * @module
 */
import { MAX_S3_PART_BYTES, MAX_S3_PART_NUMBER } from '../../limits.js';
import { releaseSegments } from '../../transport/memory/memory-objects.js';
import type { S3Call } from './bucket-operations.js';
import { type ChecksumAlgorithm, checksumAlgorithmOf } from './checksums.js';
import type { ListedPart, MultipartUpload } from './multipart-uploads.js';
import { checkKey } from './object-operations.js';
import { receiveBody, receiveXml } from './request-body.js';
import { invalidArgument, invalidRequest } from './s3-error.js';
import { checksumHeaders, quoted, sendHeaders, sendXml } from './s3-reply.js';
import { el, xmlDocument } from './s3-xml.js';
import { malformedXml, xmlChildren, xmlRoot, xmlValue } from './s3-xml-read.js';

function uploadOf({ s3, target }: S3Call): MultipartUpload {
  const uploadId = target.query.get('uploadId') ?? '';
  s3.requireBucket(target.bucket);
  return s3.uploads.get(uploadId, target.bucket, target.key);
}

export function createMultipartUpload(call: S3Call): void {
  const { s3, target, req, res } = call;
  s3.requireBucket(target.bucket);
  checkKey(target.key);
  const named = req.headers['x-amz-checksum-algorithm'];
  const algorithm: ChecksumAlgorithm | undefined =
    typeof named === 'string' ? checksumAlgorithmOf(`x-amz-checksum-${named}`) : undefined;
  if (typeof named === 'string' && algorithm === undefined) {
    throw invalidRequest(`Checksum algorithm \`${named}\` is not one of CRC32, CRC32C, CRC64NVME, SHA1, SHA256.`);
  }
  const upload = s3.uploads.create(target.bucket, target.key, req.headers['content-type']);
  const inner = `${el('Bucket', target.bucket)}${el('Key', target.key)}${el('UploadId', upload.id)}`;
  sendXml(res, xmlDocument('InitiateMultipartUploadResult', inner), {
    ...(typeof named === 'string' && { 'x-amz-checksum-algorithm': named }),
  });
}

function partNumberOf(raw: string | null): number {
  const number = raw !== null && /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(number >= 1 && number <= MAX_S3_PART_NUMBER)) {
    throw invalidArgument(
      `Part number must be an integer between 1 and ${MAX_S3_PART_NUMBER}, inclusive`,
      'partNumber',
      raw ?? '',
    );
  }
  return number;
}

export async function uploadPart(call: S3Call): Promise<void> {
  const { s3, target, res } = call;
  const number = partNumberOf(target.query.get('partNumber'));
  const upload = uploadOf(call);
  const memoryBytes = Math.max(0, s3.spillBytes - s3.uploads.memoryBytes(upload));
  const body = await receiveBody(call, { maxBytes: MAX_S3_PART_BYTES, memoryBytes, spill: s3.spill });
  const etag = s3.uploads.putPart(upload, number, body);
  sendHeaders(res, 200, { etag: quoted(etag), ...checksumHeaders(body.checksum) });
}

/** The `<Part>`s of a CompleteMultipartUpload body. */
function listedParts(xml: string): ListedPart[] {
  const root = xmlRoot(xml, 'CompleteMultipartUpload');
  return xmlChildren(root, 'Part').map((part) => {
    const number = xmlValue(part, 'PartNumber');
    const etag = xmlValue(part, 'ETag');
    if (number === undefined || !/^\d{1,5}$/.test(number.trim()) || etag === undefined) throw malformedXml();
    const checksums = new Map<string, string>();
    for (const algorithm of ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256']) {
      const value = xmlValue(part, `Checksum${algorithm}`);
      if (value !== undefined) checksums.set(algorithm.toLowerCase(), value);
    }
    return { partNumber: Number(number.trim()), etag, checksums };
  });
}

export async function completeMultipartUpload(call: S3Call): Promise<void> {
  const { s3, target, req, res } = call;
  const upload = uploadOf(call);
  const listed = listedParts(await receiveXml(call, s3.spill));
  const content = s3.uploads.complete(upload, listed);
  try {
    s3.objects.store({ bucket: target.bucket, key: target.key }, content);
  } catch (error) {
    releaseSegments(content.segments);
    throw error;
  }
  const host = req.headers.host ?? 'localhost';
  const inner =
    el('Location', `http://${host}/${target.bucket}/${encodeURI(target.key)}`) +
    el('Bucket', target.bucket) +
    el('Key', target.key) +
    el('ETag', quoted(content.etag));
  sendXml(res, xmlDocument('CompleteMultipartUploadResult', inner));
}

export function abortMultipartUpload(call: S3Call): void {
  call.s3.uploads.abort(uploadOf(call));
  sendHeaders(call.res, 204);
}
