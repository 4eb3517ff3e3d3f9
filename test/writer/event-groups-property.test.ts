/**
 * Adversarial: events of random sessions and users (ids that would collide if joined: `a\u0000b` + `c` and `a` +
 * `b\u0000c`, no user), put at random times. Every event goes once, in a call of its own session and user, and no
 * call leaves later than `flushIntervalMs` after the first put of its records (one flush timer for the oldest chunk).
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallLane } from '../../src/writer/call-lane.js';
import type { Chunk } from '../../src/writer/chunk.js';
import { drive, writerFixture } from './writer-fixture.js';

const FLUSH_MS = 100;
const session = fc.constantFrom('a', 'a\u0000b', 'b', 's');
const user = fc.constantFrom(undefined, 'c', 'b\u0000c', 'u');
type Op = { session: string; user: string | undefined } | { advance: number };
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ session, user }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 150 }).map((advance) => ({ advance })) },
);

const deliver = CallLane.prototype.deliver;
afterEach(() => {
  vi.restoreAllMocks();
});

describe('RecordWriter: event groups and the flush interval, on random runs', () => {
  it('sends each event once, in its group, within the flush interval', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 1, max: 10 }),
        async (ops, maxBatchSize) => {
          const { clock, transport, writer } = writerFixture({
            maxBatchSize,
            flushIntervalMs: FLUSH_MS,
          });
          const sealed: { at: number; chunk: Chunk }[] = [];
          vi.restoreAllMocks();
          vi.spyOn(CallLane.prototype, 'deliver').mockImplementation(function (this: CallLane, chunk: Chunk) {
            sealed.push({ at: clock.now(), chunk });
            return deliver.call(this, chunk);
          });
          const putAt = new Map<string, { at: number; session: string; user: string | undefined }>();
          let n = 0;
          for (const o of ops) {
            if ('advance' in o) {
              await clock.advance(o.advance);
              continue;
            }
            n += 1;
            const eventId = `e${n}`;
            putAt.set(eventId, { at: clock.now(), session: o.session, user: o.user });
            const record: Record<string, unknown> = {
              sessionId: o.session,
              eventType: 'click',
              sentAt: new Date(1_700_000_000_000),
              eventId,
            };
            if (o.user !== undefined) record.userId = o.user;
            await writer.putEvent(record as never);
          }
          await drive(clock, writer.close());
          const seen = new Set<string>();
          for (const h of transport.history.filter((entry) => entry.call === 'putEvents')) {
            const input = h.input as { sessionId: string; userId?: string; eventList: { eventId: string }[] };
            for (const e of input.eventList) {
              expect(seen.has(e.eventId)).toBe(false);
              seen.add(e.eventId);
              const put = putAt.get(e.eventId) as { session: string; user: string | undefined };
              expect(input.sessionId).toBe(put.session);
              expect(input.userId).toBe(put.user);
            }
          }
          expect(seen.size).toBe(n);
          // Each chunk was sealed no later than `flushIntervalMs` after its first record was put.
          for (const { at, chunk } of sealed) {
            const ids = chunk.wires.map((wire) => (wire as { eventId: string }).eventId);
            const first = Math.min(...ids.map((id) => (putAt.get(id) as { at: number }).at));
            expect(at - first).toBeLessThanOrEqual(FLUSH_MS);
          }
          expect(sealed.reduce((sum, { chunk }) => sum + chunk.size, 0)).toBe(n);
        },
      ),
      { numRuns: 500 },
    );
  });
});
