import { PersonalizeClient } from '@aws-sdk/client-personalize';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidOptionsError, TransientError } from '../../src/errors.js';
import { AwsTransport } from '../../src/transport/aws/aws-transport.js';
import {
  type AwsTransportOptions,
  awsTransportDefaults,
  resolveAwsTransportOptions,
  sdkClientSettings,
} from '../../src/transport/aws/aws-transport-options.js';
import { buildControlClient } from '../../src/transport/aws/planes/control-plane.js';
import { buildEventsClient } from '../../src/transport/aws/planes/events-plane.js';
import { buildS3Client } from '../../src/transport/aws/planes/s3-plane.js';
import { type AwsOverLocal, startAwsOverLocal, testCredentials } from './aws-local-fixture.js';
import { setUpShop } from './memory-fixtures.js';

let running: AwsOverLocal | undefined;

/** The three clients a transport with `options` builds. */
function buildClients(options: AwsTransportOptions) {
  const settings = sdkClientSettings(resolveAwsTransportOptions(options));
  const clients = {
    events: buildEventsClient(settings),
    personalize: buildControlClient(settings),
    s3: buildS3Client(settings),
  };
  return { ...clients, built: [clients.events, clients.personalize, clients.s3] };
}
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('AwsTransport options', () => {
  it.each([
    [{ maxAttempts: 0 }, 'Expected `maxAttempts` to be an integer >= 1, got `0`'],
    [{ maxAttempts: 1.5 }, 'Expected `maxAttempts` to be an integer >= 1, got `1.5`'],
    [{ endpoint: 'localhost 4566' }, 'Expected `endpoint` to be a URL, got `"localhost 4566"`'],
    [{ s3Endpoint: '::' }, 'Expected `s3Endpoint` to be a URL, got `"::"`'],
    [{ endpoint: 4566 }, 'Expected `endpoint` to be a URL, got `4566`'],
    [
      { region: 'US East' },
      'Expected `region` to be a region name like `us-east-1` (a non-empty string), got `"US East"`',
    ],
    [{ clients: 'mine' }, 'Expected `clients` to be an object, got `"mine"`'],
    [
      { clients: { events: {} } },
      'Expected `clients.events` to be a PersonalizeEventsClient, with a method `send`, got `an object`',
    ],
    [
      { clients: { s3: { send() {} } } },
      'Expected `clients.s3` to be an S3Client, with a method `destroy`, got `an object`',
    ],
  ])('refuses %j at construction', (options, message) => {
    const make = () => new AwsTransport(options as AwsTransportOptions);
    expect(make).toThrow(InvalidOptionsError);
    expect(make).toThrow(message);
  });

  it('defaults to one attempt per call', () => {
    expect(awsTransportDefaults.maxAttempts).toBe(1);
  });

  it('takes `undefined` as the default, and applies every default in one place', () => {
    const unset = { maxAttempts: undefined, clients: undefined } as unknown as AwsTransportOptions;
    expect(resolveAwsTransportOptions(unset)).toEqual(awsTransportDefaults);
    expect(resolveAwsTransportOptions()).toEqual(awsTransportDefaults);
  });

  it('builds clients with maxAttempts, the endpoint, and path-style S3 with the default checksums', async () => {
    const clients = buildClients({ endpoint: 'http://127.0.0.1:1', region: 'eu-west-1', maxAttempts: 2 });
    try {
      expect(await clients.events.config.maxAttempts()).toBe(2);
      expect(await clients.personalize.config.region()).toBe('eu-west-1');
      expect(clients.s3.config.forcePathStyle).toBe(true);
      // The local endpoint accepts what a default client sends: no checksum override.
      expect(await clients.s3.config.requestChecksumCalculation()).toBe('WHEN_SUPPORTED');
      expect(await clients.s3.config.responseChecksumValidation()).toBe('WHEN_SUPPORTED');
      expect(clients.built).toHaveLength(3);
    } finally {
      for (const client of clients.built) client.destroy();
    }
  });

  it('points S3 at s3Endpoint and the Personalize clients at endpoint', async () => {
    const clients = buildClients({ endpoint: 'http://127.0.0.1:1111', s3Endpoint: 'http://127.0.0.1:2222' });
    try {
      expect((await clients.events.config.endpoint?.())?.port).toBe(1111);
      expect((await clients.personalize.config.endpoint?.())?.port).toBe(1111);
      expect((await clients.s3.config.endpoint?.())?.port).toBe(2222);
      expect(clients.s3.config.forcePathStyle).toBe(true);
      // A local endpoint needs no region from the caller.
      expect(await clients.s3.config.region()).toBe(
        process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
      );
    } finally {
      for (const client of clients.built) client.destroy();
    }
  });

  it('uses a client passed in as it is, and builds only the others', async () => {
    const personalize = new PersonalizeClient({ region: 'ap-south-1', credentials: testCredentials });
    const sent: string[] = [];
    const send = personalize.send.bind(personalize);
    personalize.send = ((command: { constructor: { name: string } }, ...rest: never[]) => {
      sent.push(command.constructor.name);
      return (send as (...args: unknown[]) => unknown)(command, ...rest);
    }) as typeof personalize.send;
    const transport = new AwsTransport({
      clients: { personalize },
      endpoint: 'http://127.0.0.1:1',
      region: 'eu-west-1',
    });
    await expect(transport.describeDataset('arn:aws:personalize:eu-west-1:1:dataset/g/ITEMS')).rejects.toThrow();
    expect(sent).toEqual(['DescribeDatasetCommand']);
    transport.destroy();
    personalize.destroy();
  });

  it('makes as many HTTP requests per call as maxAttempts says', async () => {
    running = await startAwsOverLocal({ endpoint: { transientFaultRate: 1 }, aws: { maxAttempts: 2 } });
    const shop = setUpShop(running.backing);
    const put = running.transport.putUsers({ datasetArn: shop.usersArn, users: [{ userId: 'u' }] });
    await expect(put).rejects.toThrow(TransientError);
    expect(running.endpoint.stats().byCall.putUsers).toMatchObject({ requests: 2, faults: 2 });
  });
});
