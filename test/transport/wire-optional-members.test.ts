import { describe, expect, expectTypeOf, it } from 'vitest';
import { RecordWriter } from '../../src/index.js';
import { MemoryTransport } from '../../src/testing.js';
import type { PutEventsInput, WireEvent, WireUser } from '../../src/transport/transport.js';
import { setUpShop } from './memory-fixtures.js';

describe('optional members of the wire records a transport receives', () => {
  it('may be present as undefined, and the types say so', async () => {
    const transport = new MemoryTransport();
    const shop = setUpShop(transport);
    const seen: PutEventsInput[] = [];
    const putEvents = transport.putEvents.bind(transport);
    // A custom transport in front of the fake sees what the writer hands down.
    transport.putEvents = (input, options) => {
      seen.push(input);
      return putEvents(input, options);
    };
    const writer = new RecordWriter({ transport, trackingId: shop.trackingId });
    await writer.putEvent({ sessionId: 's', eventType: 'click', sentAt: new Date(1_700_000_000_000) });
    await writer.close();

    const event = seen[0]?.eventList[0] as WireEvent;
    expect(Object.keys(event)).toContain('itemId');
    expect(event.itemId).toBeUndefined();
    // Under exactOptionalPropertyTypes these only compile when the members admit `undefined`.
    const wire: WireEvent = { eventId: 'e', eventType: 'click', sentAt: new Date(0), itemId: undefined };
    const user: WireUser = { userId: 'u', properties: undefined };
    expectTypeOf(wire).toEqualTypeOf<WireEvent>();
    expectTypeOf(user).toEqualTypeOf<WireUser>();
    expect(transport.events().map((stored) => stored.eventType)).toEqual(['click']);
  });
});
