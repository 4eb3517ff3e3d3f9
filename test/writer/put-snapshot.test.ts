/**
 * A put takes the record as it is when `put*` is called: a producer that reuses one object, changing it after each
 * call (without awaiting), or while a put waits for room, must not have its events sent under a later session or user.
 */
import { describe, expect, it } from 'vitest';
import { drive, writerFixture } from './writer-fixture.js';

describe('RecordWriter: the record as put', () => {
  it('sends an event under the session and user it had when put, though the object changed after the call', async () => {
    const { clock, transport, writer } = writerFixture({});
    const record = { sessionId: 's1', userId: 'u1', eventType: 'click', itemId: 'i1', sentAt: new Date(0) };
    const first = writer.putEvent(record);
    record.sessionId = 's2';
    record.userId = 'u2';
    record.itemId = 'i2';
    const second = writer.putEvent(record);
    await Promise.all([first, second]);
    await drive(clock, writer.flush());
    const sent = transport
      .callsOf('putEvents')
      .flatMap(({ input }) => input.eventList.map((e) => `${input.sessionId}/${input.userId}/${e.itemId}`));
    expect(sent.sort()).toEqual(['s1/u1/i1', 's2/u2/i2']);
  });

  it('keeps the session of a put that waited for room', async () => {
    const { clock, transport, writer } = writerFixture({ maxBufferedRecords: 10 });
    for (let n = 0; n < 10; n++) {
      await writer.putEvent({ sessionId: `s0-${n}`, eventType: 'click', itemId: `i0-${n}`, sentAt: new Date(0) });
    }
    const record = { sessionId: 's1', eventType: 'click', itemId: 'i1', sentAt: new Date(0) };
    const waiting = writer.putEvent(record);
    record.sessionId = 's9';
    await drive(clock, waiting);
    await drive(clock, writer.flush());
    const sent = transport
      .callsOf('putEvents')
      .flatMap(({ input }) => input.eventList.map((e) => `${input.sessionId}/${e.itemId}`));
    expect(sent).toContain('s1/i1');
    expect(sent).not.toContain('s9/i1');
  });
});
