/** Issue 7 fault 6: the first fatal error stops the writer; no record is blamed for it. */
import { describe, expect, it } from 'vitest';
import { FatalTransportError, NotFoundError } from '../../src/errors.js';
import { WriterStoppedError } from '../../src/writer/writer-errors.js';
import { drive, event, writerFixture } from './writer-fixture.js';

describe('RecordWriter: a fatal error stops the writer (issue 7 fault 6)', () => {
  it('on an unknown tracking id makes no further call and reports every record undelivered with the cause', async () => {
    const { clock, transport, writer } = writerFixture({
      trackingId: 'unknown-tracker',
      rate: { initialRequestsPerSecond: { putEvents: 1 }, adaptive: false },
    });
    for (let n = 0; n < 30; n += 1) await writer.putEvent(event(`s${n % 3}`, n));
    const report = await drive(clock, writer.flush());
    expect(transport.history).toHaveLength(1);
    expect(report.rejected).toEqual([]);
    expect(report.undelivered).toHaveLength(30);
    expect(new Set(report.undelivered.map((r) => r.code))).toEqual(new Set(['NOT_FOUND']));
    expect(report.stoppedBy).toEqual({ code: 'NOT_FOUND', message: expect.stringContaining('unknown-tracker') });
    const later = writer.putEvent(event('s0', 99));
    await expect(later).rejects.toBeInstanceOf(WriterStoppedError);
    await expect(later).rejects.toMatchObject({ code: 'WRITER_STOPPED', cause: expect.any(NotFoundError) });
    const closed = await drive(clock, writer.close());
    expect(closed.undelivered).toHaveLength(30);
    expect(closed.stats.accepted).toBe(30);
  });

  it('rejects puts waiting for room with the cause, and settles records buffered when it stopped', async () => {
    // No start ramp (startShare 1): both calls go out at the initial 10/s, within the first call's 100 ms.
    const { clock, transport, writer } = writerFixture(
      { maxBufferedRecords: 10, maxBatchSize: 5, rate: { startShare: 1 } },
      { latencyMs: 100 },
    );
    const denied = new FatalTransportError('The security token included in the request is invalid.');
    transport.failNext(1, { call: 'putUsers', error: denied });
    for (let n = 0; n < 10; n += 1) await writer.putUser({ userId: `u${n}` });
    const waiting = writer.putUser({ userId: 'u10' });
    await expect(drive(clock, waiting)).rejects.toMatchObject({ name: 'WriterStoppedError', cause: denied });
    const report = await drive(clock, writer.close());
    // Both calls of 5 were in flight when the first failed: the second lands; nothing is sent after.
    expect(transport.history.map((r) => r.outcome)).toEqual(['error', 'ok']);
    expect(report.delivered.users).toBe(5);
    expect(report.undelivered).toHaveLength(5);
    expect(report.rejected).toEqual([]);
    expect(report.undelivered.every((r) => r.code === 'FATAL')).toBe(true);
    expect(report.stoppedBy).toEqual({ code: 'FATAL', message: denied.message });
  });

  it('settles records still buffered when it stops as undelivered, without a call', async () => {
    const { clock, transport, writer } = writerFixture({ trackingId: 'unknown-tracker', flushIntervalMs: 60_000 });
    // The open chunk first: once the full one's call has failed, the writer refuses puts.
    for (let n = 0; n < 3; n += 1) await writer.putEvent(event('open', n)); // waits for the flush interval
    for (let n = 0; n < 10; n += 1) await writer.putEvent(event('full', n)); // sent at once
    await clock.advance(0);
    expect(writer.stats).toMatchObject({ buffered: 0, inFlight: 0 });
    expect(transport.history).toHaveLength(1);
    const report = await drive(clock, writer.close());
    expect(report.undelivered.filter((r) => (r.record as { sessionId: string }).sessionId === 'open')).toHaveLength(3);
    expect(report.undelivered).toHaveLength(13);
  });

  it('has no stoppedBy when nothing fatal happened', async () => {
    const { clock, writer } = writerFixture();
    await writer.putUser({ userId: 'u1' });
    const report = await drive(clock, writer.close());
    expect(report.stoppedBy).toBeUndefined();
  });
});
