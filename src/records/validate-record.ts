/**
 * Turns a record as a user wrote it into its wire form, or refuses it with a `RecordValidationError` that names the
 * record, the field, the rule and the value's size. A refused record never reaches a transport.
 * @module
 */
import type { z } from 'zod';
import { MAX_EVENT_BYTES } from '../limits.js';
import type { WireAction, WireActionInteraction, WireEvent, WireItem, WireUser } from '../transport/transport.js';
import { cutValue, showValue } from '../util/cut-value.js';
import { textLength } from '../util/text-length.js';
import { idField } from './fields.js';
import { hasEventId, RECORD_KINDS, type RecordKind } from './kinds.js';
import { checkProperties } from './properties.js';
import { isPlainId, isPlainlyValid, plainEventWire } from './quick-accept.js';
import { RecordValidationError, type RecordValidationIssue } from './record-validation-error.js';
import { recordSchemas } from './schemas.js';
import type { Properties } from './types.js';

/** The wire form of each kind of record. */
export interface WireRecordOf {
  event: WireEvent;
  user: WireUser;
  item: WireItem;
  action: WireAction;
  actionInteraction: WireActionInteraction;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? cutValue(String(part)) : `.${cutValue(String(part))}`;
  }
  return out === '' ? '(record)' : out;
}

function valueAt(record: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = record;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

function sizeOf(value: unknown): number | undefined {
  if (typeof value === 'string') return textLength(value);
  if (Array.isArray(value)) return value.length;
  return undefined;
}

function toIssue(record: unknown, issue: z.core.$ZodIssue): RecordValidationIssue {
  if (issue.code === 'unrecognized_keys') {
    const keys = cutValue(issue.keys.join(', '));
    return { field: keys, rule: 'known field', message: 'is not a field of this record (misspelt?)' };
  }
  const value = valueAt(record, issue.path);
  const field = formatPath(issue.path);
  const actual = sizeOf(value);
  const withSize = (rule: string) => (actual === undefined ? { field, rule } : { field, rule, actual });
  switch (issue.code) {
    case 'too_big':
      return {
        ...withSize(`max ${String(issue.maximum)}`),
        message: `${issue.message}, got ${actual ?? showValue(value)}`,
      };
    case 'too_small':
      return { ...withSize(`min ${String(issue.minimum)}`), message: issue.message };
    case 'invalid_type':
      if (value === undefined) return { field, rule: 'required', message: 'is required' };
      return { field, rule: `type ${issue.expected}`, message: issue.message };
    default:
      return { ...withSize(issue.code), message: issue.message };
  }
}

function recordId(kind: RecordKind, record: unknown): string | undefined {
  const id = valueAt(record, [RECORD_KINDS[kind].idField]);
  return typeof id === 'string' ? id : undefined;
}

function epochSecondsJson(date: Date): number {
  return date.getTime() / 1000;
}

/**
 * At least as many bytes as `JSON.stringify(wire)` takes in UTF-8, without serialising it: a UTF-16 unit is at most 6
 * bytes in JSON (`\u001f` escaped, or 3 bytes of UTF-8; a surrogate pair is 4), a number at most 25, and each member
 * or list entry at most 40 more for its name, quotes and punctuation. Nearly every event is far below the limit by
 * this bound, so only the rare large one is serialised to be measured.
 */
function sizeBound(value: unknown): number {
  if (typeof value === 'string') return 6 * value.length + 2;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return 25;
  if (value instanceof Date) return 25;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + sizeBound(item) + 40, 2);
  let sum = 2;
  for (const member of Object.values(value as Record<string, unknown>)) sum += sizeBound(member) + 40;
  return sum;
}

/** `sizeBound` of a string member or of an absent one. */
function textBound(value: unknown): number {
  return typeof value === 'string' ? 6 * value.length + 2 : 25;
}

/** The braces, 40 for each of the six members, and 25 for `sentAt` and for `eventValue`. */
const PLAIN_EVENT_FIXED_BOUND = 2 + 6 * 40 + 25 + 25;

/**
 * `sizeBound` of a plainly valid event's wire form (`PLAIN_WIRE.event`: its six members, `sentAt` a Date, `eventValue`
 * a number or absent, `properties` the JSON text it became), read member by member: walking it with `Object.values`
 * allocated a list per event and was 4% of the writer's CPU.
 */
function plainEventBound(wire: Fields): number {
  const strings = textBound(wire.eventId) + textBound(wire.eventType) + textBound(wire.itemId);
  return PLAIN_EVENT_FIXED_BOUND + strings + textBound(wire.properties);
}

/**
 * The issue of an event over `MAX_EVENT_BYTES` as sent: its wire form with `sentAt` in epoch seconds. The limit is on
 * one member of `PutEvents.eventList`; the call's `sessionId` and `userId` travel beside it, so they do not count.
 */
function eventSizeIssue(
  wire: Record<string, unknown>,
  sentAt: Date,
  plain: boolean,
): RecordValidationIssue | undefined {
  if ((plain ? plainEventBound(wire) : sizeBound(wire)) <= MAX_EVENT_BYTES) return undefined;
  const sent = { ...wire, sentAt: epochSecondsJson(sentAt) };
  const size = Buffer.byteLength(JSON.stringify(sent));
  if (size <= MAX_EVENT_BYTES) return undefined;
  return {
    field: '(record)',
    rule: `max ${MAX_EVENT_BYTES} bytes`,
    actual: size,
    message: `is ${size} bytes as sent; one event may be at most ${MAX_EVENT_BYTES} bytes`,
  };
}

/**
 * An id from `generateEventId`, checked with the rule of an `eventId` given by hand: a generator returning 300
 * characters or `'undefined'` must not reach the service when the same value typed in would be refused.
 */
function generatedEventId(kind: RecordKind, record: unknown, assignEventId: () => string): string {
  const id: unknown = assignEventId();
  if (isPlainId(id)) {
    // Node's randomUUID answers a string built by concatenation, a tree of ~490 bytes while it is held; reading a
    // character makes V8 flatten it to ~70 (zod's checks did so by the way).
    id.charCodeAt(0);
    return id;
  }
  const parsed = idField.safeParse(id);
  if (parsed.success) return parsed.data;
  const issue = toIssue({ eventId: id }, { ...parsed.error.issues[0], path: ['eventId'] } as z.core.$ZodIssue);
  const message = `${issue.message} (the value came from the writer option \`generateEventId\`)`;
  throw new RecordValidationError(kind, record, undefined, [{ ...issue, message }]);
}

type Fields = Record<string, unknown>;

/**
 * The wire form of a plainly valid record, built whole in one shape per kind (absent members `undefined`, which
 * every transport leaves out), so that the record needs no copy and the wire object no change of shape.
 */
const PLAIN_WIRE: Record<RecordKind, (r: Fields) => Fields> = {
  event: (r) => ({
    eventId: r.eventId,
    eventType: r.eventType,
    sentAt: r.sentAt,
    itemId: r.itemId,
    eventValue: r.eventValue,
    properties: r.properties,
  }),
  user: (r) => ({ userId: r.userId, properties: r.properties }),
  item: (r) => ({ itemId: r.itemId, properties: r.properties }),
  action: (r) => ({ actionId: r.actionId, properties: r.properties }),
  actionInteraction: (r) => ({
    actionId: r.actionId,
    sessionId: r.sessionId,
    eventType: r.eventType,
    timestamp: r.timestamp,
    userId: r.userId,
    eventId: r.eventId,
    properties: r.properties,
  }),
};

/**
 * The wire form of a record as its schema parsed it: a copy, less an event's `sessionId` and `userId` (one session
 * and one user per PutEvents call travel beside the event list). Left out by a rest pattern rather than `delete`,
 * which would turn every wire event into a slow dictionary-mode object.
 */
function wireOfParsed(kind: RecordKind, data: Fields): Fields {
  if (kind !== 'event') return { ...data };
  const { sessionId: _sessionId, userId: _userId, ...eventWire } = data;
  return eventWire;
}

/** The record as the kind's schema parses it. @throws RecordValidationError naming each issue. */
function parsed(kind: RecordKind, record: unknown): Record<string, unknown> {
  const result = recordSchemas[kind].safeParse(record);
  if (result.success) return result.data as Record<string, unknown>;
  const issues = result.error.issues.map((issue) => toIssue(record, issue));
  throw new RecordValidationError(kind, record, recordId(kind, record), issues);
}

/** `toWireRecord` of an event `plainEventWire` took (`wire`): its id assigned if it has none, its size checked. */
function plainEvent(record: unknown, wire: Fields, assignEventId: () => string): Fields {
  if (wire.eventId === undefined) wire.eventId = generatedEventId('event', record, assignEventId);
  const tooLarge = eventSizeIssue(wire, wire.sentAt as Date, true);
  if (tooLarge !== undefined) throw new RecordValidationError('event', record, recordId('event', record), [tooLarge]);
  return wire;
}

/**
 * Validates a record of `kind` and returns its wire form. Events and action interactions without an `eventId` get
 * one from `assignEventId`.
 * @throws RecordValidationError naming the record, the field and the rule.
 */
export function toWireRecord<K extends RecordKind>(
  kind: K,
  record: unknown,
  assignEventId: () => string,
): WireRecordOf[K] {
  if (kind === 'event') {
    const wire = plainEventWire(record);
    if (wire !== undefined) return plainEvent(record, wire, assignEventId) as unknown as WireRecordOf[K];
  }
  const plain = isPlainlyValid(kind, record);
  const data = (plain ? record : parsed(kind, record)) as Record<string, unknown> & { properties?: Properties };
  const wire = plain ? PLAIN_WIRE[kind](data) : wireOfParsed(kind, data);
  const issues: RecordValidationIssue[] = [];
  if (data.properties !== undefined) {
    const checked = checkProperties(kind, data.properties);
    issues.push(...checked.issues);
    wire.properties = checked.json;
  }
  if (hasEventId(kind) && wire.eventId === undefined) {
    wire.eventId = generatedEventId(kind, record, assignEventId);
  }
  if (kind === 'event') {
    const tooLarge = eventSizeIssue(wire, data.sentAt as Date, plain);
    if (tooLarge !== undefined) issues.push(tooLarge);
  }
  if (issues.length > 0) throw new RecordValidationError(kind, record, recordId(kind, record), issues);
  return wire as unknown as WireRecordOf[K];
}
