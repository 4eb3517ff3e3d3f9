/**
 * Options of `AwsTransport`, their defaults in one object, their validation, and the SDK clients built from them.
 * @module
 */
import { PersonalizeClient } from '@aws-sdk/client-personalize';
import { PersonalizeEventsClient } from '@aws-sdk/client-personalize-events';
import { S3Client } from '@aws-sdk/client-s3';
import { InvalidOptionsError } from '../../errors.js';

/** Static AWS credentials. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
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

/** Options of `new AwsTransport(options)`. */
export interface AwsTransportOptions {
  /**
   * AWS region of the clients the transport builds.
   * @default the SDK's chain (`AWS_REGION`, the profile…); with an endpoint set: `AWS_REGION`, `AWS_DEFAULT_REGION`,
   * else `'us-east-1'` (a local endpoint does not care which, but the SDK must sign with one)
   */
  region?: string;
  /**
   * One URL for all three clients the transport builds (a local endpoint such as `startLocalEndpoint`'s, and an S3
   * fake on the same URL or via `clients.s3`). S3 then uses path-style addressing.
   * @default undefined (the real AWS endpoints)
   */
  endpoint?: string;
  /**
   * URL of the S3 client the transport builds, when S3 lives elsewhere than `endpoint` (the local endpoint serves no
   * S3: point this at an S3 fake such as s3rver). S3 then uses path-style addressing.
   * @default `endpoint`
   */
  s3Endpoint?: string;
  /**
   * Credentials of the clients the transport builds.
   * @default the SDK's default credential chain (environment, `AWS_PROFILE`, SSO, instance roles…)
   */
  credentials?: AwsCredentialsOption;
  /**
   * Clients to use instead of building them, per service. Their settings are theirs: in particular the SDK's retry
   * (3 attempts by default) stays on beneath the library's own, and the two multiply. Build them with
   * `maxAttempts: 1` to leave retrying to the library.
   * @default {} (the transport builds all three)
   */
  clients?: AwsTransportClients;
  /**
   * `maxAttempts` of the clients the transport builds. 1 means the SDK does not retry: the RecordWriter and the
   * DatasetImporter own retries and back-off, so attempts do not multiply.
   * @default 1
   */
  maxAttempts?: number;
}

/** Every default of `AwsTransport`. */
export const awsTransportDefaults = {
  maxAttempts: 1,
  /** Region when an `endpoint` is given and the SDK's chain has none (a local endpoint does not care which). */
  endpointRegion: 'us-east-1',
} as const;

/** The three clients a transport uses, and which of them it built (and so may destroy). */
export interface ResolvedClients {
  personalize: PersonalizeClient;
  events: PersonalizeEventsClient;
  s3: S3Client;
  built: { destroy(): void }[];
}

function validate(options: AwsTransportOptions): void {
  const { maxAttempts, endpoint, region } = options;
  if (maxAttempts !== undefined && (!Number.isInteger(maxAttempts) || maxAttempts < 1)) {
    throw new InvalidOptionsError(`Expected \`maxAttempts\` to be an integer >= 1, got \`${String(maxAttempts)}\``);
  }
  for (const [name, url] of [
    ['endpoint', endpoint],
    ['s3Endpoint', options.s3Endpoint],
  ] as const) {
    if (url !== undefined && !URL.canParse(url)) {
      throw new InvalidOptionsError(`Expected \`${name}\` to be a URL, got \`${url}\``);
    }
  }
  if (region !== undefined && !/^[a-z0-9-]+$/.test(region)) {
    throw new InvalidOptionsError(`Expected \`region\` to be a region name like us-east-1, got \`${region}\``);
  }
}

function commonConfig(options: AwsTransportOptions) {
  const local = options.endpoint !== undefined || options.s3Endpoint !== undefined;
  const region = options.region ?? (local ? regionFromEnvOrDefault() : undefined);
  return {
    maxAttempts: options.maxAttempts ?? awsTransportDefaults.maxAttempts,
    ...(region === undefined ? {} : { region }),
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
  };
}

// A local endpoint needs some region to sign with; the environment's wins when it names one.
function regionFromEnvOrDefault(): string {
  return process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? awsTransportDefaults.endpointRegion;
}

function s3EndpointConfig(url: string | undefined): { endpoint?: string; forcePathStyle?: boolean } {
  // Fakes such as s3rver only understand path-style; AWS itself wants virtual-hosted style.
  return url === undefined ? {} : { endpoint: url, forcePathStyle: true };
}

/** Validates the options and builds the clients the caller did not pass; throws `InvalidOptionsError`. */
export function resolveClients(options: AwsTransportOptions): ResolvedClients {
  validate(options);
  const common = commonConfig(options);
  const given = options.clients ?? {};
  const built: { destroy(): void }[] = [];
  const build = <C extends { destroy(): void }>(client: C): C => {
    built.push(client);
    return client;
  };
  return {
    personalize: given.personalize ?? build(new PersonalizeClient(common)),
    events: given.events ?? build(new PersonalizeEventsClient(common)),
    s3:
      given.s3 ??
      build(
        new S3Client({
          ...common,
          ...s3EndpointConfig(options.s3Endpoint ?? options.endpoint),
          // With the default checksums, S3 fakes store the aws-chunked framing as the body (TOOLCHAIN.md).
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
        }),
      ),
    built,
  };
}
