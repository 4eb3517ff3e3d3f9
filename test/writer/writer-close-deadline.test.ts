/** Issue 7 faults 8 and 15: what a close deadline reports, and that it holds when a transport ignores abort. */
import { describe, expect, it } from 'vitest';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import type { PutEventsInput } from '../../src/transport/transport.js';
import { ManualClock } from '../../src/util/manual-clock.js';
import { RecordWriter } from '../../src/writer/record-writer.js';
import { drive, event, writerFixture } from './writer-fixture.js';

describe('RecordWriter: a call cut off after it was sent has an unknown outcome (issue 7 fault 8)', () => {
  it('reports records sent and cut off at the close deadline OUTCOME_UNKNOWN, and records never sent ABORTED', async () => {
    const { clock, writer } = writerFixture(
      { maxBatchSize: 1, rate: { initialRequestsPerSecond: { putEvents: 1 }, adaptive: false } },
      { latencyMs: 10_000 },
    );
    await writer.putEvent(event('s', 1));
    await writer.putEvent(event('s', 2));
    const report = await drive(clock, writer.close({ timeoutMs: 500 }));
    expect(report.undelivered.map((r) => [r.code, (r.record as { eventId: string }).eventId])).toEqual(
      expect.arrayContaining([
        ['OUTCOME_UNKNOWN', 'evt-1'],
        ['ABORTED', 'evt-2'],
      ]),
    );
    expect(report.undelivered).toHaveLength(2);
    expect(report.undelivered.find((r) => r.code === 'OUTCOME_UNKNOWN')?.message).toMatch(/eventId/);
  });
});
/** A transport whose putEvents answers 60 s later whatever its abort signal says. */
class DeafTransport extends MemoryTransport {
  override putEvents(input: PutEventsInput): Promise<void> {
    return new Promise((resolve, reject) => {
      this.config.clock.setTimer(() => super.putEvents(input).then(resolve, reject), 60_000);
    });
  }
}
describe('RecordWriter: close deadline with a transport that ignores abort (issue 7 fault 15)', () => {
  it('settles the records in flight OUTCOME_UNKNOWN at the deadline, and a late answer changes nothing', async () => {
    const clock = new ManualClock();
    const transport = new DeafTransport({ clock });
    transport.addTracker('t', transport.createDatasetGroup({ name: 'g' }));
    const writer = new RecordWriter({ transport, trackingId: 't', clock, generateEventId: () => 'evt-1' });
    await writer.putEvent(event('s', 1));
    const report = await drive(clock, writer.close({ timeoutMs: 1000 }));
    expect(clock.now() - ManualClock.START).toBe(1000);
    expect(report.undelivered.map((r) => r.code)).toEqual(['OUTCOME_UNKNOWN']);
    expect(report.delivered.events).toBe(0);
    await clock.advance(120_000);
    expect(transport.events()).toHaveLength(1); // the service stored it after all: that is why it is "unknown"
    expect(writer.stats).toMatchObject({ inFlight: 0, calls: 1 });
    expect(await writer.close()).toBe(report);
    expect(report.delivered.events).toBe(0);
    expect(report.undelivered).toHaveLength(1);
  });
});

describe('RecordWriter: close deadline during a back-off', () => {
  it('reports a throttled call cut off in its back-off as ABORTED, whichever attempt it waits after', async () => {
    for (const throttles of [1, 2]) {
      const { clock, transport, writer } = writerFixture({
        maxBatchSize: 1,
        retry: { initialDelayMs: 5_000, maxDelayMs: 5_000 },
        random: () => 0.999,
      });
      transport.throttleNext(throttles);
      await writer.putEvent(event('s', 1));
      const report = await drive(clock, writer.close({ timeoutMs: throttles === 1 ? 1_000 : 7_000 }));
      expect(report.undelivered.map((r) => r.code)).toEqual(['ABORTED']);
      expect(report.stats.throttled).toBe(throttles);
    }
  });
});
