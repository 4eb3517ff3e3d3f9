/**
 * A record added while no call of its type is in flight or queued does not wait `flushIntervalMs`: the lane's oldest
 * open chunk goes on the next turn of the clock, with what gathered until then (Nagle's rule). While a call is in
 * flight, chunks gather as before: until full, their flush interval, or a record that finds the lane idle again.
 */
import { describe, expect, it } from 'vitest';
import { drive, event, writerFixture } from './writer-fixture.js';

type Fixture = ReturnType<typeof writerFixture>;

/** The sizes of the PutEvents calls of `sessionId` the transport answered, in order. */
function sizesOf(transport: Fixture['transport'], sessionId: string): number[] {
  return transport.history
    .filter((record) => record.call === 'putEvents')
    .map((record) => record.input as { sessionId: string; eventList: unknown[] })
    .filter((input) => input.sessionId === sessionId)
    .map((input) => input.eventList.length);
}

describe('RecordWriter: a record that finds its lane idle', () => {
  it('goes on the next turn, with the records put before that turn', async () => {
    const { clock, transport, writer } = writerFixture({ flushIntervalMs: 1000 });
    await writer.putEvent(event('s', 1));
    await writer.putEvent(event('s', 2));
    expect(writer.stats.calls).toBe(0);
    // Before: nothing until t=1000, the chunk's flush interval.
    await clock.advance(0);
    expect(writer.stats.calls).toBe(1);
    await drive(clock, writer.flush());
    expect(sizesOf(transport, 's')).toEqual([2]);
  });

  it('seals one chunk, the oldest, and lets the others gather while its call is in flight', async () => {
    const { clock, transport, writer } = writerFixture({ flushIntervalMs: 1000 }, { latencyMs: 100 });
    await writer.putEvent(event('a', 1));
    await writer.putEvent(event('b', 1));
    await clock.advance(0);
    expect(writer.stats.calls).toBe(1);
    // a's call is in flight: these gather.
    for (let n = 2; n < 5; n += 1) await writer.putEvent(event('a', n));
    await clock.advance(150);
    expect(writer.stats.calls).toBe(1);
    // The call answered at t=100; the next record finds the lane idle, and the oldest open chunk (b's) goes.
    await writer.putEvent(event('c', 1));
    await clock.advance(0);
    expect(writer.stats.calls).toBe(2);
    await drive(clock, writer.flush());
    expect(sizesOf(transport, 'a')).toEqual([1, 3]);
    expect(sizesOf(transport, 'b')).toEqual([1]);
    expect(sizesOf(transport, 'c')).toEqual([1]);
  });

  it('waits for the flush interval when the lane has a call queued for the rate', async () => {
    const { clock, writer } = writerFixture(
      { flushIntervalMs: 1000, rate: { initialRequestsPerSecond: { putEvents: 1 }, adaptive: false } },
      { latencyMs: 10 },
    );
    // Two full chunks: one goes at once, the other waits for the slot at t=1000.
    for (let n = 0; n < 20; n += 1) await writer.putEvent(event('full', n));
    await writer.putEvent(event('s', 1));
    await clock.advance(500);
    expect(writer.stats.calls).toBe(1);
    expect(writer.stats.buffered).toBe(1);
    await drive(clock, writer.close());
  });
});
