/** onSettled names each accepted record exactly once, as the report does, at a stop and at a close deadline. */
import { describe, expect, it } from 'vitest';
import { FatalTransportError, InvalidInputError } from '../../src/errors.js';
import type { SettledInfo } from '../../src/writer/report.js';
import { drive, event, writerFixture } from './writer-fixture.js';

function tally() {
  const seen = new Map<string, string[]>();
  const hook = (info: SettledInfo) => {
    for (const r of info.records) {
      const id = (r as { eventId: string }).eventId;
      seen.set(id, [...(seen.get(id) ?? []), info.outcome]);
    }
  };
  return { seen, hook };
}

describe('onSettled at the ends', () => {
  for (const ending of ['stop', 'deadline'] as const) {
    it(`each record once, matching the report (${ending})`, async () => {
      const { seen, hook } = tally();
      const { clock, transport, writer } = writerFixture(
        {
          onSettled: hook,
          maxBufferedRecords: 40,
          rate: { initialRequestsPerSecond: { putEvents: 2 }, adaptive: false },
        },
        { latencyMs: 300 },
      );
      transport.rejectRecords((record) => ('itemId' in record && record.itemId === 'item-13' ? 'bad' : undefined));
      transport.failNext(2, { call: 'putEvents', error: new InvalidInputError('once') });
      if (ending === 'stop') {
        let calls = 0;
        const original = transport.putEvents.bind(transport);
        transport.putEvents = (input, options) =>
          ++calls === 5 ? Promise.reject(new FatalTransportError('denied')) : original(input, options);
      }
      const puts: Promise<void>[] = [];
      for (let n = 0; n < 60; n += 1) puts.push(writer.putEvent(event(`s${n % 3}`, n)).catch(() => {}));
      await drive(clock, Promise.all(puts));
      const report = await drive(clock, writer.close(ending === 'deadline' ? { timeoutMs: 1500 } : {}));
      const reported = new Map<string, string>();
      for (const r of report.rejected) reported.set((r.record as { eventId: string }).eventId, 'rejected');
      for (const r of report.undelivered) reported.set((r.record as { eventId: string }).eventId, 'undelivered');
      expect([...seen.values()].every((list) => list.length === 1)).toBe(true);
      expect(seen.size).toBe(report.stats.accepted);
      for (const [id, how] of reported) expect(seen.get(id)).toEqual([how]);
      const delivered = [...seen.values()].filter((list) => list[0] === 'delivered').length;
      expect(delivered).toBe(report.delivered.events);
      expect(report.undelivered.length).toBeGreaterThan(0);
    });
  }
});
