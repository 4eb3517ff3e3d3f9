/**
 * The shared Transport contract, run on AwsTransport: the real SDK clients, over HTTP, to a local endpoint backed by
 * the MemoryTransport the contract sets up and scripts, and to s3rver for S3 (which the local endpoint does not serve).
 */
import { afterAll, beforeAll } from 'vitest';
import { type RunningS3rver, s3rverCredentials, startS3rver } from '../support/s3rver.js';
import { startAwsOverLocal } from './aws-local-fixture.js';
import { describeTransportContract } from './contract.js';

let s3rver: RunningS3rver;
// The contract's S3 test creates its bucket in the backing; s3rver needs it too.
beforeAll(async () => {
  s3rver = await startS3rver(['data']);
});
afterAll(async () => {
  await s3rver?.close();
});

describeTransportContract('AwsTransport over a local endpoint and s3rver', async () => {
  const { transport, backing, clock, close } = await startAwsOverLocal({
    aws: { s3Endpoint: s3rver.url, credentials: s3rverCredentials },
  });
  return { transport, backing, clock, close };
});
