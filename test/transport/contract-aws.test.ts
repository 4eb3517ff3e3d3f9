/**
 * The shared Transport contract, run on AwsTransport: the real SDK clients on their default settings, over HTTP, to
 * a local endpoint backed by the MemoryTransport the contract sets up and scripts, S3 included (one URL for all).
 */
import { startAwsOverLocal } from './aws-local-fixture.js';
import { describeTransportContract } from './contract.js';

describeTransportContract('AwsTransport over a local endpoint', async () => {
  const { transport, backing, clock, close } = await startAwsOverLocal();
  return { transport, backing, clock, close };
});
