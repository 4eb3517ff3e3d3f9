/**
 * The Personalize Events API as restJson1 puts it on the wire (`POST /events`, `/users`, `/items`, `/actions`,
 * `/action-interactions`; JSON bodies; times as epoch seconds; `properties` as JSON strings), decoded into the
 * library's wire types and forwarded to a transport. Shapes follow the SDK's serializers
 * (`@aws-sdk/client-personalize-events`).
 * @module
 */
import { randomUUID } from 'node:crypto';
import type {
  CallOptions,
  DataPlaneCall,
  Transport,
  WireAction,
  WireActionInteraction,
  WireEvent,
  WireItem,
  WireUser,
} from '../transport/transport.js';
import { epochSeconds, type JsonObject, obj, objList, optNum, optStr, optStrList, str } from './wire-decode.js';

/** One Events route: the call it is, and how to run it from a decoded body. */
export interface EventsRoute {
  call: DataPlaneCall;
  run(backing: Transport, body: JsonObject, options: CallOptions): Promise<void>;
}

function decodeEvent(e: JsonObject, i: number): WireEvent {
  const at = `eventList[${i}]`;
  const metric = e.metricAttribution;
  return {
    // The eventId is optional on the wire and the service makes one up when it is missing; so does this endpoint.
    eventId: e.eventId === undefined || e.eventId === null ? randomUUID() : str(e, 'eventId', `${at}.eventId`),
    eventType: str(e, 'eventType', `${at}.eventType`),
    sentAt: epochSeconds(e, 'sentAt', `${at}.sentAt`),
    ...optStr(e, 'itemId', `${at}.itemId`),
    ...optNum(e, 'eventValue', `${at}.eventValue`),
    ...optStr(e, 'properties', `${at}.properties`),
    ...optStr(e, 'recommendationId', `${at}.recommendationId`),
    ...optStrList(e, 'impression', `${at}.impression`),
    ...(metric === undefined || metric === null
      ? {}
      : {
          metricAttribution: {
            eventAttributionSource: str(
              obj(e, 'metricAttribution', `${at}.metricAttribution`),
              'eventAttributionSource',
              `${at}.metricAttribution.eventAttributionSource`,
            ),
          },
        }),
  };
}

function decodeActionInteraction(a: JsonObject, i: number): WireActionInteraction {
  const at = `actionInteractions[${i}]`;
  return {
    actionId: str(a, 'actionId', `${at}.actionId`),
    sessionId: str(a, 'sessionId', `${at}.sessionId`),
    eventType: str(a, 'eventType', `${at}.eventType`),
    timestamp: epochSeconds(a, 'timestamp', `${at}.timestamp`),
    ...optStr(a, 'userId', `${at}.userId`),
    ...optStr(a, 'eventId', `${at}.eventId`),
    ...optStr(a, 'recommendationId', `${at}.recommendationId`),
    ...optStrList(a, 'impression', `${at}.impression`),
    ...optStr(a, 'properties', `${at}.properties`),
  };
}

function decodeKeyed<K extends 'userId' | 'itemId' | 'actionId'>(list: string, idKey: K) {
  return (r: JsonObject, i: number) =>
    ({
      [idKey]: str(r, idKey, `${list}[${i}].${idKey}`),
      ...optStr(r, 'properties', `${list}[${i}].properties`),
    }) as { [P in K]: string } & { properties?: string };
}

/** The five Events routes, by request path. */
export const EVENTS_ROUTES: ReadonlyMap<string, EventsRoute> = new Map<string, EventsRoute>([
  [
    '/events',
    {
      call: 'putEvents',
      run: (backing, body, options) =>
        backing.putEvents(
          {
            trackingId: str(body, 'trackingId'),
            sessionId: str(body, 'sessionId'),
            ...optStr(body, 'userId'),
            eventList: objList(body, 'eventList').map(decodeEvent),
          },
          options,
        ),
    },
  ],
  [
    '/users',
    {
      call: 'putUsers',
      run: (backing, body, options) =>
        backing.putUsers(
          {
            datasetArn: str(body, 'datasetArn'),
            users: objList(body, 'users').map(decodeKeyed('users', 'userId')) satisfies WireUser[],
          },
          options,
        ),
    },
  ],
  [
    '/items',
    {
      call: 'putItems',
      run: (backing, body, options) =>
        backing.putItems(
          {
            datasetArn: str(body, 'datasetArn'),
            items: objList(body, 'items').map(decodeKeyed('items', 'itemId')) satisfies WireItem[],
          },
          options,
        ),
    },
  ],
  [
    '/actions',
    {
      call: 'putActions',
      run: (backing, body, options) =>
        backing.putActions(
          {
            datasetArn: str(body, 'datasetArn'),
            actions: objList(body, 'actions').map(decodeKeyed('actions', 'actionId')) satisfies WireAction[],
          },
          options,
        ),
    },
  ],
  [
    '/action-interactions',
    {
      call: 'putActionInteractions',
      run: (backing, body, options) =>
        backing.putActionInteractions(
          {
            trackingId: str(body, 'trackingId'),
            actionInteractions: objList(body, 'actionInteractions').map(decodeActionInteraction),
          },
          options,
        ),
    },
  ],
]);
