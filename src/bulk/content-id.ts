/**
 * A stable identity of what an import reads, for the derived job name: the SHA-256 of a local file (streamed), or
 * the ETag and version of every S3 object (no download).
 * @module
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { AbortedError, NotFoundError } from '../errors.js';
import type { ObjectInfo } from '../transport/transport.js';
import { type ParsedSource, s3Url } from './bulk-source.js';
import { type CallContext, retryCall } from './retry-call.js';

/** What was learnt of the content. */
export interface ContentIdentity {
  /** `sha256:<hex>` of a local file; the location, ETags and versions of S3 objects. */
  contentId: string;
  /** The S3 objects the import reads (empty for a local file, not uploaded yet). */
  objects: ObjectInfo[];
  /** Bytes in all. */
  totalBytes: number;
}

/** Whether the service imports this key of a folder: it reads the CSV files. */
export function isCsvKey(key: string): boolean {
  return key.toLowerCase().endsWith('.csv');
}

/** Computes the identity of a source's content; a folder without any CSV object is a `NotFoundError`. */
export async function identifyContent(
  context: CallContext,
  source: ParsedSource,
  signal?: AbortSignal,
): Promise<ContentIdentity> {
  const { transport } = context;
  switch (source.kind) {
    case 'local-file': {
      const { sha256, bytes } = await hashFile(source.file, signal);
      return { contentId: `sha256:${sha256}`, objects: [], totalBytes: bytes };
    }
    case 's3-object': {
      const location = { bucket: source.bucket, key: source.key };
      const info = await retryCall(context, signal, (call) => transport.headObject(location, call));
      return { contentId: objectsId([info]), objects: [info], totalBytes: info.size };
    }
    case 's3-folder': {
      const input = { bucket: source.bucket, prefix: source.prefix };
      const listed = await retryCall(context, signal, (call) => transport.listObjects(input, call));
      const objects = listed.filter((info) => isCsvKey(info.key)).sort((a, b) => (a.key < b.key ? -1 : 1));
      if (objects.length === 0) {
        throw new NotFoundError(`No CSV object under ${s3Url(source.bucket, source.prefix)}: nothing to import`);
      }
      const totalBytes = objects.reduce((sum, info) => sum + info.size, 0);
      return { contentId: objectsId(objects), objects, totalBytes };
    }
  }
}

function objectsId(objects: ObjectInfo[]): string {
  return objects.map((info) => `${s3Url(info.bucket, info.key)} ${info.etag} ${info.versionId ?? ''}`).join('\n');
}

/** Streams a file through SHA-256 (constant memory). */
export async function hashFile(file: string, signal?: AbortSignal): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(file, signal === undefined ? {} : { signal })) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
  } catch (error) {
    // The stream rejects with Node's own AbortError: callers switch on the library's AbortedError.
    if (signal?.aborted) throw new AbortedError(undefined, { cause: error });
    throw error;
  }
  return { sha256: hash.digest('hex'), bytes };
}
