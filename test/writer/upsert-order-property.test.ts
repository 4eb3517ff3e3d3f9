/**
 * Adversarial: random puts of a few items (fired without awaiting, so that some wait for room), random clock steps
 * and random failed calls. Whatever happens, every accepted record settles once, and each item stored is its latest
 * version delivered: no later put is undone by an earlier one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drive, writerFixture } from './writer-fixture.js';

type Op = { put: string } | { advance: number } | { fail: number } | { flush: true };
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f').map((put) => ({ put })) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 400 }).map((advance) => ({ advance })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }).map((fail) => ({ fail })) },
  { weight: 1, arbitrary: fc.constant({ flush: true as const }) },
);

describe('RecordWriter: upserts in put order, on random runs', () => {
  it('stores the latest delivered version of each item, and settles every record once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 10, max: 30 }),
        fc.integer({ min: 0, max: 300 }),
        fc.option(fc.integer({ min: 0, max: 1000 })),
        async (ops, maxBatchSize, maxBufferedRecords, latencyMs, timeoutMs) => {
          const { clock, transport, writer, datasets } = writerFixture(
            { maxBatchSize, maxBufferedRecords, flushIntervalMs: 100 },
            { latencyMs },
          );
          let version = 0;
          const puts: Promise<void>[] = [];
          let settledRecords = 0;
          for (const o of ops) {
            if ('put' in o) {
              version += 1;
              puts.push(writer.putItem({ itemId: o.put, properties: { version } }));
            } else if ('advance' in o) await clock.advance(o.advance);
            else if ('fail' in o) transport.failNext(o.fail, { call: 'putItems' });
            else void writer.flush();
          }
          if (timeoutMs === null) await drive(clock, Promise.all(puts));
          else for (const put of puts) put.catch(() => {});
          const report = await drive(clock, writer.close(timeoutMs === null ? {} : { timeoutMs }));
          settledRecords = report.delivered.items + report.undelivered.length + report.rejected.length;
          const refused = (await Promise.allSettled(puts)).filter((p) => p.status === 'rejected').length;
          expect(settledRecords + refused).toBe(version);
          const stored = transport.items(datasets.items);
          for (const item of stored) {
            const calls = transport.history
              .filter((h) => h.call === 'putItems' && h.outcome === 'ok')
              .flatMap((h) => (h.input as { items: { itemId: string; properties: string }[] }).items)
              .filter((i) => i.itemId === item.itemId)
              .map((i) => JSON.parse(i.properties).version as number);
            expect(JSON.parse(item.properties as string).version).toBe(Math.max(...calls));
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
