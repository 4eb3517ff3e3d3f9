/**
 * When the quota binds, calls queue for the rate, and a queued chunk keeps taking records of its group. The limiter
 * releases the fullest queued call first (the oldest again once one has waited 5 s), so that the others keep
 * gathering: released in arrival order, a session's call left part full whenever its turn came, and the rest of the
 * session took another call.
 */
import { expect, it } from 'vitest';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { ManualClock } from '../../src/util/manual-clock.js';
import { seededRandom } from '../../src/util/seeded-random.js';
import { RecordWriter } from '../../src/writer/record-writer.js';
import { drive } from './writer-fixture.js';

it('fills the calls when they queue for the rate, near what the traffic allows', async () => {
  const clock = new ManualClock();
  const transport = new MemoryTransport({ clock });
  transport.addTracker('t1');
  const writer = new RecordWriter({
    transport,
    trackingId: 't1',
    clock,
    flushIntervalMs: 100,
    rate: { initialRequestsPerSecond: { putEvents: 4 }, adaptive: false },
  });
  const random = seededRandom(7);
  const sentAt = new Date('2026-01-01T00:00:00Z');
  const perSession = new Map<string, number>();
  // 400 events of 40 sessions, arriving interleaved at random, 20 every 100 ms.
  for (let event = 0; event < 400; event += 1) {
    const sessionId = `s${Math.floor(random() * 40)}`;
    perSession.set(sessionId, (perSession.get(sessionId) ?? 0) + 1);
    await writer.putEvent({ sessionId, eventType: 'click', sentAt });
    if (event % 20 === 19) await clock.advance(100);
  }
  const report = await drive(clock, writer.close());
  expect(report.delivered.events).toBe(400);
  const calls = transport.callsOf('putEvents').length;
  const ideal = [...perSession.values()].reduce((sum, count) => sum + Math.ceil(count / 10), 0);
  // Arrival order took 60 calls where 54 would do; the fullest first takes 56.
  expect(calls / ideal).toBeLessThanOrEqual(1.06);
});
