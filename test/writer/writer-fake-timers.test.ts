/**
 * A user's test may fake timers (vitest's `vi.useFakeTimers`) while the writer runs on the system clock: the turn a
 * put gives the event loop must not wait on a faked `setImmediate`, or every put after the first 5 ms would hang.
 */
import { afterEach, expect, it, vi } from 'vitest';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { RecordWriter } from '../../src/writer/record-writer.js';

afterEach(() => vi.useRealTimers());

it('puts go on under faked setImmediate', async () => {
  vi.useFakeTimers({ toFake: ['setImmediate'] });
  const transport = new MemoryTransport();
  transport.addTracker('t1');
  const writer = new RecordWriter({ transport, trackingId: 't1', maxBufferedRecords: 20_000 });
  const sentAt = new Date('2026-01-01T00:00:00Z');
  for (let i = 0; i < 20_000; i += 1) await writer.putEvent({ sessionId: `s${i % 50}`, eventType: 'click', sentAt });
  expect(writer.stats.accepted).toBe(20_000);
}, 20_000);
