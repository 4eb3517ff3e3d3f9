/**
 * An `AwsTransport` (real SDK clients) talking to a local endpoint on 127.0.0.1 that is backed by a
 * `MemoryTransport`, for the AwsTransport tests and the contract.
 * @module
 */
import { type LocalEndpoint, startLocalEndpoint } from '../../src/local-endpoint/local-endpoint.js';
import type { LocalEndpointOptions } from '../../src/local-endpoint/local-endpoint-options.js';
import { AwsTransport } from '../../src/transport/aws/aws-transport.js';
import type { AwsTransportOptions } from '../../src/transport/aws/aws-transport-options.js';
import type { MemoryTransportOptions } from '../../src/transport/memory/memory-options.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { ManualClock } from '../../src/util/manual-clock.js';

/** Dummy credentials: the local endpoint does not check signatures. */
export const testCredentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** What `startAwsOverLocal` started. */
export interface AwsOverLocal {
  transport: AwsTransport;
  backing: MemoryTransport;
  endpoint: LocalEndpoint;
  clock: ManualClock;
  /** Destroys the transport's clients and closes the endpoint. */
  close(): Promise<void>;
}

/** Starts a MemoryTransport behind a local endpoint on port 0 and an AwsTransport pointed at it. */
export async function startAwsOverLocal(
  options: {
    endpoint?: Omit<LocalEndpointOptions, 'backing'>;
    memory?: MemoryTransportOptions;
    aws?: AwsTransportOptions;
  } = {},
): Promise<AwsOverLocal> {
  const clock = new ManualClock();
  const backing = new MemoryTransport({ clock, ...options.memory });
  const endpoint = await startLocalEndpoint({ backing, clock, ...options.endpoint });
  const transport = new AwsTransport({
    endpoint: endpoint.url,
    region: 'us-east-1',
    credentials: testCredentials,
    ...options.aws,
  });
  return {
    transport,
    backing,
    endpoint,
    clock,
    close: async () => {
      transport.destroy();
      await endpoint.close();
    },
  };
}
