/** Issue 7 fault 7: a record is rejected only when a call of that record alone was refused. */
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors.js';
import type { PutEventsInput } from '../../src/transport/transport.js';
import { drive, event, writerFixture } from './writer-fixture.js';

describe('RecordWriter: rejected only when refused alone (issue 7 fault 7)', () => {
  it('a call rejected once as invalid, then accepted, blames no record', async () => {
    const { clock, transport, writer } = writerFixture();
    transport.failNext(1, { call: 'putEvents', error: new InvalidInputError('Rejected once') });
    for (let n = 0; n < 10; n += 1) await writer.putEvent(event('s', n));
    const report = await drive(clock, writer.flush());
    expect(report.rejected).toEqual([]);
    expect(report.delivered.events).toBe(10);
    expect(transport.events()).toHaveLength(10);
  });

  it('every rejected record was refused in a call of its own', async () => {
    const { clock, transport, writer } = writerFixture();
    transport.rejectRecords((record) => ('itemId' in record && record.itemId === 'item-9' ? 'bad' : undefined));
    transport.failNext(1, { call: 'putEvents', error: new InvalidInputError('Rejected once') });
    for (let n = 0; n < 10; n += 1) await writer.putEvent(event('s', n));
    const report = await drive(clock, writer.flush());
    const refusedAlone = transport.history
      .filter((r) => r.call === 'putEvents' && r.outcome === 'error')
      .map((r) => (r.input as PutEventsInput).eventList)
      .filter((list) => list.length === 1)
      .map((list) => list[0]?.eventId);
    expect(report.rejected.map((r) => (r.record as { eventId: string }).eventId)).toEqual(['evt-10']);
    expect(refusedAlone).toContain('evt-10');
    expect(report.delivered.events).toBe(9);
  });
});
