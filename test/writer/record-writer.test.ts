import { describe, expect, it, vi } from 'vitest';
import { ConflictError, InvalidInputError, InvalidOptionsError, TransientError } from '../../src/errors.js';
import { RecordValidationError } from '../../src/records/record-validation-error.js';
import { systemClock } from '../../src/util/clock.js';
import { flushPromises, ManualClock } from '../../src/util/manual-clock.js';
import type { BatchInfo } from '../../src/writer/report.js';
import { WriterClosedError } from '../../src/writer/writer-errors.js';
import { drive, event, writerFixture } from './writer-fixture.js';

const putEventsCalls = (history: readonly { call: string; input: unknown }[]) =>
  history
    .filter((record) => record.call === 'putEvents')
    .map((record) => record.input as { sessionId: string; eventList: { eventId: string }[] });

describe('RecordWriter: grouping and chunking', () => {
  it('groups interleaved events by session and user before chunking', async () => {
    const { clock, transport, writer } = writerFixture();
    for (let n = 0; n < 12; n += 1) {
      for (const session of ['a', 'b', 'c']) await writer.putEvent(event(session, n));
    }
    const report = await drive(clock, writer.flush());
    const calls = putEventsCalls(transport.history);
    expect(calls.map((call) => call.eventList.length).sort((x, y) => x - y)).toEqual([2, 2, 2, 10, 10, 10]);
    for (const call of calls) expect(call.eventList.every((e) => e.eventId.startsWith('evt-'))).toBe(true);
    expect(new Set(calls.map((call) => call.sessionId))).toEqual(new Set(['a', 'b', 'c']));
    expect(report.delivered.events).toBe(36);
    expect(transport.events()).toHaveLength(36);
  });

  it('sends a full chunk at once, without waiting for the flush interval', async () => {
    const { clock, transport, writer } = writerFixture({ flushIntervalMs: 60_000 });
    for (let n = 0; n < 10; n += 1) await writer.putEvent(event('s', n));
    await clock.advance(0);
    expect(putEventsCalls(transport.history)).toHaveLength(1);
  });

  it('sends a partial chunk once its oldest record has waited flushIntervalMs', async () => {
    const { clock, transport, writer } = writerFixture({ flushIntervalMs: 1000 });
    await writer.putEvent(event('s', 1));
    await clock.advance(500);
    await writer.putEvent(event('s', 2));
    await clock.advance(499);
    expect(transport.history).toHaveLength(0);
    await clock.advance(1);
    expect(putEventsCalls(transport.history).map((call) => call.eventList.length)).toEqual([2]);
  });

  it('lets a chunk sealed by the interval take more records of its group while its call waits its turn', async () => {
    const { clock, transport, writer } = writerFixture({
      flushIntervalMs: 100,
      rate: { initialRequestsPerSecond: { putEvents: 1 }, adaptive: false },
    });
    for (let n = 0; n < 10; n += 1) await writer.putEvent(event('a', n)); // full: takes the first slot at t=0
    await writer.putEvent(event('b', 0));
    await clock.advance(500); // b's chunk was sealed at t=100 and waits for the slot at t=1000
    for (let n = 1; n < 5; n += 1) await writer.putEvent(event('b', n));
    await clock.advance(500);
    await writer.putEvent(event('b', 5)); // its call has gone out: this one starts a new chunk
    await drive(clock, writer.flush());
    expect(putEventsCalls(transport.history).map((call) => [call.sessionId, call.eventList.length])).toEqual([
      ['a', 10],
      ['b', 5],
      ['b', 1],
    ]);
  });

  it('respects a smaller maxBatchSize', async () => {
    const { clock, transport, writer } = writerFixture({ maxBatchSize: 3 });
    for (let n = 0; n < 7; n += 1) await writer.putEvent(event('s', n));
    await drive(clock, writer.flush());
    expect(putEventsCalls(transport.history).map((call) => call.eventList.length)).toEqual([3, 3, 1]);
  });

  it('chunks users, items and actions by dataset, and the fake upserts them by id', async () => {
    const { clock, transport, writer, datasets } = writerFixture();
    await writer.putUser({ userId: 'u1', properties: { tier: 'free' } });
    await writer.putUser({ userId: 'u1', properties: { tier: 'gold' } });
    await writer.putItem({ itemId: 'i1', properties: { genres: ['a', 'b'] } });
    await writer.putAction({ actionId: 'x1' });
    const report = await drive(clock, writer.flush());
    expect(report.delivered).toMatchObject({ users: 2, items: 1, actions: 1 });
    expect(transport.users(datasets.users)).toEqual([{ userId: 'u1', properties: '{"tier":"gold"}' }]);
    expect(transport.items(datasets.items)).toEqual([{ itemId: 'i1', properties: '{"genres":"a|b"}' }]);
  });
});

describe('RecordWriter: validation and configuration', () => {
  it('rejects an invalid record at put, naming the field, and never sends it', async () => {
    const { clock, transport, writer } = writerFixture();
    await expect(writer.putEvent(event('s', 1, { itemId: 'x'.repeat(300) }))).rejects.toMatchObject({
      code: 'RECORD_VALIDATION',
      field: 'itemId',
    });
    await writer.putEvent(event('s', 2));
    const report = await drive(clock, writer.flush());
    expect(report.stats).toMatchObject({ refused: 1, accepted: 1 });
    expect(transport.events()).toHaveLength(1);
  });

  it('says which option a put needs when it is missing', async () => {
    const { transport } = writerFixture();
    const { RecordWriter } = await import('../../src/writer/record-writer.js');
    const writer = new RecordWriter({ transport });
    await expect(writer.putUser({ userId: 'u' })).rejects.toThrow(/datasets\.users/);
    await expect(writer.putEvent(event('s', 1))).rejects.toBeInstanceOf(InvalidOptionsError);
  });

  it.each([
    [{ maxBatchSize: 11 }, /`maxBatchSize` to be an integer in 1\.\.10, got `11`/],
    [{ maxBatchSize: 0 }, /`maxBatchSize`/],
    [{ flushIntervalMs: -1 }, /`flushIntervalMs`/],
    [{ rate: { decreaseFactor: 1.5 } }, /`rate\.decreaseFactor`/],
    [{ datasets: { users: 'not-an-arn' } }, /`datasets\.users`/],
    [{ trackingId: '' }, /`trackingId`/],
  ])('refuses bad options at construction: %j', async (options, message) => {
    const { transport } = writerFixture();
    const { RecordWriter } = await import('../../src/writer/record-writer.js');
    expect(() => new RecordWriter({ transport, ...options })).toThrow(message);
  });
});

describe('RecordWriter: retries and rejected records', () => {
  it('assigns eventIds at enqueue, so a retried call sends the same events and the service keeps one copy', async () => {
    const { clock, transport, writer } = writerFixture();
    transport.throttleNext(2, { call: 'putEvents' });
    for (let n = 0; n < 3; n += 1) await writer.putEvent(event('s', n));
    const report = await drive(clock, writer.flush());
    const calls = putEventsCalls(transport.history);
    expect(calls).toHaveLength(3);
    const ids = calls.map((call) => call.eventList.map((e) => e.eventId).join());
    expect(new Set(ids).size).toBe(1);
    expect(report.stats).toMatchObject({ throttled: 2, retried: 2, calls: 3 });
    expect(transport.events()).toHaveLength(3);
  });

  it('retries transient faults but never invalid input', async () => {
    const { clock, transport, writer } = writerFixture();
    transport.failNext(1, { call: 'putUsers', error: new TransientError('InternalFailure') });
    await writer.putUser({ userId: 'u1' });
    expect((await drive(clock, writer.flush())).delivered.users).toBe(1);
    expect(transport.history.filter((r) => r.call === 'putUsers')).toHaveLength(2);

    transport.failNext(1, { call: 'putUsers', error: new InvalidInputError('bad') });
    await writer.putUser({ userId: 'u2' });
    const report = await drive(clock, writer.flush());
    expect(report.rejected).toEqual([
      { kind: 'user', record: { userId: 'u2' }, code: 'INVALID_INPUT', message: 'bad' },
    ]);
    expect(transport.history.filter((r) => r.call === 'putUsers')).toHaveLength(3);
  });

  it.each([0, 4, 9])(
    'isolates a rejected record at position %i, delivers the other nine, within 6 extra calls',
    async (bad) => {
      const { clock, transport, writer } = writerFixture();
      transport.rejectRecords((record) =>
        'itemId' in record && record.itemId === `item-${bad}` ? `Invalid item ${bad}` : undefined,
      );
      for (let n = 0; n < 10; n += 1) await writer.putEvent(event('s', n));
      const report = await drive(clock, writer.flush());
      expect(report.delivered.events).toBe(9);
      expect(report.rejected).toHaveLength(1);
      expect(report.rejected[0]).toMatchObject({
        kind: 'event',
        code: 'INVALID_INPUT',
        message: `Invalid item ${bad}`,
      });
      expect(report.rejected[0]?.record).toMatchObject({ itemId: `item-${bad}`, eventId: `evt-${bad + 1}` });
      expect(report.stats.bisectionCalls).toBeLessThanOrEqual(6);
      expect(
        transport
          .events()
          .map((e) => e.itemId)
          .sort(),
      ).toEqual(
        Array.from({ length: 10 }, (_, n) => `item-${n}`)
          .filter((id) => id !== `item-${bad}`)
          .sort(),
      );
    },
  );

  it('isolates several rejected records in one call', async () => {
    const { clock, transport, writer } = writerFixture();
    const bad = new Set(['item-1', 'item-2', 'item-7']);
    transport.rejectRecords((record) => ('itemId' in record && bad.has(record.itemId ?? '') ? 'nope' : undefined));
    for (let n = 0; n < 10; n += 1) await writer.putEvent(event('s', n));
    const report = await drive(clock, writer.flush());
    expect(report.delivered.events).toBe(7);
    expect(report.rejected.map((r) => (r.record as { itemId: string }).itemId).sort()).toEqual([...bad].sort());
  });

  it('reports records undelivered when retries run out, and keeps going with the rest', async () => {
    const { clock, transport, writer } = writerFixture({ retry: { retries: 2 } });
    transport.throttleNext(3, { call: 'putItems' });
    await writer.putItem({ itemId: 'i1' });
    await writer.putUser({ userId: 'u1' });
    const report = await drive(clock, writer.flush());
    expect(report.undelivered).toEqual([
      { kind: 'item', record: { itemId: 'i1' }, code: 'THROTTLED', message: expect.any(String) },
    ]);
    expect(report.delivered.users).toBe(1);
  });

  it('gives up retrying when the time budget is spent', async () => {
    const { clock, transport, writer } = writerFixture({
      retry: { retries: 100, initialDelayMs: 1000, maxDelayMs: 1000, timeoutMs: 2500 },
    });
    transport.failNext(100, { call: 'putUsers' });
    await writer.putUser({ userId: 'u1' });
    const report = await drive(clock, writer.flush());
    expect(report.undelivered[0]?.code).toBe('TRANSIENT');
    // random 0.5 → 500 ms a retry: attempts at 0, 500, …, 2500; a seventh at 3000 would exceed the budget.
    expect(transport.history.filter((r) => r.call === 'putUsers').map((r) => r.at - ManualClock.START)).toEqual([
      0, 500, 1000, 1500, 2000, 2500,
    ]);
  });

  it('reports records of a call refused because the dataset is in use as undelivered, safe to send again', async () => {
    const { clock, transport, writer } = writerFixture();
    transport.failNext(1, { call: 'putItems', error: new ConflictError('Dataset is in use', { reason: 'IN_USE' }) });
    await writer.putItem({ itemId: 'i1' });
    const report = await drive(clock, writer.flush());
    expect(report.undelivered).toEqual([
      { kind: 'item', record: { itemId: 'i1' }, code: 'CONFLICT', message: 'Dataset is in use' },
    ]);
    expect(report.rejected).toEqual([]);
  });

  it('reports every record of a call to an unknown tracking id undelivered as NOT_FOUND, without retrying', async () => {
    const { clock, transport, writer } = writerFixture({ trackingId: 'unknown-tracker' });
    await writer.putEvent(event('s', 1));
    const report = await drive(clock, writer.flush());
    expect(report.rejected).toEqual([]);
    expect(report.undelivered.map((r) => r.code)).toEqual(['NOT_FOUND']);
    expect(report.stoppedBy?.code).toBe('NOT_FOUND');
    expect(transport.history).toHaveLength(1);
  });

  it('tells onBatch how each call ended, and survives a throwing hook', async () => {
    const infos: BatchInfo[] = [];
    const { clock, transport, writer } = writerFixture({
      onBatch: (info) => {
        infos.push(info);
        throw new Error('metrics are down');
      },
      rate: { startShare: 1 }, // no start ramp: the rate is the initial 10/s from the first call
    });
    transport.throttleNext(1);
    await writer.putUser({ userId: 'u1' });
    await drive(clock, writer.flush());
    // The throttle halved the rate (10/s → 5/s, nothing achieved yet to measure): the retry waited 200 ms for its slot.
    expect(infos).toEqual([{ call: 'putUsers', records: 1, outcome: 'delivered', attempts: 2, durationMs: 200 }]);
  });
});

describe('RecordWriter: backpressure, flush and close', () => {
  it('makes put wait while maxBufferedRecords are held, and resumes as calls end', async () => {
    const { clock, writer } = writerFixture({ maxBufferedRecords: 10 }, { latencyMs: 100 });
    for (let n = 0; n < 10; n += 1) await writer.putEvent(event('s', n));
    let accepted = false;
    const eleventh = writer.putEvent(event('s', 10)).then(() => {
      accepted = true;
    });
    await clock.advance(99);
    expect(accepted).toBe(false);
    expect(writer.stats).toMatchObject({ inFlight: 10, buffered: 0 });
    await clock.advance(1);
    await eleventh;
    expect(accepted).toBe(true);
  });

  it('sends partial chunks early when the buffer is full and nothing is in flight', async () => {
    const { clock, transport, writer } = writerFixture({ maxBufferedRecords: 10, flushIntervalMs: 600_000 });
    for (let n = 0; n < 10; n += 1) await writer.putEvent(event(`s${n}`, n));
    const eleventh = writer.putEvent(event('s10', 10));
    await clock.advance(0);
    await eleventh;
    expect(putEventsCalls(transport.history)).toHaveLength(1);
  });

  it('closes: drains, refuses further writes, and answers a second close with the same report', async () => {
    const { clock, transport, writer } = writerFixture();
    await writer.putEvent(event('s', 1));
    const report = await drive(clock, writer.close());
    expect(report.delivered.events).toBe(1);
    expect(transport.events()).toHaveLength(1);
    await expect(writer.putEvent(event('s', 2))).rejects.toBeInstanceOf(WriterClosedError);
    expect(writer.closed).toBe(true);
    expect(await writer.close()).toBe(report);
  });

  it('rejects puts waiting for room when the writer closes', async () => {
    const { clock, writer } = writerFixture({ maxBufferedRecords: 10 }, { latencyMs: 100 });
    for (let n = 0; n < 10; n += 1) await writer.putEvent(event('s', n));
    const waiting = writer.putEvent(event('s', 10));
    const closing = writer.close();
    await expect(waiting).rejects.toBeInstanceOf(WriterClosedError);
    const report = await drive(clock, closing);
    expect(report.delivered.events).toBe(10);
  });

  it('at the close deadline aborts what is in flight and reports it undelivered, outcome unknown', async () => {
    const { clock, writer } = writerFixture({}, { latencyMs: 10_000 });
    await writer.putEvent(event('s', 1));
    await writer.putUser({ userId: 'u1' });
    const report = await drive(clock, writer.close({ timeoutMs: 1000 }));
    expect(clock.now() - ManualClock.START).toBe(1000);
    expect(report.undelivered.map((r) => [r.kind, r.code])).toEqual(
      expect.arrayContaining([
        ['event', 'OUTCOME_UNKNOWN'],
        ['user', 'OUTCOME_UNKNOWN'],
      ]),
    );
    expect(report.delivered.events + report.delivered.users).toBe(0);
  });

  it('queues hundreds of calls on its abort signal without a MaxListenersExceeded warning', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const { clock, writer } = writerFixture({ rate: { initialRequestsPerSecond: { putEvents: 1 } } });
      for (let n = 0; n < 300; n += 1) await writer.putEvent(event(`s${n}`, n));
      await clock.advance(1000); // every chunk sealed and waiting in the limiter's queue
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
      expect(writer.stats.inFlight).toBe(299); // the first call went out at once; 299 wait on the signal
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('flush timers do not keep the process alive', () => {
    const spy = vi.spyOn(globalThis, 'setTimeout');
    try {
      const handle = systemClock.setTimer(() => {}, 60_000);
      const timer = spy.mock.results.at(-1)?.value as NodeJS.Timeout;
      expect(timer.hasRef()).toBe(false);
      handle.cancel();
    } finally {
      spy.mockRestore();
    }
  });

  it('rejects a record with a RecordValidationError even when the buffer is full', async () => {
    const { writer } = writerFixture({ maxBufferedRecords: 10 }, { latencyMs: 100 });
    for (let n = 0; n < 10; n += 1) await writer.putEvent(event('s', n));
    await expect(writer.putEvent(event('s', 1, { eventType: '' }))).rejects.toBeInstanceOf(RecordValidationError);
    await flushPromises();
  });
});
