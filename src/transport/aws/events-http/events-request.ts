/**
 * The Events API's five calls as restJson1 requests: the path and the JSON body the SDK's serializer would send
 * (members by name, absent members left out, timestamps as epoch seconds with milliseconds, `properties` as the JSON
 * string it already is). The paths are the operations' `http` traits in the Personalize Events API model
 * (https://github.com/aws/api-models-aws, `personalize-events`): `POST /events`, `/users`, `/items`, `/actions`,
 * `/action-interactions`.
 * @module
 */
import type {
  DataPlaneCall,
  PutActionInteractionsInput,
  PutActionsInput,
  PutEventsInput,
  PutItemsInput,
  PutUsersInput,
  WireActionInteraction,
  WireEvent,
} from '../../transport.js';

/** The input of each Events call. */
export interface EventsInputOf {
  putEvents: PutEventsInput;
  putUsers: PutUsersInput;
  putItems: PutItemsInput;
  putActions: PutActionsInput;
  putActionInteractions: PutActionInteractionsInput;
}

/** The HTTP path of each call. */
export const EVENTS_PATHS: Record<DataPlaneCall, string> = {
  putEvents: '/events',
  putUsers: '/users',
  putItems: '/items',
  putActions: '/actions',
  putActionInteractions: '/action-interactions',
};

type Json = Record<string, unknown>;

function eventJson(e: WireEvent): Json {
  // One object literal with every member, then only the present ones kept: an object built whole keeps one shape
  // (no `delete`, which would turn it into a slow dictionary), and JSON.stringify leaves `undefined` members out.
  return {
    eventId: e.eventId,
    eventType: e.eventType,
    sentAt: e.sentAt.getTime() / 1000,
    itemId: e.itemId,
    eventValue: e.eventValue,
    properties: e.properties,
    recommendationId: e.recommendationId,
    impression: e.impression,
    metricAttribution:
      e.metricAttribution === undefined
        ? undefined
        : { eventAttributionSource: e.metricAttribution.eventAttributionSource },
  };
}

function actionInteractionJson(a: WireActionInteraction): Json {
  return {
    actionId: a.actionId,
    userId: a.userId,
    sessionId: a.sessionId,
    timestamp: a.timestamp.getTime() / 1000,
    eventType: a.eventType,
    eventId: a.eventId,
    recommendationId: a.recommendationId,
    impression: a.impression,
    properties: a.properties,
  };
}

function keyed<K extends string>(
  key: K,
  records: ReadonlyArray<{ [P in K]: string } & { properties?: string | undefined }>,
): Json[] {
  return records.map((record) => ({ [key]: record[key], properties: record.properties }));
}

/** The body of `call` with `input`, as the JSON text the service receives. */
export function eventsBody<C extends DataPlaneCall>(call: C, input: EventsInputOf[C]): string {
  switch (call) {
    case 'putEvents': {
      const i = input as PutEventsInput;
      return JSON.stringify({
        trackingId: i.trackingId,
        userId: i.userId,
        sessionId: i.sessionId,
        eventList: i.eventList.map(eventJson),
      });
    }
    case 'putUsers': {
      const i = input as PutUsersInput;
      return JSON.stringify({ datasetArn: i.datasetArn, users: keyed('userId', i.users) });
    }
    case 'putItems': {
      const i = input as PutItemsInput;
      return JSON.stringify({ datasetArn: i.datasetArn, items: keyed('itemId', i.items) });
    }
    case 'putActions': {
      const i = input as PutActionsInput;
      return JSON.stringify({ datasetArn: i.datasetArn, actions: keyed('actionId', i.actions) });
    }
    default: {
      const i = input as PutActionInteractionsInput;
      return JSON.stringify({
        trackingId: i.trackingId,
        actionInteractions: i.actionInteractions.map(actionInteractionJson),
      });
    }
  }
}
