/**
 * A put with room resolves in a microtask: a producer awaiting puts in a tight loop would never let the event loop
 * reach I/O, and the writer's calls could not go out until the buffer was full. On the system clock, puts let the
 * event loop turn every few milliseconds, so calls go out (and settle) while the producer is still putting.
 */
import { describe, expect, it } from 'vitest';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import type { PutEventsInput } from '../../src/transport/transport.js';
import { RecordWriter } from '../../src/writer/record-writer.js';

/** Answers each call on a later turn of the event loop, as a socket would. */
class MacrotaskTransport extends MemoryTransport {
  override putEvents(input: PutEventsInput): Promise<void> {
    return new Promise((resolve, reject) => setImmediate(() => super.putEvents(input).then(resolve, reject)));
  }
}

/** Answers its first call after `hops` turns of the event loop (a transport loading its code and connecting). */
class SlowFirstCallTransport extends MemoryTransport {
  #first = true;
  constructor(private readonly hops: number) {
    super();
  }

  override putEvents(input: PutEventsInput): Promise<void> {
    const hops = this.#first ? this.hops : 1;
    this.#first = false;
    return new Promise((resolve, reject) => {
      const hop = (left: number) => {
        if (left === 0) super.putEvents(input).then(resolve, reject);
        else setImmediate(() => hop(left - 1));
      };
      hop(hops);
    });
  }
}

describe('a producer awaiting puts in a tight loop', () => {
  it('lets the calls go out while it puts (system clock)', async () => {
    const records = 20_000;
    const transport = new MacrotaskTransport();
    transport.addTracker('t1');
    let putsAtFirstSettle: number | undefined;
    let puts = 0;
    const writer = new RecordWriter({
      transport,
      trackingId: 't1',
      maxBufferedRecords: records,
      onSettled: () => {
        putsAtFirstSettle ??= puts;
      },
    });
    const sentAt = new Date('2026-01-01T00:00:00Z');
    for (; puts < records; puts += 1) await writer.putEvent({ sessionId: 's1', eventType: 'click', sentAt });
    await writer.close();
    expect(putsAtFirstSettle).toBeDefined();
    expect(putsAtFirstSettle).toBeLessThan(records);
  });

  it('lets the event loop turn at every put while the first call is out (system clock)', async () => {
    // 200 turns of the event loop before the first answer: one turn every 5 ms of puts made that 1 s of puts.
    const transport = new SlowFirstCallTransport(200);
    transport.addTracker('t1');
    let putsAtFirstSettle: number | undefined;
    let puts = 0;
    const writer = new RecordWriter({
      transport,
      trackingId: 't1',
      maxBufferedRecords: 20_000,
      onSettled: () => {
        putsAtFirstSettle ??= puts;
      },
    });
    const sentAt = new Date('2026-01-01T00:00:00Z');
    // One session: the first call (a full chunk) goes out at the 10th put.
    for (; puts < 20_000; puts += 1) await writer.putEvent({ sessionId: 's1', eventType: 'click', sentAt });
    await writer.close();
    // 86 puts on the loaded 2-core machine; with a turn per 5 ms of puts, 950 there (where a turn itself took about
    // 5 ms), up to the whole 20,000 on a quick one.
    expect(putsAtFirstSettle).toBeLessThan(400);
  });

  it('turns at every put only until the first attempt ends, not through its retries (system clock)', async () => {
    // The first calls throttled, their retries waiting for the limiter: counted from the end of the whole send, every
    // put until then waited a turn (505 of 5,000 here; review rev3). A put that does not wait answers the writer's
    // one shared resolved promise.
    const transport = new MemoryTransport();
    transport.addTracker('t1');
    transport.throttleNext(3, { call: 'putEvents' });
    const writer = new RecordWriter({
      transport,
      trackingId: 't1',
      maxBufferedRecords: 10_000,
      rate: { startShare: 1 },
    });
    const sentAt = new Date('2026-01-01T00:00:00Z');
    let shared: Promise<void> | undefined;
    let puts = 0;
    let waited = 0;
    const until = performance.now() + 400;
    while (performance.now() < until && puts < 5_000) {
      const put = writer.putEvent({ sessionId: `s${puts % 500}`, eventType: 'click', sentAt });
      puts += 1;
      if (shared !== undefined && put !== shared) waited += 1;
      if (shared === undefined && puts > 1) shared = put;
      await put;
    }
    await writer.close();
    expect(transport.history.filter((call) => call.outcome === 'error')).toHaveLength(3);
    // One turn per 5 ms of puts: 11-19 here; 505-4,998 before, by the limiter's pace.
    expect(waited).toBeLessThan(150);
  });
});
