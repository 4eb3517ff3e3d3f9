/**
 * The in-memory S3 of `MemoryTransport`: buckets of objects, with md5 ETags as S3 reports them for single-part
 * uploads. An object's bytes are segments, each held in memory or in a file: the local endpoint spills large bodies
 * to a temporary directory (s3/spill-directory.ts) so that a 1 GB import file does not sit in memory, and a
 * multipart upload's parts become the object's segments without being copied.
 * @module
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { NotFoundError } from '../../errors.js';
import { type Clock, systemClock } from '../../util/clock.js';
import type { ObjectInfo, ObjectLocation, UploadObjectInput } from '../transport.js';

/** Some bytes of an object: in memory, or a whole file on disk. */
export type ObjectSegment = { readonly bytes: Buffer } | { readonly file: string; readonly size: number };

/** A checksum of an object as a client sent it (`x-amz-checksum-<algorithm>`), kept to answer it back. */
export interface ObjectChecksum {
  /** Lowercase, as in the header's name: `crc32`, `crc32c`, `sha1`, `sha256`, `crc64nvme`. */
  readonly algorithm: string;
  /** Base64, as on the wire. */
  readonly value: string;
}

/** What a stored object is made of. */
export interface ObjectContent {
  readonly segments: readonly ObjectSegment[];
  readonly size: number;
  /** Unquoted: the md5 of the bytes (hex), or S3's `<md5 of part md5s>-<parts>` for a multipart upload. */
  readonly etag: string;
  readonly contentType?: string;
  /** The whole object's checksum, when the client sent one with a single PutObject. */
  readonly checksum?: ObjectChecksum;
}

/** A stored object, as the local endpoint's S3 reads it. */
export interface StoredObject extends ObjectContent {
  readonly lastModified: Date;
}

/** A bucket and when it was made. */
export interface BucketInfo {
  readonly name: string;
  readonly created: Date;
}

/** The size in bytes of a segment. */
export function segmentSize(segment: ObjectSegment): number {
  return 'bytes' in segment ? segment.bytes.length : segment.size;
}

// Reads in progress per spilled file, and the files released while read: a GetObject that started before the object
// was replaced or deleted reads the old bytes to the end, as in S3; the file goes when the last read ends.
const readers = new Map<string, number>();
const released = new Set<string>();

function removeFile(file: string): void {
  void rm(file, { force: true }).catch(() => {});
}

/** Deletes the files of segments no object holds any more (once no read is using them); a file gone is no error. */
export function releaseSegments(segments: readonly ObjectSegment[]): void {
  for (const segment of segments) {
    if (!('file' in segment)) continue;
    if (readers.has(segment.file)) released.add(segment.file);
    else removeFile(segment.file);
  }
}

function startReading(files: readonly string[]): void {
  for (const file of files) readers.set(file, (readers.get(file) ?? 0) + 1);
}

function stopReading(files: readonly string[]): void {
  for (const file of files) {
    const left = (readers.get(file) ?? 1) - 1;
    if (left > 0) {
      readers.set(file, left);
      continue;
    }
    readers.delete(file);
    if (released.delete(file)) removeFile(file);
  }
}

/** Reads an upload's body to bytes, reporting progress as chunks arrive. */
async function readBody(input: UploadObjectInput): Promise<Buffer> {
  const { body, onProgress } = input;
  if (typeof body === 'string' || body instanceof Uint8Array) {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
    onProgress?.(bytes.length, input.contentLength ?? bytes.length);
    return bytes;
  }
  const chunks: Buffer[] = [];
  let loaded = 0;
  for await (const chunk of body as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    chunks.push(bytes);
    loaded += bytes.length;
    onProgress?.(loaded, input.contentLength);
  }
  return Buffer.concat(chunks);
}

function noSuchBucket(bucket: string): NotFoundError {
  return new NotFoundError(`The specified bucket does not exist: ${bucket}`, {
    serviceErrorName: 'NoSuchBucket',
    statusCode: 404,
  });
}

function noSuchKey(location: ObjectLocation): NotFoundError {
  return new NotFoundError(`The specified key does not exist: s3://${location.bucket}/${location.key}`, {
    serviceErrorName: 'NoSuchKey',
    statusCode: 404,
  });
}

/** The bytes `[start, end)` of `segments`, in order, reading files as streams. */
async function* segmentBytes(segments: readonly ObjectSegment[], start: number, end: number): AsyncGenerator<Buffer> {
  const files = segments.flatMap((segment) => ('file' in segment ? [segment.file] : []));
  startReading(files);
  try {
    let offset = 0;
    for (const segment of segments) {
      const size = segmentSize(segment);
      const from = Math.max(start - offset, 0);
      const to = Math.min(end - offset, size);
      offset += size;
      if (from >= to) continue;
      if ('bytes' in segment) yield segment.bytes.subarray(from, to);
      else yield* createReadStream(segment.file, { start: from, end: to - 1 }) as AsyncIterable<Buffer>;
    }
  } finally {
    stopReading(files);
  }
}

interface Bucket {
  readonly created: Date;
  readonly objects: Map<string, StoredObject>;
}

/** The buckets of one fake account. */
export class MemoryObjects {
  readonly #buckets = new Map<string, Bucket>();
  readonly #clock: Clock;

  /** `clock` dates buckets and objects (`LastModified`). */
  constructor(clock: Clock = systemClock) {
    this.#clock = clock;
  }

  /** Creates `bucket` (a no-op when it exists). */
  createBucket(bucket: string): void {
    if (!this.#buckets.has(bucket)) this.#buckets.set(bucket, { created: this.#now(), objects: new Map() });
  }

  /** The buckets, by name. */
  bucketNames(): string[] {
    return [...this.#buckets.keys()].sort();
  }

  hasBucket(bucket: string): boolean {
    return this.#buckets.has(bucket);
  }

  /** Every bucket, by name. */
  buckets(): BucketInfo[] {
    return [...this.#buckets.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, bucket]) => ({ name, created: bucket.created }));
  }

  /** Removes an empty bucket; answers false when it holds objects. */
  deleteBucket(bucket: string): boolean {
    if (this.#bucket(bucket).objects.size > 0) return false;
    this.#buckets.delete(bucket);
    return true;
  }

  /** Stores `body` at `location`, replacing any object there. */
  put(location: ObjectLocation, body: Buffer, contentType?: string): ObjectInfo {
    const etag = createHash('md5').update(body).digest('hex');
    const content = { segments: [{ bytes: body }], size: body.length, etag, ...(contentType && { contentType }) };
    return this.store(location, content);
  }

  /** Stores an object made of segments (the local endpoint's PutObject and CompleteMultipartUpload). */
  store(location: ObjectLocation, content: ObjectContent): ObjectInfo {
    const objects = this.#bucket(location.bucket).objects;
    const previous = objects.get(location.key);
    objects.set(location.key, { ...content, lastModified: this.#now() });
    if (previous !== undefined && previous.segments !== content.segments) releaseSegments(previous.segments);
    return { bucket: location.bucket, key: location.key, size: content.size, etag: content.etag };
  }

  /** Reads an upload's body and stores it. */
  async upload(input: UploadObjectInput): Promise<ObjectInfo> {
    this.#bucket(input.bucket);
    const body = await readBody(input);
    return this.put(input, body, input.contentType);
  }

  head(location: ObjectLocation): ObjectInfo {
    const object = this.#object(location);
    return { bucket: location.bucket, key: location.key, size: object.size, etag: object.etag };
  }

  /** The object at `location`, or `undefined`; throws `NotFoundError` when the bucket does not exist. */
  find(location: ObjectLocation): StoredObject | undefined {
    return this.#bucket(location.bucket).objects.get(location.key);
  }

  /** Removes an object (a missing one is no error) and deletes its spilled files. */
  delete(location: ObjectLocation): void {
    const objects = this.#bucket(location.bucket).objects;
    const object = objects.get(location.key);
    if (object === undefined) return;
    objects.delete(location.key);
    releaseSegments(object.segments);
  }

  /** The bytes of an object (read from disk when it was spilled). */
  bytes(location: ObjectLocation): Buffer {
    const { segments } = this.#object(location);
    const parts = segments.map((segment) => ('bytes' in segment ? segment.bytes : readFileSync(segment.file)));
    return parts.length === 1 && parts[0] !== undefined ? parts[0] : Buffer.concat(parts);
  }

  /** The object's body as a stream, whole or the bytes `[start, end)`. */
  get(location: ObjectLocation, range?: { start: number; end: number }): Readable {
    const object = this.#object(location);
    return Readable.from(segmentBytes(object.segments, range?.start ?? 0, range?.end ?? object.size));
  }

  /** The objects under `prefix`, by key. */
  list(bucket: string, prefix: string): ObjectInfo[] {
    return this.entries(bucket, prefix).map(([key, object]) => ({ bucket, key, size: object.size, etag: object.etag }));
  }

  /** The stored objects under `prefix`, sorted by key (in UTF-16 order, as S3's UTF-8 order for most keys). */
  entries(bucket: string, prefix: string): [string, StoredObject][] {
    return [...this.#bucket(bucket).objects.entries()]
      .filter(([key]) => key.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  #now(): Date {
    // Whole seconds: S3 dates (HTTP dates, ISO 8601 in listings) as clients compare them.
    return new Date(Math.floor(this.#clock.now() / 1000) * 1000);
  }

  #bucket(bucket: string): Bucket {
    const found = this.#buckets.get(bucket);
    if (found === undefined) throw noSuchBucket(bucket);
    return found;
  }

  #object(location: ObjectLocation): StoredObject {
    const object = this.#bucket(location.bucket).objects.get(location.key);
    if (object === undefined) throw noSuchKey(location);
    return object;
  }
}

const stores = new WeakMap<object, { objects: MemoryObjects; strict: boolean }>();

/** Records the S3 of a `MemoryTransport`, so that a local endpoint backed by it can serve it. */
export function registerMemoryObjects(transport: object, objects: MemoryObjects, strict: boolean): void {
  stores.set(transport, { objects, strict });
}

/** The S3 of a `MemoryTransport` (and whether it is strict), or `undefined` for any other transport. */
export function memoryObjectsOf(transport: object): { objects: MemoryObjects; strict: boolean } | undefined {
  return stores.get(transport);
}
