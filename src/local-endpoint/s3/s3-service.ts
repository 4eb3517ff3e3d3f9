/**
 * The S3 an endpoint serves: the backing `MemoryTransport`'s buckets, the multipart uploads in progress, and the
 * directory bodies over `objectSpillBytes` are spilled to.
 * @module
 */
import type { MemoryObjects } from '../../transport/memory/memory-objects.js';
import { MultipartUploads } from './multipart-uploads.js';
import { noSuchBucket } from './s3-error.js';
import { SpillDirectory } from './spill-directory.js';

/** The S3 state of one endpoint. */
export class S3Service {
  readonly uploads = new MultipartUploads();
  readonly spill = new SpillDirectory();

  constructor(
    readonly objects: MemoryObjects,
    /** A strict backing answers `NoSuchBucket` for a bucket never created; a lenient one creates it. */
    readonly strict: boolean,
    /** Bytes of one body (or of one multipart upload's parts) held in memory; past them they go to disk. */
    readonly spillBytes: number,
  ) {}

  /** Checks that `bucket` exists (creating it when the backing is lenient); `NoSuchBucket` otherwise. */
  requireBucket(bucket: string): void {
    if (this.objects.hasBucket(bucket)) return;
    if (!this.strict) {
      this.objects.createBucket(bucket);
      return;
    }
    throw noSuchBucket(bucket);
  }

  /** Removes the spill directory: the objects spilled there can no longer be read. */
  close(): Promise<void> {
    return this.spill.remove();
  }
}
