/**
 * The quick path says yes only where the zod schemas would: on random records, valid and not, of every kind,
 * `isPlainlyValid` implies the schema accepts, and then `toWireRecord` answers what the schema's path answers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordKind } from '../../src/records/kinds.js';
import { isPlainlyValid, plainEventWire } from '../../src/records/quick-accept.js';
import { recordSchemas } from '../../src/records/schemas.js';
import { toWireRecord } from '../../src/records/validate-record.js';

const weirdValues = fc.constantFrom(
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  undefined,
  [1],
  ['x'],
  [undefined],
  {},
  new Date(0),
);

/** A `properties` value: mostly plain, sometimes with a value or a key the schema refuses. */
const propertiesValue = fc.dictionary(
  fc.constantFrom('a', 'b', '__proto__', 'userId', 'eventType'),
  fc.oneof(fc.string({ maxLength: 3 }), fc.double(), fc.boolean(), fc.constant(null), weirdValues),
  { maxKeys: 3 },
);

const anyValue = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.constantFrom('undefined', 'null', '', 'x'.repeat(256), 'x'.repeat(257), '😀'.repeat(200), '😀'.repeat(129)),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, null, undefined, true),
  fc.constantFrom(new Date(0), new Date(Number.NaN)),
  fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }),
  propertiesValue,
);

const FIELDS = [
  'sessionId',
  'userId',
  'eventType',
  'sentAt',
  'itemId',
  'eventId',
  'eventValue',
  'properties',
  'actionId',
  'timestamp',
  'recommendationId',
  'userID',
];

/** Records that are mostly near-valid: a valid base with a few fields replaced, dropped or added. */
function records(kind: RecordKind) {
  const base: Record<RecordKind, Record<string, unknown>> = {
    event: { sessionId: 's', userId: 'u', eventType: 'click', sentAt: new Date(1), itemId: 'i', eventValue: 1 },
    user: { userId: 'u', properties: { a: 'x' } },
    item: { itemId: 'i', properties: { a: 1, b: ['x', 'y'] } },
    action: { actionId: 'a' },
    actionInteraction: { actionId: 'a', sessionId: 's', eventType: 'view', timestamp: new Date(1), userId: 'u' },
  };
  return fc
    .tuple(
      fc.array(
        fc.oneof(fc.tuple(fc.constantFrom(...FIELDS), anyValue), fc.tuple(fc.constant('properties'), propertiesValue)),
        { maxLength: 3 },
      ),
      fc.subarray(Object.keys(base[kind]), { maxLength: Math.min(2, Object.keys(base[kind]).length) }),
    )
    .map(([changes, dropped]) => {
      const record: Record<string, unknown> = { ...base[kind] };
      for (const key of dropped) delete record[key];
      for (const [key, value] of changes) record[key] = value;
      return record;
    });
}

const KINDS: RecordKind[] = ['event', 'user', 'item', 'action', 'actionInteraction'];

function slowWire(kind: RecordKind, record: Record<string, unknown>): unknown {
  // The same record, made not plain (a prototype of its own), takes the schema's path.
  const detour = Object.assign(Object.create({ __proto__: Object.prototype }), record);
  return toWireRecord(kind, detour, () => 'generated-id');
}

describe('isPlainlyValid', () => {
  for (const kind of KINDS) {
    it(`accepts only ${kind} records the schema accepts, with the same wire form`, () => {
      let quick = 0;
      fc.assert(
        fc.property(records(kind), (record) => {
          if (!isPlainlyValid(kind, record)) return;
          quick += 1;
          expect(recordSchemas[kind].safeParse(record).success).toBe(true);
          let fast: unknown;
          let fastError: unknown;
          try {
            fast = toWireRecord(kind, record, () => 'generated-id');
          } catch (error) {
            fastError = error;
          }
          let slow: unknown;
          let slowError: unknown;
          try {
            slow = slowWire(kind, record);
          } catch (error) {
            slowError = error;
          }
          expect(String(fastError)).toBe(String(slowError));
          expect(fast).toEqual(slow);
        }),
        { numRuns: 1000, seed: 42 },
      );
      // The property is only worth something if many records took the quick path.
      expect(quick).toBeGreaterThan(40);
    });
  }

  it('takes an event in one pass (plainEventWire) only where isPlainlyValid would, with the same wire form', () => {
    let taken = 0;
    fc.assert(
      fc.property(records('event'), (record) => {
        const wire = plainEventWire(record);
        if (wire === undefined) return;
        taken += 1;
        expect(isPlainlyValid('event', record)).toBe(true);
        expect(record.properties).toBeUndefined();
        expect({ ...wire, eventId: wire.eventId ?? 'generated-id' }).toEqual(slowWire('event', record));
      }),
      { numRuns: 1000, seed: 7 },
    );
    expect(taken).toBeGreaterThan(40);
  });

  it('sends records with rarer fields, long ids and class instances down the schema path', () => {
    const sentAt = new Date(1);
    expect(isPlainlyValid('event', { sessionId: 's', eventType: 'e', sentAt })).toBe(true);
    expect(isPlainlyValid('event', { sessionId: 's', eventType: 'e', sentAt, recommendationId: 'r' })).toBe(false);
    expect(isPlainlyValid('event', { sessionId: 'x'.repeat(257), eventType: 'e', sentAt })).toBe(false);
    expect(isPlainlyValid('event', { sessionId: 's', eventType: 'e', sentAt, userId: undefined })).toBe(false);
    class Event {
      sessionId = 's';
      eventType = 'e';
      sentAt = sentAt;
    }
    expect(isPlainlyValid('event', new Event())).toBe(false);
  });

  it('does not take a field it did not check: a non-enumerable one goes to the schema', () => {
    const withHidden = (name: string, value: unknown) =>
      Object.defineProperty({ sessionId: 's', eventType: 'e', sentAt: new Date(1) }, name, {
        value,
        enumerable: false,
      });
    // An itemId the schema refuses, which the quick path would have put on the wire as it is.
    expect(isPlainlyValid('event', withHidden('itemId', 42))).toBe(false);
    expect(() => toWireRecord('event', withHidden('itemId', 42), () => 'id')).toThrow(/itemId/);
    // An empty session, which would have grouped the event under session ''.
    expect(() => toWireRecord('event', withHidden('sessionId', ''), () => 'id')).toThrow(/sessionId/);
    // A valid hidden field is fine: the schema reads it and accepts.
    expect(toWireRecord('event', withHidden('itemId', 'i1'), () => 'id')).toMatchObject({ itemId: 'i1' });
  });

  it('does not let a hidden field stand in for an unknown one: the key count alone does not prove the keys', () => {
    // A valid non-enumerable itemId (read by name, not counted) beside an enumerable field no event has (counted,
    // not read): the counts match, yet the schema refuses the unknown field.
    const record = Object.defineProperty(
      { sessionId: 's', eventType: 'e', sentAt: new Date(1), itemIdd: 'typo' },
      'itemId',
      { value: 'i1', enumerable: false },
    );
    expect(recordSchemas.event.safeParse(record).success).toBe(false);
    expect(isPlainlyValid('event', record)).toBe(false);
    expect(() => toWireRecord('event', record, () => 'id')).toThrow(/itemIdd/);
  });
});
