/**
 * S3 through the SDK client and lib-storage, loaded on first use (`AwsTransport` imports this module lazily).
 * @module
 */
import { S3Client } from '@aws-sdk/client-s3';
import type { SdkClientSettings } from '../aws-transport-options.js';

export { getObjectStream, headObject, listAllObjects, uploadWithProgress } from '../s3-operations.js';

/** The S3 client a transport builds. */
export function buildS3Client(settings: SdkClientSettings): S3Client {
  return new S3Client(settings.s3);
}
