import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FatalTransportError } from '../../src/errors.js';
import { MAX_RECORDS_PER_CALL } from '../../src/limits.js';
import { RecordValidationError } from '../../src/records/record-validation-error.js';
import { WriterStoppedError } from '../../src/writer/writer-errors.js';
import { drive, writerFixture } from './writer-fixture.js';

const id = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'x'.repeat(257), 'undefined');
const recordArbitrary = fc.oneof(
  fc.record({ kind: fc.constant('event' as const), session: id, item: id, user: fc.option(id, { nil: undefined }) }),
  fc.record({ kind: fc.constant('user' as const), id }),
  fc.record({ kind: fc.constant('item' as const), id }),
);

/** Events by their eventId, users and items by their id (unique enough: one kind of each per run). */
const idOf = (record: unknown) => {
  const { eventId, userId, itemId } = record as { eventId?: string; userId?: string; itemId?: string };
  return eventId ?? (userId !== undefined ? `user ${userId}` : `item ${itemId}`);
};

describe('RecordWriter: no record vanishes (property)', () => {
  it('any stream of records, valid or not, with service rejections and faults, ends accounted for', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(recordArbitrary, { maxLength: 60 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 3 }),
        fc.boolean(),
        async (records, maxBatchSize, throttles, faults, fatal) => {
          const { clock, transport, writer } = writerFixture({
            maxBatchSize,
            maxBufferedRecords: 20,
            retry: { retries: 2 },
          });
          transport.rejectRecords((record) =>
            'itemId' in record && record.itemId === 'e' ? 'item e is refused' : undefined,
          );
          if (throttles > 0) transport.throttleNext(throttles);
          if (faults > 0) transport.failNext(faults);
          // After the transient faults, one call fails for good (bad credentials): the writer stops.
          if (fatal) transport.failNext(1, { error: new FatalTransportError('The security token is invalid') });
          let refused = 0;
          let stopped = 0;
          for (const record of records) {
            const put =
              record.kind === 'event'
                ? writer.putEvent({
                    sessionId: record.session,
                    eventType: 'view',
                    itemId: record.item,
                    sentAt: new Date(0),
                    ...(record.user === undefined ? {} : { userId: record.user }),
                  })
                : record.kind === 'user'
                  ? writer.putUser({ userId: record.id })
                  : writer.putItem({ itemId: record.id });
            try {
              await drive(clock, put);
            } catch (error) {
              if (error instanceof WriterStoppedError) {
                stopped += 1;
                continue;
              }
              expect(error).toBeInstanceOf(RecordValidationError);
              refused += 1;
            }
          }
          const report = await drive(clock, writer.close());
          const delivered = Object.values(report.delivered).reduce((sum, n) => sum + n, 0);
          expect(report.stats.accepted + refused + stopped).toBe(records.length);
          if (stopped > 0) expect(report.stoppedBy?.code).toBe('FATAL');
          expect(delivered + report.rejected.length + report.undelivered.length).toBe(report.stats.accepted);
          expect(report.stats).toMatchObject({ buffered: 0, inFlight: 0 });
          for (const call of transport.history) {
            const input = call.input as { eventList?: unknown[]; users?: unknown[]; items?: unknown[] };
            const size = (input.eventList ?? input.users ?? input.items ?? []).length;
            expect(size).toBeGreaterThan(0);
            expect(size).toBeLessThanOrEqual(Math.min(maxBatchSize, MAX_RECORDS_PER_CALL));
          }
          // What the fake stored is what the report says was delivered, and no event is stored twice.
          const storedEvents = transport.events();
          expect(storedEvents).toHaveLength(report.delivered.events);
          expect(new Set(storedEvents.map((e) => e.eventId)).size).toBe(storedEvents.length);
          expect(
            report.rejected.every(
              (r) => r.code === 'INVALID_INPUT' && (r.record as { itemId?: string }).itemId === 'e',
            ),
          ).toBe(true);
          // A record is rejected only when a call holding it alone was refused.
          const refusedAlone = transport.history
            .filter((call) => call.outcome === 'error')
            .map((call) => call.input as { eventList?: unknown[]; users?: unknown[]; items?: unknown[] })
            .map((input) => input.eventList ?? input.users ?? input.items ?? [])
            .filter((list) => list.length === 1)
            .map((list) => idOf(list[0]));
          for (const rejected of report.rejected) expect(refusedAlone).toContain(idOf(rejected.record));
        },
      ),
      { numRuns: 60 },
    );
  });
});
