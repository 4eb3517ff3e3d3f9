/**
 * Builds the lean Events client from the SDK's Events client: the region, the endpoint (by the SDK's own endpoint
 * rules: FIPS, dual-stack, partitions such as `amazonaws.com.cn`, the `endpoint` option or the endpoint the shared
 * configuration names) and the credentials
 * provider (the SDK's default chain, memoized and refreshed by the SDK) are the SDK's; only the sending is not.
 * @module
 */
import type { PersonalizeEventsClient } from '@aws-sdk/client-personalize-events';
import { EventsHttpClient } from './events-http-client.js';

/** What the lean client takes beside the SDK client's settings. */
export interface DirectEventsSettings {
  /** The `endpoint` option, when one was given: the SDK's rules then resolve to it. */
  endpoint: string | undefined;
  /** Connections kept open at most. */
  maxSockets: number;
  /** Time one attempt may take, in ms. */
  requestTimeoutMs: number;
}

/** The lean Events client with `client`'s region, endpoint and credentials. */
export async function directEventsClient(
  client: PersonalizeEventsClient,
  settings: DirectEventsSettings,
): Promise<EventsHttpClient> {
  const { config } = client;
  const region = await config.region();
  // The `endpoint` option first, then what the shared configuration names (`AWS_ENDPOINT_URL_PERSONALIZE_EVENTS`,
  // `AWS_ENDPOINT_URL`, a profile's `endpoint_url`), as the SDK's own endpoint middleware does.
  const configured = settings.endpoint ?? (await config.serviceConfiguredEndpoint?.());
  const resolved = config.endpointProvider({
    Region: region,
    UseFIPS: await config.useFipsEndpoint(),
    UseDualStack: await config.useDualstackEndpoint(),
    ...(configured === undefined ? {} : { Endpoint: configured }),
  });
  return new EventsHttpClient({
    endpoint: new URL(resolved.url.href),
    region,
    credentials: () => config.credentials(),
    maxSockets: settings.maxSockets,
    requestTimeoutMs: settings.requestTimeoutMs,
    userAgent: 'personalize-import',
  });
}
