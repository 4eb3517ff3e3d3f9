/**
 * The library's wire types as the SDK's command inputs, and its `CallOptions` as the options of `client.send`.
 * Members are copied one by one so that nothing the caller added to a record reaches the wire, and absent members stay
 * absent.
 * @module
 */
import type { CreateDatasetImportJobCommandInput } from '@aws-sdk/client-personalize';
import type {
  ActionInteraction,
  Event,
  PutActionInteractionsCommandInput,
  PutEventsCommandInput,
} from '@aws-sdk/client-personalize-events';
import type {
  CallOptions,
  CreateImportJobInput,
  PutActionInteractionsInput,
  PutEventsInput,
  WireActionInteraction,
  WireEvent,
} from '../transport.js';

/** `{}` for an absent value, `{ key: value }` otherwise: spreads into an input without `undefined` members. */
export function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** The options of an SDK client's `send`: the caller's abort signal, when there is one. */
export interface SdkSendOptions {
  abortSignal?: AbortSignal;
}

/** `CallOptions` as `send` takes them: the SDK names the signal `abortSignal`. */
export function toSdkSendOptions(options: CallOptions): SdkSendOptions {
  return opt('abortSignal', options.signal);
}

function toSdkEvent(e: WireEvent): Event {
  return {
    eventId: e.eventId,
    eventType: e.eventType,
    sentAt: e.sentAt,
    ...opt('itemId', e.itemId),
    ...opt('eventValue', e.eventValue),
    ...opt('properties', e.properties),
    ...opt('recommendationId', e.recommendationId),
    ...opt('impression', e.impression === undefined ? undefined : [...e.impression]),
    ...opt(
      'metricAttribution',
      e.metricAttribution === undefined
        ? undefined
        : { eventAttributionSource: e.metricAttribution.eventAttributionSource },
    ),
  };
}

/** The PutEvents input: `userId` only when there is one (the session may be anonymous), every event copied. */
export function toSdkPutEvents(input: PutEventsInput): PutEventsCommandInput {
  return {
    trackingId: input.trackingId,
    sessionId: input.sessionId,
    ...opt('userId', input.userId),
    eventList: input.eventList.map(toSdkEvent),
  };
}

function toSdkActionInteraction(a: WireActionInteraction): ActionInteraction {
  return {
    actionId: a.actionId,
    sessionId: a.sessionId,
    eventType: a.eventType,
    timestamp: a.timestamp,
    ...opt('userId', a.userId),
    ...opt('eventId', a.eventId),
    ...opt('recommendationId', a.recommendationId),
    ...opt('impression', a.impression === undefined ? undefined : [...a.impression]),
    ...opt('properties', a.properties),
  };
}

/** The PutActionInteractions input, every action interaction copied member by member. */
export function toSdkPutActionInteractions(input: PutActionInteractionsInput): PutActionInteractionsCommandInput {
  return { trackingId: input.trackingId, actionInteractions: input.actionInteractions.map(toSdkActionInteraction) };
}

/** PutUsers / PutItems / PutActions: an id member and optional properties. */
export function toSdkKeyed<K extends string>(
  idKey: K,
  records: readonly ({ [P in K]: string } & { properties?: string | undefined })[],
): ({ [P in K]: string } & { properties?: string })[] {
  return records.map(
    (r) =>
      ({ [idKey]: r[idKey], ...opt('properties', r.properties) }) as { [P in K]: string } & { properties?: string },
  );
}

/** CreateDatasetImportJob: tags go from a record to the list of `{ tagKey, tagValue }` the API wants. */
export function toSdkCreateImportJob(input: CreateImportJobInput): CreateDatasetImportJobCommandInput {
  return {
    jobName: input.jobName,
    datasetArn: input.datasetArn,
    dataSource: { dataLocation: input.dataLocation },
    roleArn: input.roleArn,
    importMode: input.importMode,
    ...opt('publishAttributionMetricsToS3', input.publishAttributionMetricsToS3),
    ...opt(
      'tags',
      input.tags === undefined
        ? undefined
        : Object.entries(input.tags).map(([tagKey, tagValue]) => ({ tagKey, tagValue })),
    ),
  };
}
