/**
 * Builds the lean Events client from the SDK's Events client: the region, the endpoint (by the SDK's own endpoint
 * rules: FIPS, dual-stack, partitions such as `amazonaws.com.cn`, or the `endpoint` option) and the credentials
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
}

/** The lean Events client with `client`'s region, endpoint and credentials. */
export async function directEventsClient(
  client: PersonalizeEventsClient,
  settings: DirectEventsSettings,
): Promise<EventsHttpClient> {
  const { config } = client;
  const region = await config.region();
  const resolved = config.endpointProvider({
    Region: region,
    UseFIPS: await config.useFipsEndpoint(),
    UseDualStack: await config.useDualstackEndpoint(),
    ...(settings.endpoint === undefined ? {} : { Endpoint: settings.endpoint }),
  });
  return new EventsHttpClient({
    endpoint: new URL(resolved.url.href),
    region,
    credentials: () => config.credentials(),
    maxSockets: settings.maxSockets,
    userAgent: 'personalize-import',
  });
}
