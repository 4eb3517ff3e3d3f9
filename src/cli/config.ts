/**
 * Where the CLI's AWS settings come from: flags first, then the environment, then the AWS SDK's own chain
 * (`AWS_REGION`, `AWS_PROFILE`, shared config files, SSO, instance roles…). Builds the transport every command uses.
 * @module
 */
import { pathToFileURL } from 'node:url';
import { AwsTransport, type AwsTransportOptions, type Transport } from './library.js';

/** The options every command takes. */
export interface GlobalFlags {
  region?: string;
  endpoint?: string;
  profile?: string;
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

/** The AWS settings in force. */
export interface CliConfig {
  /** `--region`, else `AWS_REGION`/`AWS_DEFAULT_REGION`; undefined leaves it to the SDK's chain (the profile's). */
  region: string | undefined;
  /** `--endpoint`, else `PERSONALIZE_IMPORT_ENDPOINT`: one URL for every service (a local endpoint). */
  endpoint: string | undefined;
  /** `--profile`, else `AWS_PROFILE`. */
  profile: string | undefined;
}

/**
 * Internal test hook, documented in docs/cli.md: a module path whose `createTransport()` supplies the transport
 * (e.g. a `MemoryTransport` already set up), so the CLI's own tests can run `import` and `jobs` without AWS or S3.
 */
export const TRANSPORT_MODULE_ENV = 'PERSONALIZE_IMPORT_CLI_TRANSPORT_MODULE';

/** Applies flags over the environment. */
export function resolveConfig(flags: GlobalFlags, env: NodeJS.ProcessEnv = process.env): CliConfig {
  return {
    region: flags.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION,
    endpoint: flags.endpoint ?? env.PERSONALIZE_IMPORT_ENDPOINT,
    profile: flags.profile ?? env.AWS_PROFILE,
  };
}

/** A transport and how to release it. */
export interface OpenTransport {
  transport: Transport;
  /** Frees the SDK clients' sockets, so the process can end. */
  close(): void;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function isLoopback(endpoint: string): boolean {
  return URL.canParse(endpoint) && LOOPBACK.has(new URL(endpoint).hostname);
}

/** Builds the transport of `config`: an `AwsTransport` (or, under the test hook, the hook's transport). */
export async function openTransport(config: CliConfig, env: NodeJS.ProcessEnv = process.env): Promise<OpenTransport> {
  const hook = env[TRANSPORT_MODULE_ENV];
  if (hook !== undefined && hook !== '') {
    const module = (await import(pathToFileURL(hook).href)) as { createTransport(): Transport | Promise<Transport> };
    return { transport: await module.createTransport(), close() {} };
  }
  // The SDK warns on every run of Node 20 about its future Node 22 requirement: noise in the middle of progress
  // output, and nothing a CLI user can act on per run. Left alone when the user set the variable.
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // The SDK's credential and region chain reads AWS_PROFILE when the clients are built.
  if (config.profile !== undefined) env.AWS_PROFILE = config.profile;
  const options: AwsTransportOptions = {};
  if (config.region !== undefined) options.region = config.region;
  if (config.endpoint !== undefined) options.endpoint = config.endpoint;
  // A local endpoint checks no signature, but the SDK refuses to sign without credentials: lend it placeholders
  // when the environment has none, and only for loopback URLs, so a real endpoint never gets fake credentials.
  const hasCredentials = env.AWS_ACCESS_KEY_ID !== undefined || config.profile !== undefined;
  if (config.endpoint !== undefined && isLoopback(config.endpoint) && !hasCredentials) {
    options.credentials = { accessKeyId: 'local-endpoint', secretAccessKey: 'local-endpoint' };
  }
  const transport = new AwsTransport(options);
  return { transport, close: () => transport.destroy() };
}
