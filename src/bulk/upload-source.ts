/**
 * Uploading a local CSV file to S3 before the import, with progress.
 * @module
 */
import { createReadStream } from 'node:fs';
import type { ObjectInfo, Transport } from '../transport/transport.js';
import { emitProgress, type ProgressListener } from './progress.js';

/** What to upload where. */
export interface UploadFileInput {
  file: string;
  bucket: string;
  key: string;
  /** Bytes of the file, for the progress total. */
  totalBytes: number;
  signal?: AbortSignal | undefined;
  onProgress?: ProgressListener | undefined;
}

/** Streams the file to S3 through the transport (multipart when large); `uploading` events carry the bytes. */
export async function uploadFile(transport: Transport, input: UploadFileInput): Promise<ObjectInfo> {
  const { file, bucket, key, totalBytes, signal, onProgress } = input;
  emitProgress(onProgress, { phase: 'uploading', bucket, key, loadedBytes: 0, totalBytes });
  const body = createReadStream(file);
  try {
    return await transport.uploadObject(
      {
        bucket,
        key,
        body,
        contentLength: totalBytes,
        contentType: 'text/csv',
        onProgress: (loadedBytes, total) =>
          emitProgress(onProgress, { phase: 'uploading', bucket, key, loadedBytes, totalBytes: total ?? totalBytes }),
      },
      signal === undefined ? {} : { signal },
    );
  } finally {
    // A transport that failed or was aborted part-way may leave the file open.
    body.destroy();
  }
}
