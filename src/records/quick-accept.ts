/**
 * The common record, checked without zod: a plain object whose fields are all among its kind's everyday ones (ids,
 * times, a number, `properties`), each plainly valid. It answers what the kind's zod schema would parse the record
 * to, or `undefined` for anything else (a rarer field, a long or odd value, a missing one): the caller then runs the
 * schema, which either accepts the record too or names the issue. So the schemas stay the one statement of the rules
 * and of their messages, and the quick path only ever says yes where they would
 * (test/records/quick-accept.test.ts compares the two on random records).
 * @module
 */
import { MAX_ID_LENGTH } from '../limits.js';
import type { RecordKind } from './kinds.js';

/** How a field is checked: `id` (required), `id?`, `date`, `number?`, `properties?`. */
type FieldRule = 'id' | 'id?' | 'date' | 'number?' | 'properties?';

/** The everyday fields of each kind; a record with any other field takes the schema's path. */
const QUICK_FIELDS: Record<RecordKind, Readonly<Record<string, FieldRule>>> = {
  event: {
    sessionId: 'id',
    userId: 'id?',
    eventType: 'id',
    sentAt: 'date',
    itemId: 'id?',
    eventId: 'id?',
    eventValue: 'number?',
    properties: 'properties?',
  },
  user: { userId: 'id', properties: 'properties?' },
  item: { itemId: 'id', properties: 'properties?' },
  action: { actionId: 'id', properties: 'properties?' },
  actionInteraction: {
    actionId: 'id',
    sessionId: 'id',
    eventType: 'id',
    timestamp: 'date',
    userId: 'id?',
    eventId: 'id?',
    properties: 'properties?',
  },
};

/** The fields of each kind, each with whether it is required, for the check of what the wire form reads. */
const FIELD_LIST = Object.fromEntries(
  Object.entries(QUICK_FIELDS).map(([kind, fields]) => [
    kind,
    Object.keys(fields).map((name) => ({ name, required: fields[name] === 'id' || fields[name] === 'date' })),
  ]),
) as unknown as Record<RecordKind, readonly { name: string; required: boolean }[]>;

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * An id the schema accepts for sure: 1..256 UTF-16 units (so at most 256 code points, the limit's unit), not one of
 * the placeholder strings. A longer one may still fit by code points: the schema counts those.
 */
export function isPlainId(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= MAX_ID_LENGTH &&
    value !== 'undefined' &&
    value !== 'null'
  );
}

function isPropertyValue(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (!Array.isArray(value)) return false;
      for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') return false;
      return true;
    }
    default:
      return false;
  }
}

function isPlainProperties(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !isPlain(value)) return false;
  for (const key of Object.keys(value)) {
    if (!isPropertyValue((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

function passes(rule: FieldRule, value: unknown): boolean {
  switch (rule) {
    case 'id':
    case 'id?':
      return isPlainId(value);
    case 'date':
      return value instanceof Date && !Number.isNaN(value.getTime());
    case 'number?':
      return typeof value === 'number' && Number.isFinite(value);
    case 'properties?':
      return isPlainProperties(value);
  }
}

/**
 * Its own enumerable string keys, counted without the list `Object.keys` allocates (the prototype is plain), or -1
 * when one is not an event's everyday field: a count alone would let a hidden (non-enumerable) field read by name
 * stand in for an unknown key, which the schema refuses. The names are those of `QUICK_FIELDS.event`, in a `switch`:
 * a `Set` lookup per key cost 70-80 ns an event, the `switch` nothing measurable.
 */
function countEventKeys(record: object): number {
  let count = 0;
  for (const key in record) {
    switch (key) {
      case 'sessionId':
      case 'userId':
      case 'eventType':
      case 'sentAt':
      case 'itemId':
      case 'eventId':
      case 'eventValue':
      case 'properties':
        count += 1;
        break;
      default:
        return -1;
    }
  }
  return count;
}

/** An optional field: absent (counts 0), or present and plain (counts 1); -1 when present and not plain. */
function optionalId(value: unknown): number {
  if (value === undefined) return 0;
  return isPlainId(value) ? 1 : -1;
}

/**
 * `isPlainlyValid` of an event, the one kind put at high rates, written out for its fields (`QUICK_FIELDS.event`):
 * each read by name, no list of keys, no lookup of a rule by a key's name. The loop over the rules cost 6% of the
 * writer's CPU per record. A field given as `undefined` is counted by `countEventKeys` but not as present, so such an
 * event takes the schema's path, as with the loop.
 */
function isPlainEvent(given: Record<string, unknown>): boolean {
  if (!isPlainId(given.sessionId) || !isPlainId(given.eventType) || !passes('date', given.sentAt)) return false;
  const userId = optionalId(given.userId);
  const itemId = optionalId(given.itemId);
  const eventId = optionalId(given.eventId);
  if (userId < 0 || itemId < 0 || eventId < 0) return false;
  let present = 3 + userId + itemId + eventId;
  if (given.eventValue !== undefined) {
    if (!passes('number?', given.eventValue)) return false;
    present += 1;
  }
  if (given.properties !== undefined) {
    if (!isPlainProperties(given.properties)) return false;
    present += 1;
  }
  // Every field read by name is among the keys (none hidden, as not enumerable), and no other key is there.
  return present === countEventKeys(given);
}

/**
 * The wire form of an event that is plainly valid and has no `properties` (nearly every live event), built in the
 * same pass that checks it: each field read once, no list of keys, no second read to copy it. Undefined for any
 * other record (it then takes `isPlainlyValid` and, failing that, the schema). The members are those of
 * `PLAIN_WIRE.event` in validate-record.ts, in its order (one shape); `eventId` is left `undefined` when the event has
 * none, for the caller to assign.
 */
export function plainEventWire(record: unknown): Record<string, unknown> | undefined {
  // An array's prototype is not a plain one, so `isPlain` refuses arrays too.
  if (typeof record !== 'object' || record === null || !isPlain(record)) return undefined;
  const given = record as Record<string, unknown>;
  const { sessionId, eventType, sentAt, userId, itemId, eventId, eventValue } = given;
  if (given.properties !== undefined || !isPlainId(sessionId) || !isPlainId(eventType)) return undefined;
  if (!(sentAt instanceof Date) || Number.isNaN(sentAt.getTime())) return undefined;
  const user = optionalId(userId);
  const item = optionalId(itemId);
  const id = optionalId(eventId);
  if (user < 0 || item < 0 || id < 0) return undefined;
  let present = 3 + user + item + id;
  if (eventValue !== undefined) {
    if (typeof eventValue !== 'number' || !Number.isFinite(eventValue)) return undefined;
    present += 1;
  }
  if (present !== countEventKeys(given)) return undefined;
  return { eventId, eventType, sentAt, itemId, eventValue, properties: undefined };
}

/**
 * True when the schema of `kind` surely accepts `record` as it is: then the record itself is its parsed form (less
 * what is not a string key), with no copy made here. An optional field given as `undefined` counts as not plain.
 */
export function isPlainlyValid(kind: RecordKind, record: unknown): record is Record<string, unknown> {
  if (typeof record !== 'object' || record === null || Array.isArray(record) || !isPlain(record)) return false;
  if (kind === 'event') return isPlainEvent(record as Record<string, unknown>);
  const fields = QUICK_FIELDS[kind];
  const given = record as Record<string, unknown>;
  const keys = Object.keys(given);
  for (const name of keys) {
    const rule = fields[name];
    if (rule === undefined || !passes(rule, given[name])) return false;
  }
  // The wire form reads every field by name, as the schema does; one that `Object.keys` did not list (not
  // enumerable) was not checked above, so the record goes to the schema, which reads and checks it.
  let present = 0;
  for (const { name, required } of FIELD_LIST[kind]) {
    if (given[name] !== undefined) present += 1;
    else if (required) return false;
  }
  return present === keys.length;
}
