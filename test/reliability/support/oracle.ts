/**
 * The conservation oracle of the reliability suite (issue 7): after the writers close, every accepted record ends
 * exactly once as delivered, rejected or undelivered; rejected ⇒ the transport's history holds a call with that
 * record alone refused as invalid input; delivered ⇒ stored; undelivered with a code other than `OUTCOME_UNKNOWN` ⇒
 * not stored; nothing stored twice; nothing stored that was never accepted.
 * @module
 */
import type { RecordKind } from '../../../src/records/kinds.js';
import type { MemoryTransport } from '../../../src/transport/memory/memory-transport.js';
import type { WriterReport } from '../../../src/writer/report.js';

/** The kinds of violation the oracle counts (the soak's table columns). */
export type ViolationKind =
  | 'lost'
  | 'duplicated'
  | 'wronglyBlamed'
  | 'deliveredNotStored'
  | 'undeliveredButStored'
  | 'storedNotAccepted'
  | 'countMismatch'
  | 'hang';

/** One broken rule, with the record it is about. */
export interface Violation {
  kind: ViolationKind;
  detail: string;
}

/** The key of a record: its kind and its id (eventId for events and action interactions). */
export function keyOf(kind: RecordKind, record: Record<string, unknown>): string {
  const id =
    kind === 'event' || kind === 'actionInteraction'
      ? record.eventId
      : kind === 'user'
        ? record.userId
        : kind === 'item'
          ? record.itemId
          : record.actionId;
  return `${kind}:${String(id)}`;
}

const LIST_OF = {
  putEvents: ['event', 'eventList'],
  putUsers: ['user', 'users'],
  putItems: ['item', 'items'],
  putActions: ['action', 'actions'],
  putActionInteractions: ['actionInteraction', 'actionInteractions'],
} as const;

/** Keys of every record stored by `transport`, with how many times each was stored. */
function storedKeys(transport: MemoryTransport, datasets: { users: string; items: string; actions: string }) {
  const counts = new Map<string, number>();
  const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const e of transport.events()) add(keyOf('event', e as unknown as Record<string, unknown>));
  for (const a of transport.actionInteractions())
    add(keyOf('actionInteraction', a as unknown as Record<string, unknown>));
  for (const u of transport.users(datasets.users)) add(keyOf('user', u as unknown as Record<string, unknown>));
  for (const i of transport.items(datasets.items)) add(keyOf('item', i as unknown as Record<string, unknown>));
  for (const a of transport.actions(datasets.actions)) add(keyOf('action', a as unknown as Record<string, unknown>));
  return counts;
}

/** Keys of the records some call held alone and the transport refused as invalid input. */
function refusedAlone(transport: MemoryTransport): Set<string> {
  const keys = new Set<string>();
  for (const call of transport.history) {
    const spec = LIST_OF[call.call as keyof typeof LIST_OF];
    if (spec === undefined || call.outcome !== 'error') continue;
    if ((call.error as { code?: string } | undefined)?.code !== 'INVALID_INPUT') continue;
    const list = (call.input as unknown as Record<string, Array<Record<string, unknown>>>)[spec[1]] ?? [];
    if (list.length === 1 && list[0] !== undefined) keys.add(keyOf(spec[0], list[0]));
  }
  return keys;
}

/**
 * Checks the contract over the final reports of the writers that shared `transport`. `accepted` holds the key of
 * every record whose `put*` resolved; `deliveredCount` compares the reports' counts with what they list.
 */
export function checkConservation(input: {
  transport: MemoryTransport;
  datasets: { users: string; items: string; actions: string };
  accepted: ReadonlySet<string>;
  reports: readonly WriterReport[];
}): Violation[] {
  const { transport, datasets, accepted, reports } = input;
  const violations: Violation[] = [];
  const stored = storedKeys(transport, datasets);
  const alone = refusedAlone(transport);
  const endings = new Map<string, string[]>();
  const end = (key: string, how: string) => endings.set(key, [...(endings.get(key) ?? []), how]);
  for (const report of reports) {
    for (const r of report.rejected)
      end(keyOf(r.kind, r.record as unknown as Record<string, unknown>), `rejected:${r.code}`);
    for (const r of report.undelivered) {
      end(keyOf(r.kind, r.record as unknown as Record<string, unknown>), `undelivered:${r.code}`);
    }
  }
  // Delivered records are counted, not listed: a record neither rejected nor undelivered must be stored.
  let delivered = 0;
  for (const report of reports) delivered += Object.values(report.delivered).reduce((sum, n) => sum + n, 0);
  for (const key of accepted) {
    const ends = endings.get(key) ?? [];
    if (ends.length > 1)
      violations.push({ kind: 'countMismatch', detail: `${key} ended ${ends.length} times: ${ends.join(', ')}` });
    const how = ends[0];
    const times = stored.get(key) ?? 0;
    if (how === undefined) {
      if (times === 0) violations.push({ kind: 'lost', detail: `${key} was accepted, not reported, not stored` });
      continue;
    }
    if (how.startsWith('rejected:') && !alone.has(key)) {
      violations.push({ kind: 'wronglyBlamed', detail: `${key} reported ${how} but never refused alone` });
    }
    if (how.startsWith('undelivered:') && how !== 'undelivered:OUTCOME_UNKNOWN' && times > 0) {
      violations.push({ kind: 'undeliveredButStored', detail: `${key} reported ${how} but was stored` });
    }
    if (how.startsWith('rejected:') && times > 0) {
      violations.push({ kind: 'wronglyBlamed', detail: `${key} reported ${how} but was stored` });
    }
  }
  for (const [key, times] of stored) {
    if (!accepted.has(key)) violations.push({ kind: 'storedNotAccepted', detail: `${key} stored, never accepted` });
    if (times > 1) violations.push({ kind: 'duplicated', detail: `${key} stored ${times} times` });
  }
  const reported = [...endings.values()].reduce((sum, list) => sum + list.length, 0);
  const acceptedByReports = reports.reduce((sum, report) => sum + report.stats.accepted, 0);
  if (acceptedByReports !== accepted.size) {
    violations.push({
      kind: 'countMismatch',
      detail: `reports accepted ${acceptedByReports}, puts resolved ${accepted.size}`,
    });
  }
  if (delivered + reported !== acceptedByReports) {
    violations.push({
      kind: 'countMismatch',
      detail: `delivered ${delivered} + rejected/undelivered ${reported} != accepted ${acceptedByReports}`,
    });
  }
  return violations;
}
