/**
 * The shared Transport contract, run on AwsTransport: the real SDK clients, over HTTP, to a local endpoint backed by
 * the MemoryTransport the contract sets up and scripts. S3 is not served by the local endpoint (see
 * aws-transport-s3.test.ts, on s3rver).
 */

import { startAwsOverLocal } from './aws-local-fixture.js';
import { describeTransportContract } from './contract.js';

describeTransportContract('AwsTransport over a local endpoint', async () => {
  const { transport, backing, clock, close } = await startAwsOverLocal();
  return { transport, backing, clock, s3: false, close };
});
