/**
 * What `MemoryTransport` stores and records of a data-plane call is its own: the history holds a deep copy of the
 * input and the stored events (and action interactions) are made from that copy, so a caller that reuses or changes
 * its objects after the call changes neither.
 */
import { expect, it } from 'vitest';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import type { PutEventsInput } from '../../src/transport/transport.js';

it('keeps stored events and the history apart from the caller’s objects', async () => {
  const transport = new MemoryTransport();
  transport.addTracker('t', transport.createDatasetGroup({ name: 'g' }));
  const sentAt = new Date(Date.UTC(2026, 0, 1));
  const input: PutEventsInput = {
    trackingId: 't',
    sessionId: 's1',
    eventList: [{ eventId: 'e1', eventType: 'click', sentAt, itemId: 'i1', impression: ['i1', 'i2'] }],
  };
  await transport.putEvents(input);
  const event = input.eventList[0];
  if (event === undefined) throw new Error('no event');
  event.itemId = 'changed';
  event.impression?.push('i3');
  sentAt.setTime(0);
  input.eventList.push({ eventId: 'e2', eventType: 'click', sentAt });

  const expected = { eventId: 'e1', eventType: 'click', itemId: 'i1', impression: ['i1', 'i2'] };
  expect(transport.events('t')).toEqual([
    { ...expected, sentAt: new Date(Date.UTC(2026, 0, 1)), trackingId: 't', sessionId: 's1' },
  ]);
  const [recorded] = transport.callsOf('putEvents');
  expect(recorded?.input.eventList).toEqual([{ ...expected, sentAt: new Date(Date.UTC(2026, 0, 1)) }]);
  // The stored event is an object of its own, beside the history's.
  expect(transport.events('t')[0]).not.toBe(recorded?.input.eventList[0]);
});

it('answers the same stored events on every read, in the order of the calls, across reads between calls', async () => {
  const transport = new MemoryTransport();
  transport.addTracker('t', transport.createDatasetGroup({ name: 'g' }));
  const sentAt = new Date(Date.UTC(2026, 0, 1));
  const put = (sessionId: string, ids: string[], userId?: string) =>
    transport.putEvents({
      trackingId: 't',
      sessionId,
      ...(userId !== undefined && { userId }),
      eventList: ids.map((eventId) => ({ eventId, eventType: 'click', sentAt })),
    });
  await put('s1', ['e1', 'e2'], 'u1');
  const first = transport.events();
  await put('s2', ['e3']);
  const second = transport.events();
  expect(second.map((e) => [e.eventId, e.sessionId, e.userId])).toEqual([
    ['e1', 's1', 'u1'],
    ['e2', 's1', 'u1'],
    ['e3', 's2', undefined],
  ]);
  expect(second[0]).toBe(first[0]);
  expect(transport.events()[2]).toBe(second[2]);
  expect(Object.keys(second[2] ?? {})).not.toContain('userId');
});
