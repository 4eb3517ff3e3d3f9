import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordKind } from '../../src/records/kinds.js';
import { RecordValidationError } from '../../src/records/record-validation-error.js';
import { recordSchemas } from '../../src/records/schemas.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { ManualClock } from '../../src/util/manual-clock.js';
import { RecordWriter } from '../../src/writer/record-writer.js';
import { drive } from '../writer/writer-fixture.js';
import { type HostileRecord, hostileRecord } from './support/hostile-records.js';
import { PUT, setUp, TRACKING_ID } from './support/run-mix.js';

const ID_FIELD = { user: 'userId', item: 'itemId', action: 'actionId' } as const;

function fixture() {
  const clock = new ManualClock();
  const transport = new MemoryTransport({ clock });
  const { datasets, actionInteractionsTrackingId } = setUp(transport);
  let generated = 0;
  const writer = new RecordWriter({
    transport,
    trackingId: TRACKING_ID,
    actionInteractionsTrackingId,
    datasets,
    clock,
    flushIntervalMs: 10,
    generateEventId: () => `gen-${++generated}`,
  });
  return { clock, transport, writer, datasets, lastGenerated: () => generated };
}

/**
 * `properties` as entries, as they travel: a string array is one `|`-joined string (a multi-valued categorical
 * value, src/records/properties.ts), and `-0` is JSON's `0`.
 */
function entries(value: unknown): Array<[string, unknown]> {
  const list = Object.entries(value as Record<string, unknown>).map(
    ([key, v]) => [key, Object.is(v, -0) ? 0 : Array.isArray(v) ? v.join('|') : v] as [string, unknown],
  );
  return list.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function expectSame(
  kind: RecordKind,
  given: Record<string, unknown>,
  stored: Record<string, unknown> | undefined,
): void {
  expect(stored, `the ${kind} was accepted but not stored`).toBeDefined();
  for (const [field, value] of Object.entries(given)) {
    if (value === undefined) continue;
    const kept = stored?.[field];
    if (field === 'properties') expect(entries(JSON.parse(String(kept)))).toEqual(entries(value));
    else if (value instanceof Date) expect((kept as Date).getTime()).toBe(value.getTime());
    else expect(kept, `field ${field}`).toEqual(value);
  }
}

function storedOf(f: ReturnType<typeof fixture>, kind: RecordKind, id: string): Record<string, unknown> | undefined {
  const find = (list: readonly object[], field: string) =>
    list.find((r) => (r as Record<string, unknown>)[field] === id) as Record<string, unknown> | undefined;
  if (kind === 'event') return find(f.transport.events(), 'eventId');
  if (kind === 'actionInteraction') return find(f.transport.actionInteractions(), 'eventId');
  if (kind === 'user') return find(f.transport.users(f.datasets.users), 'userId');
  if (kind === 'item') return find(f.transport.items(f.datasets.items), 'itemId');
  return find(f.transport.actions(f.datasets.actions), 'actionId');
}

/** The field an error names belongs to the record: one it has, or one its kind requires. */
function expectFieldOfRecord(error: RecordValidationError, hostile: HostileRecord): void {
  const root = error.field.split(/[.[]/)[0] ?? '';
  const record = hostile.record;
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    expect(error.field).toBe('(record)');
    return;
  }
  const known = Object.keys(recordSchemas[hostile.kind].shape);
  expect([...Object.keys(record), ...known], `field \`${error.field}\` of ${error.message}`).toContain(root);
}

describe('hostile records (issue 7)', () => {
  it('each put* either sends the record exactly as given or refuses it naming its field; the writer keeps working', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(hostileRecord(), { minLength: 1, maxLength: 6 }), async (hostiles) => {
        const f = fixture();
        const accepted: Array<{ kind: RecordKind; given: Record<string, unknown>; id: string }> = [];
        for (const hostile of hostiles) {
          const before = f.lastGenerated();
          try {
            await drive(
              f.clock,
              (f.writer[PUT[hostile.kind]] as (r: unknown) => Promise<void>).call(f.writer, hostile.record),
            );
          } catch (error) {
            expect(error).toBeInstanceOf(RecordValidationError);
            expectFieldOfRecord(error as RecordValidationError, hostile);
            continue;
          }
          const given = hostile.record as Record<string, unknown>;
          const assigned = f.lastGenerated() > before ? `gen-${f.lastGenerated()}` : undefined;
          const kind = hostile.kind;
          const id =
            kind === 'event' || kind === 'actionInteraction'
              ? String(given.eventId ?? assigned)
              : String(given[ID_FIELD[kind]]);
          accepted.push({ kind, given, id });
        }
        // The writer still works after whatever came before.
        await drive(f.clock, f.writer.putUser({ userId: 'after-the-storm' }));
        const report = await drive(f.clock, f.writer.close());
        expect(report.rejected, 'an accepted record reached the transport invalid').toEqual([]);
        expect(report.undelivered).toEqual([]);
        expect(storedOf(f, 'user', 'after-the-storm')).toBeDefined();
        for (const { kind, given, id } of accepted) expectSame(kind, given, storedOf(f, kind, id));
      }),
      { seed: 7, numRuns: 120 },
    );
    // Megabyte strings go through validation, the fake's checks and the comparison: seconds, more on a busy machine.
  }, 90_000);
});
