/**
 * Multipart uploads in progress at the endpoint's S3: their parts (in memory or spilled), and the checks
 * CompleteMultipartUpload makes before the parts become one object: parts listed in ascending order, each uploaded
 * with the ETag given, every part but the last at least 5 MiB
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html). The object's ETag is S3's:
 * the md5 of the parts' md5s, then `-<parts>`. Its segments are the parts' own: nothing is copied.
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import { MAX_S3_OBJECT_BYTES, MIN_S3_PART_BYTES } from '../../limits.js';
import {
  type ObjectContent,
  type ObjectSegment,
  releaseSegments,
  segmentSize,
} from '../../transport/memory/memory-objects.js';
import type { ReceivedBody } from './request-body.js';
import { entityTooLarge, noSuchUpload, S3Error } from './s3-error.js';

/** A part as uploaded. */
interface Part extends ReceivedBody {
  /** Hex md5, unquoted. */
  readonly etag: string;
}

/** A multipart upload in progress. */
export interface MultipartUpload {
  readonly id: string;
  readonly bucket: string;
  readonly key: string;
  readonly contentType?: string;
  readonly parts: Map<number, Part>;
}

/** A part as CompleteMultipartUpload lists it. */
export interface ListedPart {
  readonly partNumber: number;
  readonly etag: string;
  /** `ChecksumCRC32` and the like, by lowercase algorithm. */
  readonly checksums: ReadonlyMap<string, string>;
}

const unquote = (etag: string) => etag.trim().replace(/^"(.*)"$/, '$1');

function memoryBytes(segments: readonly ObjectSegment[]): number {
  return segments.reduce((sum, segment) => sum + ('bytes' in segment ? segment.bytes.length : 0), 0);
}

const invalidPart = () =>
  new S3Error(
    'InvalidPart',
    400,
    "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
  );

/** Every multipart upload of one endpoint. */
export class MultipartUploads {
  readonly #uploads = new Map<string, MultipartUpload>();

  create(bucket: string, key: string, contentType: string | undefined): MultipartUpload {
    const id = randomBytes(24).toString('base64url');
    const upload = { id, bucket, key, ...(contentType !== undefined && { contentType }), parts: new Map() };
    this.#uploads.set(id, upload);
    return upload;
  }

  /** The upload `id` of `bucket`/`key`; `NoSuchUpload` otherwise. */
  get(id: string, bucket: string, key: string): MultipartUpload {
    const upload = this.#uploads.get(id);
    if (upload === undefined || upload.bucket !== bucket || upload.key !== key) throw noSuchUpload(id);
    return upload;
  }

  /** Bytes of the upload's parts held in memory (a part past `objectSpillBytes` of them goes to disk). */
  memoryBytes(upload: MultipartUpload): number {
    let sum = 0;
    for (const part of upload.parts.values()) sum += memoryBytes(part.segments);
    return sum;
  }

  /** Stores part `number`, replacing one uploaded before; answers its ETag. */
  putPart(upload: MultipartUpload, number: number, body: ReceivedBody): string {
    const etag = body.md5.toString('hex');
    // The upload may have been completed or aborted while the part streamed in.
    if (this.#uploads.get(upload.id) !== upload) {
      releaseSegments(body.segments);
      throw noSuchUpload(upload.id);
    }
    const previous = upload.parts.get(number);
    upload.parts.set(number, { ...body, etag });
    if (previous !== undefined) releaseSegments(previous.segments);
    return etag;
  }

  /** Checks the listed parts and answers the object they make; the upload ends. */
  complete(upload: MultipartUpload, listed: readonly ListedPart[]): ObjectContent {
    const chosen = this.#chosenParts(upload, listed);
    const size = chosen.reduce((sum, part) => sum + part.size, 0);
    if (size > MAX_S3_OBJECT_BYTES) throw entityTooLarge(MAX_S3_OBJECT_BYTES);
    const md5s = createHash('md5');
    for (const part of chosen) md5s.update(part.md5);
    this.#uploads.delete(upload.id);
    const kept = new Set(chosen);
    for (const part of upload.parts.values()) if (!kept.has(part)) releaseSegments(part.segments);
    const segments = chosen.flatMap((part) => part.segments).filter((segment) => segmentSize(segment) > 0);
    return {
      segments,
      size,
      etag: `${md5s.digest('hex')}-${chosen.length}`,
      ...(upload.contentType !== undefined && { contentType: upload.contentType }),
    };
  }

  /** The listed parts, checked as S3 does: order first, then each part's ETag and checksum, then the sizes. */
  #chosenParts(upload: MultipartUpload, listed: readonly ListedPart[]): Part[] {
    if (listed.length === 0) {
      throw new S3Error('MalformedXML', 400, 'The XML you provided was not well-formed: it lists no part.');
    }
    for (const [index, entry] of listed.entries()) {
      if (index > 0 && entry.partNumber <= (listed[index - 1] as ListedPart).partNumber) {
        throw new S3Error(
          'InvalidPartOrder',
          400,
          'The list of parts was not in ascending order. The parts list must be specified in order by part number.',
        );
      }
    }
    const chosen = listed.map((entry) => {
      const part = upload.parts.get(entry.partNumber);
      if (part === undefined || unquote(entry.etag) !== part.etag) throw invalidPart();
      for (const [algorithm, value] of entry.checksums) {
        if (part.checksum?.algorithm === algorithm && part.checksum.value !== value.trim()) throw invalidPart();
      }
      return part;
    });
    for (const [index, part] of chosen.slice(0, -1).entries()) {
      if (part.size < MIN_S3_PART_BYTES) {
        throw new S3Error(
          'EntityTooSmall',
          400,
          'Your proposed upload is smaller than the minimum allowed object size.',
          {
            ProposedSize: String(part.size),
            MinSizeAllowed: String(MIN_S3_PART_BYTES),
            PartNumber: String(listed[index]?.partNumber),
            ETag: part.etag,
          },
        );
      }
    }
    return chosen;
  }

  /** Ends the upload and drops its parts; `NoSuchUpload` when it is not in progress. */
  abort(upload: MultipartUpload): void {
    this.#uploads.delete(upload.id);
    for (const part of upload.parts.values()) releaseSegments(part.segments);
  }
}
