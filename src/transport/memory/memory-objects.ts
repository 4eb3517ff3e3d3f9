/**
 * The in-memory S3 of `MemoryTransport`: buckets of objects, with md5 ETags as S3 reports them for single-part
 * uploads.
 * @module
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { NotFoundError } from '../../errors.js';
import type { ObjectInfo, ObjectLocation, UploadObjectInput } from '../transport.js';

/** A stored object. */
interface StoredObject {
  readonly body: Buffer;
  readonly etag: string;
  readonly contentType?: string;
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

/** The buckets of one fake account. */
export class MemoryObjects {
  readonly #buckets = new Map<string, Map<string, StoredObject>>();

  /** Creates `bucket` (a no-op when it exists). */
  createBucket(bucket: string): void {
    if (!this.#buckets.has(bucket)) this.#buckets.set(bucket, new Map());
  }

  /** The buckets, by name. */
  bucketNames(): string[] {
    return [...this.#buckets.keys()].sort();
  }

  hasBucket(bucket: string): boolean {
    return this.#buckets.has(bucket);
  }

  /** Stores `body` at `location`, replacing any object there. */
  put(location: ObjectLocation, body: Buffer, contentType?: string): ObjectInfo {
    const etag = createHash('md5').update(body).digest('hex');
    this.#bucket(location.bucket).set(location.key, { body, etag, ...(contentType && { contentType }) });
    return { bucket: location.bucket, key: location.key, size: body.length, etag };
  }

  /** Reads an upload's body and stores it. */
  async upload(input: UploadObjectInput): Promise<ObjectInfo> {
    this.#bucket(input.bucket);
    const body = await readBody(input);
    return this.put(input, body, input.contentType);
  }

  head(location: ObjectLocation): ObjectInfo {
    const object = this.#object(location);
    return { bucket: location.bucket, key: location.key, size: object.body.length, etag: object.etag };
  }

  /** The bytes of an object. */
  bytes(location: ObjectLocation): Buffer {
    return this.#object(location).body;
  }

  get(location: ObjectLocation): Readable {
    return Readable.from([this.#object(location).body]);
  }

  /** The objects under `prefix`, by key. */
  list(bucket: string, prefix: string): ObjectInfo[] {
    return [...this.#bucket(bucket).entries()]
      .filter(([key]) => key.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, object]) => ({ bucket, key, size: object.body.length, etag: object.etag }));
  }

  #bucket(bucket: string): Map<string, StoredObject> {
    const objects = this.#buckets.get(bucket);
    if (objects === undefined) throw noSuchBucket(bucket);
    return objects;
  }

  #object(location: ObjectLocation): StoredObject {
    const object = this.#bucket(location.bucket).get(location.key);
    if (object === undefined) {
      throw new NotFoundError(`The specified key does not exist: s3://${location.bucket}/${location.key}`, {
        serviceErrorName: 'NoSuchKey',
        statusCode: 404,
      });
    }
    return object;
  }
}
