/** Events of different (session, user) pairs never share a call, whatever characters their ids hold. */
import { describe, expect, it } from 'vitest';
import { drive, writerFixture } from './writer-fixture.js';

describe('RecordWriter: grouping by session and user', () => {
  it('keeps apart pairs whose ids would join to the same text with a separator', async () => {
    const { clock, transport, writer } = writerFixture({});
    const sentAt = new Date('2026-01-01T00:00:00Z');
    await writer.putEvent({ sessionId: 'a\u0000b', userId: 'c', eventType: 'click', sentAt, itemId: 'i1' });
    await writer.putEvent({ sessionId: 'a', userId: 'b\u0000c', eventType: 'click', sentAt, itemId: 'i2' });
    await drive(clock, writer.flush());
    const calls = transport.callsOf('putEvents').map(({ input }) => ({
      sessionId: input.sessionId,
      userId: input.userId,
      items: input.eventList.map((e) => e.itemId),
    }));
    expect(calls).toHaveLength(2);
    expect(calls).toEqual(
      expect.arrayContaining([
        { sessionId: 'a\u0000b', userId: 'c', items: ['i1'] },
        { sessionId: 'a', userId: 'b\u0000c', items: ['i2'] },
      ]),
    );
  });

  it('keeps an event with a user apart from one of the same session without', async () => {
    const { clock, transport, writer } = writerFixture({});
    const sentAt = new Date('2026-01-01T00:00:00Z');
    await writer.putEvent({ sessionId: 's', userId: 'u', eventType: 'click', sentAt });
    await writer.putEvent({ sessionId: 's', eventType: 'click', sentAt });
    await drive(clock, writer.flush());
    const users = transport.callsOf('putEvents').map(({ input }) => input.userId);
    expect(users.sort()).toEqual(['u', undefined]);
  });
});
