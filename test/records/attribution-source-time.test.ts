/**
 * `eventAttributionSource` is checked in time linear in its length: the model's pattern
 * `^[\x20-\x7E]*[\x21-\x7E]+[\x20-\x7E]*$`, run as a regular expression, backtracks cubically on printable text that
 * ends in a character it refuses (1,000 characters took 0.26 s, 2,000 took 2.3 s, in one put or one fake call).
 */
import { describe, expect, it } from 'vitest';
import { isEventAttributionSource } from '../../src/records/attribution-source.js';
import { toWireRecord } from '../../src/records/validate-record.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { ManualClock } from '../../src/util/manual-clock.js';
import { setUpShop } from '../transport/memory-fixtures.js';

const sentAt = new Date('2026-01-01T00:00:00Z');

describe('eventAttributionSource', () => {
  it('answers as the model pattern does', () => {
    const pattern = /^[\x20-\x7E]*[\x21-\x7E]+[\x20-\x7E]*$/;
    for (const value of ['', ' ', '   ', 'a', ' a ', 'tab\there', '~', '\x7f', 'é', ' x\n', 'ok ok']) {
      expect(isEventAttributionSource(value), JSON.stringify(value)).toBe(pattern.test(value));
    }
  });

  it('refuses a long source with a bad last character at once, in a put', () => {
    const start = performance.now();
    const record = {
      sessionId: 's',
      eventType: 'click',
      sentAt,
      metricAttribution: { eventAttributionSource: `${'a'.repeat(3000)}\t` },
    };
    expect(() => toWireRecord('event', record, () => 'id')).toThrow(/eventAttributionSource/);
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('refuses a source of 1,024 characters with a bad last one at once, in the fake', async () => {
    const transport = new MemoryTransport({ clock: new ManualClock() });
    const shop = setUpShop(transport);
    const source = `${'a'.repeat(1023)}\t`;
    const start = performance.now();
    const call = transport.putEvents({
      trackingId: shop.trackingId,
      sessionId: 's',
      eventList: [{ eventId: 'e', eventType: 'click', sentAt, metricAttribution: { eventAttributionSource: source } }],
    });
    await expect(call).rejects.toThrow(/eventAttributionSource/);
    expect(performance.now() - start).toBeLessThan(100);
  });
});
