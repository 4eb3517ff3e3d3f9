/**
 * Where the quota binds, hundreds of part-full calls queue, and the limiter releases the fullest first. Reading the
 * fill of every queued call at each release cost O(queue) per call: at the documented quota about 1,000 calls
 * queued and each release read about 513 fills, 8-15% of the client's CPU (docs/performance.md). The limiter now keeps
 * the queued calls by fill, moved up as their chunk grows: a release reads no fill, and a chunk's growth one.
 */
import { afterEach, expect, it } from 'vitest';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { ManualClock } from '../../src/util/manual-clock.js';
import { seededRandom } from '../../src/util/seeded-random.js';
import { Chunk } from '../../src/writer/chunk.js';
import { RecordWriter } from '../../src/writer/record-writer.js';
import { drive } from './writer-fixture.js';

const fillGetter = Object.getOwnPropertyDescriptor(Chunk.prototype, 'fill') as PropertyDescriptor;
afterEach(() => {
  Object.defineProperty(Chunk.prototype, 'fill', fillGetter);
});

it('reads a bounded number of fills per call however many calls queue for the rate', async () => {
  const clock = new ManualClock();
  const transport = new MemoryTransport({ clock, latencyMs: 25, requestsPerSecond: { putEvents: 50 } });
  transport.addTracker('t1');
  const writer = new RecordWriter({ transport, trackingId: 't1', clock, maxBufferedRecords: 2500, random: () => 0.5 });
  const random = seededRandom(5);
  const sentAt = new Date('2026-01-01T00:00:00Z');
  const sessionIds = Array.from({ length: 6000 }, () => `s${Math.floor(random() * 500)}`);
  let reads = 0;
  Object.defineProperty(Chunk.prototype, 'fill', {
    ...fillGetter,
    get(this: Chunk) {
      reads += 1;
      return fillGetter.get?.call(this);
    },
  });
  const producing = (async () => {
    for (const sessionId of sessionIds) await writer.putEvent({ sessionId, eventType: 'click', sentAt });
  })();
  await drive(clock, producing, 1_000_000);
  const report = await drive(clock, writer.close(), 1_000_000);
  expect(report.delivered.events).toBe(6000);
  // Hundreds of part-full calls queued for the rate: scanning them read about 100 fills per call.
  expect(reads / report.stats.calls).toBeLessThan(12);
});
