/**
 * Options of `AwsTransport`, their defaults in one object, their validation, and the SDK clients built from them.
 * @module
 */
import type { PersonalizeClient, PersonalizeClientConfig } from '@aws-sdk/client-personalize';
import type { PersonalizeEventsClient } from '@aws-sdk/client-personalize-events';
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { MAX_TIMER_MS } from '../../util/clock.js';
import {
  expectBoolean,
  expectInteger,
  expectKnownKeys,
  expectMethods,
  expectObject,
  expectString,
  failOption,
} from '../../util/expect.js';
import type { DirectEventsSettings } from './events-http/direct-events.js';

/** Static AWS credentials (an access key pair, with a session token when temporary). */
export interface AwsCredentials {
  /** The access key id (`AKIA…`, or `ASIA…` for temporary credentials). */
  accessKeyId: string;
  /** The secret access key. */
  secretAccessKey: string;
  /** The session token of temporary credentials. */
  sessionToken?: string;
  /** When they stop working; the SDK refreshes them through the provider before. */
  expiration?: Date;
}

/** Credentials, or a function that provides them (called by the SDK when it needs them). */
export type AwsCredentialsOption = AwsCredentials | (() => Promise<AwsCredentials>);

/** SDK clients the caller built: used as they are (their own retry settings included). */
export interface AwsTransportClients {
  /**
   * For the control plane (import jobs, datasets, schemas, dataset groups).
   * @default built from the other options
   */
  personalize?: PersonalizeClient;
  /**
   * For the Events API (PutEvents, PutUsers, …).
   * @default built from the other options
   */
  events?: PersonalizeEventsClient;
  /**
   * For uploads and reads of import files.
   * @default built from the other options, with path-style addressing when `endpoint` or `s3Endpoint` is set
   */
  s3?: S3Client;
}

/** Every setting of an `AwsTransport`, defaults applied (`awsTransportDefaults`). */
export interface AwsTransportConfiguration {
  /**
   * AWS region of the clients the transport builds.
   * @default undefined: the SDK's chain (`AWS_REGION`, the profile…); with `endpoint` or `s3Endpoint` set,
   * `AWS_REGION`, `AWS_DEFAULT_REGION`, else `'us-east-1'` (a local endpoint does not care which, but the SDK must
   * sign with one)
   */
  region: string | undefined;
  /**
   * One URL for all three clients the transport builds: a local endpoint such as `startLocalEndpoint`'s, which
   * serves S3 on the same port. S3 then uses path-style addressing.
   * @default undefined: the real AWS endpoints
   */
  endpoint: string | undefined;
  /**
   * URL of the S3 client the transport builds, when S3 lives elsewhere than `endpoint` (another S3 fake, or an S3
   * proxy). S3 then uses path-style addressing. The client keeps the SDK's default checksums: an S3 fake that does
   * not decode `aws-chunked` bodies needs a client of your own in `clients.s3` (see docs/transports.md).
   * @default undefined: `endpoint`
   */
  s3Endpoint: string | undefined;
  /**
   * Credentials of the clients the transport builds.
   * @default undefined: the SDK's default credential chain (environment, `AWS_PROFILE`, SSO, instance roles…)
   */
  credentials: AwsCredentialsOption | undefined;
  /**
   * Clients to use instead of building them, per service. Their settings are theirs: in particular the SDK's retry
   * (3 attempts by default) stays on beneath the library's own, and the two multiply. Build them with
   * `maxAttempts: 1` to leave retrying to the library.
   * @default `{}`: the transport builds all three
   */
  clients: AwsTransportClients;
  /**
   * `maxAttempts` of the clients the transport builds, an integer of at least 1. 1 means the SDK does not retry: the
   * RecordWriter and the DatasetImporter own retries and back-off, so attempts do not multiply.
   * @default 1
   */
  maxAttempts: number;
  /**
   * Send the Events API's calls (PutEvents, PutUsers, …) directly: signed with the SDK's own signer and credentials,
   * restJson1 built and read without the SDK client's middleware stack, over a keep-alive pool. At the documented
   * quota the stack was most of the client's CPU per call (docs/performance.md). The direct path makes one attempt
   * per call (the writer retries); `false`, an Events client given in `clients.events`, or a `maxAttempts` above 1
   * sends them through the SDK client.
   * @default true
   */
  directEvents: boolean;
  /**
   * Connections the direct Events path keeps open at most, for all five calls (a writer keeps up to
   * `maxConcurrency`, 64, in flight per call type).
   * @default 128
   */
  maxSockets: number;
  /**
   * Time one attempt of an Events call on the direct path may take, from its start to the whole answer, in ms (an
   * integer in 1..2147483647, the longest timer Node keeps). Past it the attempt fails as a `TransientError` (its
   * outcome unknown: the service may have stored the records) and the writer retries it; without a limit a
   * connection the endpoint took and never answered held the call until the writer's close deadline, or forever.
   * Calls through the SDK client keep the SDK's own setting (no limit unless the client's `requestHandler` sets one).
   * @default 10000
   */
  requestTimeoutMs: number;
}

/** Options of `new AwsTransport(options)`: every setting is optional; an absent or `undefined` one takes its default. */
export interface AwsTransportOptions extends Partial<AwsTransportConfiguration> {}

/** Every default of `AwsTransport`, in one object. */
export const awsTransportDefaults = {
  region: undefined,
  endpoint: undefined,
  s3Endpoint: undefined,
  credentials: undefined,
  clients: {},
  maxAttempts: 1,
  directEvents: true,
  maxSockets: 128,
  requestTimeoutMs: 10_000,
} as const satisfies AwsTransportConfiguration;

/** The region a local endpoint is signed for when neither the options nor the environment name one. */
export const LOCAL_ENDPOINT_REGION = 'us-east-1';

/** The settings of the SDK clients a transport builds (plain data: no SDK code is loaded to make them). */
export interface SdkClientSettings {
  /** For the Personalize and the Personalize Events clients. */
  personalize: PersonalizeClientConfig;
  /** For the S3 client. */
  s3: S3ClientConfig;
}

/** Applies the defaults (`undefined` takes the default) and checks every value; throws `InvalidOptionsError`. */
export function resolveAwsTransportOptions(options: AwsTransportOptions = {}): AwsTransportConfiguration {
  expectObject('options', options);
  expectKnownKeys(undefined, options, Object.keys(awsTransportDefaults));
  const d = awsTransportDefaults;
  const config: AwsTransportConfiguration = {
    region: options.region ?? d.region,
    endpoint: options.endpoint ?? d.endpoint,
    s3Endpoint: options.s3Endpoint ?? d.s3Endpoint,
    credentials: options.credentials ?? d.credentials,
    clients: options.clients ?? d.clients,
    maxAttempts: options.maxAttempts ?? d.maxAttempts,
    directEvents: options.directEvents ?? d.directEvents,
    maxSockets: options.maxSockets ?? d.maxSockets,
    requestTimeoutMs: options.requestTimeoutMs ?? d.requestTimeoutMs,
  };
  expectInteger('maxAttempts', config.maxAttempts, 1, Number.MAX_SAFE_INTEGER);
  expectBoolean('directEvents', config.directEvents);
  expectInteger('maxSockets', config.maxSockets, 1, 100_000);
  expectInteger('requestTimeoutMs', config.requestTimeoutMs, 1, MAX_TIMER_MS);
  for (const name of ['endpoint', 's3Endpoint'] as const) {
    const url = config[name];
    if (url !== undefined && (typeof url !== 'string' || !URL.canParse(url))) failOption(name, 'a URL', url);
  }
  if (config.region !== undefined) {
    expectString('region', config.region, { pattern: REGION_PATTERN, what: 'a region name like `us-east-1`' });
  }
  expectClients(config.clients);
  return config;
}

/** Clients passed in are injected collaborators: each must be an SDK client (it has `send` and `destroy`). */
function expectClients(clients: unknown): asserts clients is AwsTransportClients {
  expectObject('clients', clients);
  const given = clients as Record<keyof AwsTransportClients, unknown>;
  for (const [name, what] of [
    ['personalize', 'a PersonalizeClient'],
    ['events', 'a PersonalizeEventsClient'],
    ['s3', 'an S3Client'],
  ] as const) {
    if (given[name] !== undefined) expectMethods(`clients.${name}`, given[name], ['send', 'destroy'], what);
  }
}

// Region names: lowercase letters, digits and hyphens (`us-east-1`, `eu-west-3`, `us-gov-west-1`).
const REGION_PATTERN = /^[a-z0-9-]+$/;

function commonConfig(config: AwsTransportConfiguration) {
  const local = config.endpoint !== undefined || config.s3Endpoint !== undefined;
  const region = config.region ?? (local ? regionFromEnvOrDefault() : undefined);
  return {
    maxAttempts: config.maxAttempts,
    ...(region === undefined ? {} : { region }),
    ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
    ...(config.credentials === undefined ? {} : { credentials: config.credentials }),
  };
}

// A local endpoint needs some region to sign with; the environment's wins when it names one.
function regionFromEnvOrDefault(): string {
  return process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? LOCAL_ENDPOINT_REGION;
}

function s3EndpointConfig(url: string | undefined): { endpoint?: string; forcePathStyle?: boolean } {
  // A local endpoint serves path style only (a bucket in the host name needs DNS); AWS itself wants virtual-hosted.
  return url === undefined ? {} : { endpoint: url, forcePathStyle: true };
}

/** The settings of the clients `config` asks the transport to build. */
export function sdkClientSettings(config: AwsTransportConfiguration): SdkClientSettings {
  const common = commonConfig(config);
  return {
    personalize: common,
    // The SDK's default checksums stay on: the local endpoint decodes and checks them, as S3 does.
    s3: { ...common, ...s3EndpointConfig(config.s3Endpoint ?? config.endpoint) },
  };
}

/** How the Events calls go: directly with these settings, or (undefined) through the SDK Events client. */
export function directEventsSettings(config: AwsTransportConfiguration): DirectEventsSettings | undefined {
  return config.directEvents && config.clients.events === undefined && config.maxAttempts === 1
    ? { endpoint: config.endpoint, maxSockets: config.maxSockets, requestTimeoutMs: config.requestTimeoutMs }
    : undefined;
}
