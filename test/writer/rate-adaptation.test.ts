import { describe, expect, it } from 'vitest';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { ManualClock } from '../../src/util/manual-clock.js';
import { RecordWriter } from '../../src/writer/record-writer.js';

/** A deterministic random source (a linear congruential generator), so a failure replays. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

async function run(quota: number, sessions: number, eventsPerSession: number) {
  const clock = new ManualClock();
  const random = seeded(7);
  const transport = new MemoryTransport({ clock, requestsPerSecond: { putEvents: quota }, latencyMs: 25 });
  transport.addTracker('t');
  transport.rejectRecords((record) => ('itemId' in record && record.itemId?.endsWith('7') ? 'bad item' : undefined));
  const writer = new RecordWriter({ transport, trackingId: 't', clock, random });
  const order = Array.from({ length: sessions * eventsPerSession }, (_, n) => n);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const rates: number[] = [];
  const work = (async () => {
    for (const n of order) {
      const session = `s${n % sessions}`;
      await writer.putEvent({
        sessionId: session,
        userId: `u-${session}`,
        eventType: 'click',
        itemId: `item-${n}`,
        sentAt: new Date(0),
      });
    }
    return writer.close();
  })();
  let settled = false;
  void work.finally(() => {
    settled = true;
  });
  let nextSample = clock.now() + 1000;
  while (!settled) {
    const next = clock.nextTimerAt;
    await clock.advance(next === undefined ? 0 : Math.max(0, next - clock.now()));
    if (clock.now() >= nextSample) {
      nextSample += 1000;
      rates.push(writer.rates.putEvents ?? 0);
    }
  }
  const report = await work;
  const seconds = (clock.now() - ManualClock.START) / 1000;
  const calls = transport.history.length;
  const rejectedExpected = order.filter((n) => String(n).endsWith('7')).length;
  return { report, seconds, calls, rates, rejectedExpected, stored: transport.events() };
}

describe('RecordWriter: finding an unknown quota (virtual time)', () => {
  it('starts at the documented 1,000/s, finds a quota of 50/s from throttling, and spends it', async () => {
    const { report, seconds, calls, rates, rejectedExpected, stored } = await run(50, 60, 40);
    const throttledShare = report.stats.throttled / calls;
    const utilisation = (calls - report.stats.throttled) / (50 * seconds);
    expect(throttledShare).toBeLessThan(0.1);
    expect(utilisation).toBeGreaterThan(0.9);
    // The rate came down from 1,000/s to around the quota within the first seconds and stayed near it.
    expect(rates[1]).toBeLessThan(80);
    for (const rate of rates.slice(2)) expect(rate).toBeGreaterThan(30);
    expect(report.rejected).toHaveLength(rejectedExpected);
    expect(report.stats.bisectionCalls / rejectedExpected).toBeLessThanOrEqual(8);
    expect(report.delivered.events).toBe(2400 - rejectedExpected);
    expect(new Set(stored.map((e) => e.eventId)).size).toBe(stored.length);
  });
});
