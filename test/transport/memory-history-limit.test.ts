/**
 * `historyLimit`: a fake that runs long (`personalize-import serve`, a load test) kept a copy of every record it was
 * sent, however many; the history keeps the latest calls only when told to.
 */
import { describe, expect, it } from 'vitest';
import { InvalidOptionsError } from '../../src/errors.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';

const TRACKING_ID = 'tracker';

async function putEvents(transport: MemoryTransport, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await transport.putEvents({
      trackingId: TRACKING_ID,
      sessionId: `s${i}`,
      eventList: [{ eventId: `e${i}`, eventType: 'click', itemId: 'i', sentAt: new Date(0) }],
    });
  }
}

function fake(historyLimit?: number): MemoryTransport {
  return new MemoryTransport(historyLimit === undefined ? { strict: false } : { strict: false, historyLimit });
}

describe('MemoryTransport historyLimit', () => {
  it('keeps every call by default', async () => {
    const transport = fake();
    await putEvents(transport, 2_500);
    expect(transport.history).toHaveLength(2_500);
  });

  it('keeps the latest calls, oldest dropped first, however many come', async () => {
    const transport = fake(3);
    await putEvents(transport, 5_000);
    expect(transport.callsOf('putEvents').map((call) => call.input.sessionId)).toEqual(['s4997', 's4998', 's4999']);
    expect(transport.history).toHaveLength(3);
  });

  it('keeps none with 0, and still stores what the calls put', async () => {
    const transport = fake(0);
    await putEvents(transport, 10);
    expect(transport.history).toHaveLength(0);
    expect(transport.events(TRACKING_ID)).toHaveLength(10);
  });

  it.each([-1, 1.5, Number.NaN, '3'])('refuses %s, naming the option', (historyLimit) => {
    expect(() => new MemoryTransport({ historyLimit: historyLimit as number })).toThrow(InvalidOptionsError);
    expect(() => new MemoryTransport({ historyLimit: historyLimit as number })).toThrow(/`historyLimit`/);
  });
});
