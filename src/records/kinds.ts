/**
 * The five kinds of record the library writes, and everything that differs between them, in one table that every
 * module reads: the Events API call that carries them, their plural (the key in `WriterReport.delivered`), the field
 * that identifies one, the field that holds its time, and the writer method that takes one.
 * @module
 */
import type { DataPlaneCall } from '../transport/transport.js';

/** The kinds of record the library writes. */
export type RecordKind = 'event' | 'user' | 'item' | 'action' | 'actionInteraction';

/** What differs between the kinds of record. */
export interface RecordKindInfo {
  /** The Events API call that sends records of this kind. */
  readonly call: DataPlaneCall;
  /** The plural: the key in `WriterReport.delivered` and in the CLI's output. */
  readonly plural: 'events' | 'users' | 'items' | 'actions' | 'actionInteractions';
  /** The field that identifies one record (an event's is the `eventId` the writer assigns when it is missing). */
  readonly idField: 'eventId' | 'userId' | 'itemId' | 'actionId';
  /** The field that holds the record's time, for the kinds that have one. */
  readonly timeField: 'sentAt' | 'timestamp' | undefined;
  /** The `RecordWriter` method that takes one. */
  readonly method: 'putEvent' | 'putUser' | 'putItem' | 'putAction' | 'putActionInteraction';
}

/** The table of the five kinds. */
export const RECORD_KINDS = {
  event: { call: 'putEvents', plural: 'events', idField: 'eventId', timeField: 'sentAt', method: 'putEvent' },
  user: { call: 'putUsers', plural: 'users', idField: 'userId', timeField: undefined, method: 'putUser' },
  item: { call: 'putItems', plural: 'items', idField: 'itemId', timeField: undefined, method: 'putItem' },
  action: { call: 'putActions', plural: 'actions', idField: 'actionId', timeField: undefined, method: 'putAction' },
  actionInteraction: {
    call: 'putActionInteractions',
    plural: 'actionInteractions',
    idField: 'eventId',
    timeField: 'timestamp',
    method: 'putActionInteraction',
  },
} as const satisfies Record<RecordKind, RecordKindInfo>;

/** The kinds, in the table's order. */
export const RECORD_KIND_NAMES = Object.keys(RECORD_KINDS) as readonly RecordKind[];

/** The kinds whose records carry an `eventId` (assigned by the writer when missing). */
export function hasEventId(kind: RecordKind): kind is 'event' | 'actionInteraction' {
  return RECORD_KINDS[kind].idField === 'eventId';
}
