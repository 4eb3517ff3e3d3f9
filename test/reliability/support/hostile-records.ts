/**
 * Hostile and adversarial records of all five kinds, for the reliability suite: huge strings, emoji and lone
 * surrogates, `__proto__`/`constructor` keys, NaN and Infinity, invalid Dates, extra fields, nested properties,
 * `'undefined'`, ids of 256 and 257 code points.
 * @module
 */
import fc from 'fast-check';
import type { RecordKind } from '../../../src/records/kinds.js';

/** One hostile record and the kind it is put as. */
export interface HostileRecord {
  kind: RecordKind;
  record: unknown;
}

const EMOJI = '\u{1F600}';

function ids(): fc.Arbitrary<unknown> {
  const choices: Array<fc.Arbitrary<unknown>> = [
    fc.string({ minLength: 1, maxLength: 12 }),
    fc.string({ unit: 'binary', minLength: 0, maxLength: 12 }),
    fc.constantFrom('undefined', 'null', '', ' ', 'a', 'x'.repeat(256), 'x'.repeat(257), '\uD800', 'a\uDC00b'),
    fc.constantFrom(undefined, null, 42, Number.NaN, {}, ['a']),
    fc.constantFrom(EMOJI.repeat(200), EMOJI.repeat(256), EMOJI.repeat(257)),
    fc.constant('h'.repeat(1_000_000)),
  ];
  return fc.oneof(...choices);
}

function dates(): fc.Arbitrary<unknown> {
  return fc.oneof(
    {
      arbitrary: fc.date({ min: new Date(1_000_000_000_000), max: new Date(1_900_000_000_000), noInvalidDate: true }),
      weight: 6,
    },
    fc.constantFrom(new Date(Number.NaN), new Date(0), new Date(8.64e15), '2026-01-01', 1_700_000_000, undefined),
  );
}

function propertyKeys(): fc.Arbitrary<string> {
  const keys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'genre', 'a.b', '', 'UNDEFINED'];
  return fc.oneof(fc.constantFrom(...keys), fc.string({ minLength: 1, maxLength: 8 }));
}

function propertyValues(): fc.Arbitrary<unknown> {
  const choices: Array<fc.Arbitrary<unknown>> = [
    fc.string({ maxLength: 20 }),
    fc.double(),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, true, false, null, undefined, 'undefined'),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
    fc.constantFrom({ nested: { deep: 1 } }, [1, 2], new Date(0), () => 1),
    fc.constant('p'.repeat(100_000)),
  ];
  return fc.oneof(...choices);
}

/** Properties built as JSON.parse builds them, so that `__proto__` is an own key, not the prototype. */
function properties(): fc.Arbitrary<unknown> {
  const object = fc.array(fc.tuple(propertyKeys(), propertyValues()), { maxLength: 5 }).map((pairs) => {
    const target: Record<string, unknown> = {};
    for (const [key, value] of pairs)
      Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
    return target;
  });
  return fc.oneof(
    { arbitrary: object, weight: 4 },
    { arbitrary: fc.constantFrom(undefined, null, 'str', [], 7), weight: 1 },
  );
}

function withExtras(record: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(record, fc.option(fc.constantFrom('extra', 'constructor', 'eventID'), { nil: undefined }))
    .map(([value, extra]) => {
      const copy = { ...value };
      for (const key of Object.keys(copy)) if (copy[key] === undefined && key !== 'userId') delete copy[key];
      if (extra !== undefined)
        Object.defineProperty(copy, extra, { value: 'x', enumerable: true, writable: true, configurable: true });
      return copy;
    });
}

/** The arbitrary of hostile records of every kind. */
export function hostileRecord(): fc.Arbitrary<HostileRecord> {
  const id = ids();
  const props = properties();
  const eventId = fc.option(id, { nil: undefined });
  const event = withExtras(
    fc.record({
      sessionId: id,
      userId: fc.option(id, { nil: undefined }),
      eventType: id,
      sentAt: dates(),
      itemId: fc.option(id, { nil: undefined }),
      eventId,
      eventValue: fc.option(fc.oneof(fc.double(), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY)), {
        nil: undefined,
      }),
      properties: props,
      impression: fc.option(fc.array(id, { maxLength: 4 }), { nil: undefined }),
    }),
  );
  const upsert = (name: string) => withExtras(fc.record({ [name]: id, properties: props }));
  const interaction = withExtras(
    fc.record({
      actionId: id,
      sessionId: id,
      eventType: id,
      timestamp: dates(),
      eventId,
      properties: props,
    }),
  );
  return fc.oneof(
    event.map((record) => ({ kind: 'event' as const, record })),
    upsert('userId').map((record) => ({ kind: 'user' as const, record })),
    upsert('itemId').map((record) => ({ kind: 'item' as const, record })),
    upsert('actionId').map((record) => ({ kind: 'action' as const, record })),
    interaction.map((record) => ({ kind: 'actionInteraction' as const, record })),
    fc
      .constantFrom<RecordKind>('event', 'user', 'item', 'action', 'actionInteraction')
      .chain((kind) => fc.constantFrom(null, undefined, 'a record', 42, [], {}).map((record) => ({ kind, record }))),
  );
}
