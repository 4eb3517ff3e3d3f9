import { beforeEach, describe, expect, it } from 'vitest';
import { AbortedError, InvalidInputError, NotFoundError } from '../../src/errors.js';
import { MAX_PROPERTIES_LENGTH } from '../../src/limits.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import type { WireEvent } from '../../src/transport/transport.js';
import { ManualClock } from '../../src/util/manual-clock.js';
import { type Shop, setUpShop } from './memory-fixtures.js';

const sentAt = new Date('2026-01-01T00:00:00Z');
const event = (n: number, extra: Partial<WireEvent> = {}): WireEvent => ({
  eventId: `e${n}`,
  eventType: 'click',
  sentAt,
  itemId: `i${n}`,
  ...extra,
});
/** A properties JSON string of exactly `length` characters. */
const propertiesOf = (length: number) => JSON.stringify({ k: 'x'.repeat(length - 8) });

let clock: ManualClock;
let transport: MemoryTransport;
let shop: Shop;

beforeEach(() => {
  clock = new ManualClock();
  transport = new MemoryTransport({ clock });
  shop = setUpShop(transport);
});

describe('PutEvents', () => {
  it('stores the events with the call’s tracking id, session and user, and records the call', async () => {
    await transport.putEvents({
      trackingId: shop.trackingId,
      sessionId: 's1',
      userId: 'u1',
      eventList: [event(1), event(2)],
    });
    expect(transport.events(shop.trackingId)).toEqual([
      { ...event(1), trackingId: shop.trackingId, sessionId: 's1', userId: 'u1' },
      { ...event(2), trackingId: shop.trackingId, sessionId: 's1', userId: 'u1' },
    ]);
    expect(transport.callsOf('putEvents')).toEqual([
      { call: 'putEvents', input: expect.objectContaining({ sessionId: 's1' }), at: ManualClock.START, outcome: 'ok' },
    ]);
  });

  it('rejects a call of 11 events as a whole, naming eventList', async () => {
    const eventList = Array.from({ length: 11 }, (_, n) => event(n));
    const call = transport.putEvents({ trackingId: shop.trackingId, sessionId: 's1', eventList });
    await expect(call).rejects.toThrow(InvalidInputError);
    await expect(call).rejects.toThrow(
      /'eventList' failed to satisfy constraint: Member must have length less than or equal to 10/,
    );
    expect(transport.events()).toEqual([]);
    expect(transport.history[0]).toMatchObject({
      call: 'putEvents',
      outcome: 'error',
      error: expect.any(InvalidInputError),
    });
  });

  it('rejects an empty event list', async () => {
    await expect(transport.putEvents({ trackingId: shop.trackingId, sessionId: 's1', eventList: [] })).rejects.toThrow(
      /greater than or equal to 1/,
    );
  });

  it.each([
    ['itemId', { itemId: 'x'.repeat(257) }],
    ['eventId', { eventId: 'x'.repeat(257) }],
    ['eventType', { eventType: '' }],
    ['recommendationId', { recommendationId: 'r'.repeat(41) }],
    ['impression', { impression: Array.from({ length: 26 }, (_, n) => `i${n}`) }],
    ['impression.1.member', { impression: ['x'.repeat(257)] }],
    ['properties', { properties: propertiesOf(MAX_PROPERTIES_LENGTH.event + 1) }],
    ['properties', { properties: 'not json' }],
    ['properties', { properties: '{"UserId":"u1"}' }],
    ['metricAttribution.eventAttributionSource', { metricAttribution: { eventAttributionSource: 'tab\there' } }],
    ['metricAttribution.eventAttributionSource', { metricAttribution: { eventAttributionSource: '' } }],
    ['metricAttribution.eventAttributionSource', { metricAttribution: { eventAttributionSource: '   ' } }],
    ['sentAt', { sentAt: new Date(Number.NaN) }],
  ] as const)('rejects the whole call when an event’s %s breaks its rule', async (field, extra) => {
    const call = transport.putEvents({
      trackingId: shop.trackingId,
      sessionId: 's1',
      eventList: [event(1), event(2, extra as Partial<WireEvent>)],
    });
    await expect(call).rejects.toThrow(InvalidInputError);
    await expect(call).rejects.toThrow(`eventList.2.member.${field}'`);
    expect(transport.events()).toEqual([]);
  });

  it('accepts fields at their limits', async () => {
    const atLimits = event(1, {
      eventId: 'x'.repeat(256),
      recommendationId: 'r'.repeat(40),
      impression: Array.from({ length: 25 }, (_, n) => `i${n}`),
      properties: propertiesOf(MAX_PROPERTIES_LENGTH.event),
      metricAttribution: { eventAttributionSource: ` ${'m'.repeat(1022)} ` },
    });
    await transport.putEvents({ trackingId: shop.trackingId, sessionId: 's'.repeat(256), eventList: [atLimits] });
    expect(transport.events()).toHaveLength(1);
  });

  it('rejects an event over 10 KB in bytes as sent, though every field is within its length', async () => {
    // 25 ids of 256 two-byte characters: 12,800 bytes, all within the character limits.
    const big = event(1, { impression: Array.from({ length: 25 }, () => 'é'.repeat(256)) });
    await expect(
      transport.putEvents({ trackingId: shop.trackingId, sessionId: 's1', eventList: [big] }),
    ).rejects.toThrow(/'eventList.1.member' .*at most 10240 bytes/);
  });

  it('throws NotFoundError for a tracking id it was not set up with', async () => {
    const call = transport.putEvents({ trackingId: 'nope', sessionId: 's1', eventList: [event(1)] });
    await expect(call).rejects.toThrow(NotFoundError);
    await expect(call).rejects.toThrow(/nope/);
  });

  it('refuses the tracking id of an Action interactions dataset', async () => {
    const call = transport.putEvents({ trackingId: shop.actionTrackingId, sessionId: 's1', eventList: [event(1)] });
    await expect(call).rejects.toThrow(NotFoundError);
  });

  it('keeps a copy of the input in the history, not the caller’s array', async () => {
    const eventList = [event(1)];
    await transport.putEvents({ trackingId: shop.trackingId, sessionId: 's1', eventList });
    eventList.push(event(2));
    expect(transport.callsOf('putEvents')[0]?.input.eventList).toHaveLength(1);
    expect(transport.events()).toHaveLength(1);
  });
});

describe('PutUsers, PutItems, PutActions', () => {
  it('upserts by id: a later put replaces the record', async () => {
    await transport.putUsers({
      datasetArn: shop.usersArn,
      users: [{ userId: 'u1', properties: '{"a":1}' }, { userId: 'u2' }],
    });
    await transport.putUsers({ datasetArn: shop.usersArn, users: [{ userId: 'u1', properties: '{"a":2}' }] });
    expect(transport.users(shop.usersArn)).toEqual([{ userId: 'u2' }, { userId: 'u1', properties: '{"a":2}' }]);
  });

  it('stores items and actions in their datasets', async () => {
    await transport.putItems({ datasetArn: shop.itemsArn, items: [{ itemId: 'i1' }] });
    await transport.putActions({ datasetArn: shop.actionsArn, actions: [{ actionId: 'a1' }] });
    expect(transport.items(shop.itemsArn)).toEqual([{ itemId: 'i1' }]);
    expect(transport.actions(shop.actionsArn)).toEqual([{ actionId: 'a1' }]);
  });

  it.each([
    ['user', 'putUsers', 'users', 'userId'],
    ['item', 'putItems', 'items', 'itemId'],
    ['action', 'putActions', 'actions', 'actionId'],
  ] as const)('limits a %s’s properties to its length', async (kind, call, list, id) => {
    const datasetArn = { user: shop.usersArn, item: shop.itemsArn, action: shop.actionsArn }[kind];
    const max = MAX_PROPERTIES_LENGTH[kind];
    const put = (length: number) =>
      (transport[call] as (input: object) => Promise<void>)({
        datasetArn,
        [list]: [{ [id]: 'r1', properties: propertiesOf(length) }],
      });
    await put(max);
    await expect(put(max + 1)).rejects.toThrow(`'${list}.1.member.properties' failed to satisfy constraint`);
  });

  it('rejects 11 records and an over-long id', async () => {
    const users = Array.from({ length: 11 }, (_, n) => ({ userId: `u${n}` }));
    await expect(transport.putUsers({ datasetArn: shop.usersArn, users })).rejects.toThrow(InvalidInputError);
    await expect(
      transport.putItems({ datasetArn: shop.itemsArn, items: [{ itemId: 'x'.repeat(257) }] }),
    ).rejects.toThrow(`'items.1.member.itemId'`);
    expect(transport.users(shop.usersArn)).toEqual([]);
  });

  it('rejects a malformed dataset ARN as invalid input, an unknown one as not found', async () => {
    await expect(transport.putUsers({ datasetArn: 'users', users: [{ userId: 'u1' }] })).rejects.toThrow(
      /'datasetArn' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
    const unknown = 'arn:aws:personalize:us-east-1:123456789012:dataset/other/USERS';
    await expect(transport.putUsers({ datasetArn: unknown, users: [{ userId: 'u1' }] })).rejects.toThrow(NotFoundError);
  });

  it('rejects a put into a dataset of another type', async () => {
    const call = transport.putUsers({ datasetArn: shop.itemsArn, users: [{ userId: 'u1' }] });
    await expect(call).rejects.toThrow(InvalidInputError);
    await expect(call).rejects.toThrow(/of type Items/);
  });
});

describe('PutActionInteractions', () => {
  it('stores records under the Action interactions tracking id', async () => {
    const record = { actionId: 'a1', sessionId: 's1', eventType: 'Taken', timestamp: sentAt };
    await transport.putActionInteractions({ trackingId: shop.actionTrackingId, actionInteractions: [record] });
    expect(transport.actionInteractions(shop.actionTrackingId)).toEqual([
      { ...record, trackingId: shop.actionTrackingId },
    ]);
  });

  it('rejects an event tracker’s id and over-long fields', async () => {
    const record = { actionId: 'a1', sessionId: 's1', eventType: 'Taken', timestamp: sentAt };
    await expect(
      transport.putActionInteractions({ trackingId: shop.trackingId, actionInteractions: [record] }),
    ).rejects.toThrow(NotFoundError);
    await expect(
      transport.putActionInteractions({
        trackingId: shop.actionTrackingId,
        actionInteractions: [{ ...record, properties: propertiesOf(1025) }],
      }),
    ).rejects.toThrow(`'actionInteractions.1.member.properties'`);
  });

  it.each(['userId', 'SessionId', 'eventType', 'TIMESTAMP', 'recommendationId', 'impression'])(
    'rejects the whole call when an action interaction’s properties use the reserved key %s',
    async (key) => {
      const record = { actionId: 'a1', sessionId: 's1', eventType: 'Taken', timestamp: sentAt };
      const call = transport.putActionInteractions({
        trackingId: shop.actionTrackingId,
        actionInteractions: [record, { ...record, properties: JSON.stringify({ [key]: 'x', numberOfActions: 1 }) }],
      });
      await expect(call).rejects.toThrow(InvalidInputError);
      await expect(call).rejects.toThrow(`'actionInteractions.2.member.properties'`);
      await expect(call).rejects.toThrow(`reserved keys ${key}`);
      expect(transport.actionInteractions()).toEqual([]);
    },
  );

  it('accepts properties whose keys only contain a reserved word', async () => {
    const record = { actionId: 'a1', sessionId: 's1', eventType: 'Taken', timestamp: sentAt };
    const properties = JSON.stringify({ previousUserIds: 'u0', timestampSource: 'app' });
    await transport.putActionInteractions({
      trackingId: shop.actionTrackingId,
      actionInteractions: [{ ...record, properties }],
    });
    expect(transport.actionInteractions()).toHaveLength(1);
  });
});

describe('options', () => {
  it('rejects with AbortedError when the signal has aborted, and records it', async () => {
    const controller = new AbortController();
    controller.abort();
    const call = transport.putUsers(
      { datasetArn: shop.usersArn, users: [{ userId: 'u1' }] },
      { signal: controller.signal },
    );
    await expect(call).rejects.toThrow(AbortedError);
    expect(transport.users(shop.usersArn)).toEqual([]);
    expect(transport.history).toMatchObject([{ call: 'putUsers', outcome: 'error' }]);
  });

  it('with strict off, sets up the tracking ids and datasets a put names', async () => {
    const loose = new MemoryTransport({ clock, strict: false });
    const datasetArn = 'arn:aws:personalize:us-east-1:123456789012:dataset/any/ITEMS';
    await loose.putEvents({ trackingId: 'any', sessionId: 's1', eventList: [event(1)] });
    await loose.putItems({ datasetArn, items: [{ itemId: 'i1' }] });
    expect(loose.events('any')).toHaveLength(1);
    expect(loose.items(datasetArn)).toEqual([{ itemId: 'i1' }]);
  });

  it('waits latencyMs on the clock, and an abort during the wait rejects', async () => {
    const slow = new MemoryTransport({ clock, latencyMs: 50 });
    const { usersArn } = setUpShop(slow);
    let settled = false;
    const call = slow.putUsers({ datasetArn: usersArn, users: [{ userId: 'u1' }] }).then(() => {
      settled = true;
    });
    await clock.advance(49);
    expect(settled).toBe(false);
    await clock.advance(1);
    await call;
    expect(slow.users(usersArn)).toHaveLength(1);
    const controller = new AbortController();
    const aborted = slow.putUsers({ datasetArn: usersArn, users: [{ userId: 'u2' }] }, { signal: controller.signal });
    controller.abort();
    await expect(aborted).rejects.toThrow(AbortedError);
  });
});
