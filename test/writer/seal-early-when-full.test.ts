/**
 * When puts wait for room and the lane's calls do not queue for the rate, the buffer must turn over at the sending
 * rate, not at `flushIntervalMs`: open chunks are sealed early, the oldest first. Where calls queue for the rate (the
 * quota binds), a chunk stays open until its flush interval and keeps filling while its call waits.
 */
import { describe, expect, it } from 'vitest';
import { drive, event, writerFixture } from './writer-fixture.js';

/** Puts `count` events, each of its own session, in a loop that awaits every put (backpressure applies). */
function produce(writer: ReturnType<typeof writerFixture>['writer'], count: number): Promise<void> {
  return (async () => {
    for (let n = 0; n < count; n += 1) await writer.putEvent(event(`s${n}`, n));
  })();
}

describe('RecordWriter: sealing early while puts wait for room', () => {
  it('sends at the rate while the buffer is full and calls do not queue, long before the flush interval', async () => {
    const { clock, writer } = writerFixture(
      {
        maxBufferedRecords: 20,
        flushIntervalMs: 600_000,
        // No start ramp (its own tests are in rate-limiter-start.test.ts): this test is about sealing, at the rate.
        rate: { initialRequestsPerSecond: { putEvents: 100 }, startShare: 1, startConcurrency: 64 },
      },
      { latencyMs: 100 },
    );
    const producing = produce(writer, 60);
    // 100 calls/s: a call may go every 10 ms. Waiting for room while calls are free to go, the writer seals the
    // oldest chunk whenever the lane has no call waiting: 20 calls in the first ~200 ms (one in flight at a time,
    // as before, would have sent 2).
    await clock.advance(205);
    expect(writer.stats.calls).toBeGreaterThanOrEqual(18);
    await drive(clock, producing);
    const report = await drive(clock, writer.close());
    expect(report.delivered.events).toBe(60);
  });

  it('keeps a chunk open while puts wait for room and a call waits for the rate', async () => {
    const { clock, writer } = writerFixture(
      {
        maxBufferedRecords: 25,
        flushIntervalMs: 1000,
        rate: { initialRequestsPerSecond: { putEvents: 10 }, adaptive: false },
      },
      { latencyMs: 10 },
    );
    // Two full chunks of a: one goes now, the other waits 100 ms for the rate; b's chunk is open; the buffer is full.
    for (let n = 0; n < 20; n += 1) await writer.putEvent(event('a', n));
    for (let n = 0; n < 5; n += 1) await writer.putEvent(event('b', n));
    let accepted = false;
    const waiting = writer.putEvent(event('c', 0)).then(() => {
      accepted = true;
    });
    await clock.advance(5);
    // A call waits for the rate: b's chunk stays open to gather more of its session.
    expect(accepted).toBe(false);
    expect(writer.stats.buffered).toBe(5);
    await clock.advance(5);
    await waiting;
    await drive(clock, writer.close());
  });
});

describe('RecordWriter: the order of queued calls once nothing can grow', () => {
  it('at close, sends the chunks it seals in the order they opened (no fullest-first scan: none can grow)', async () => {
    const { clock, transport, writer } = writerFixture({
      flushIntervalMs: 60_000,
      rate: { initialRequestsPerSecond: { putEvents: 10 }, adaptive: false },
    });
    for (const [session, count] of [
      ['a', 2],
      ['b', 4],
      ['c', 7],
    ] as const) {
      for (let n = 0; n < count; n += 1) await writer.putEvent(event(session, n));
    }
    await drive(clock, writer.close());
    const sessions = transport.history
      .filter((record) => record.call === 'putEvents')
      .map((record) => (record.input as { sessionId: string }).sessionId);
    expect(sessions).toEqual(['a', 'b', 'c']);
  });
});
