/**
 * The copy of a decoded record that carries the `eventId` derived from its message (source-event-id.ts).
 * @module
 */

/**
 * A copy of `record` with `eventId`, as `{ ...record, eventId }` makes: own enumerable string keys (symbol keys, which
 * the writer ignores, are left out). Copied key by key: on Node 20 the spread with a member added took 1.6-3.4 µs a
 * record, a fifth of the handler's own work, and the loop 0.25 µs. A `__proto__` key takes the spread, which defines
 * it as a member where an assignment would set the copy's prototype.
 */
export function withEventId(record: object, eventId: string): object {
  const from = record as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key in from) {
    if (!Object.hasOwn(from, key)) continue;
    if (key === '__proto__') return { ...record, eventId };
    copy[key] = from[key];
  }
  copy.eventId = eventId;
  return copy;
}
