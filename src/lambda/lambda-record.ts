/**
 * What `toRecords` returns: records tagged with their kind, the same `{ kind, record }` pair the writer's report uses,
 * and how one is handed to the writer method of its kind.
 * @module
 */
import { RECORD_KINDS, type RecordKind } from '../records/kinds.js';
import type { RecordWriter } from '../writer/record-writer.js';
import type { RecordOf } from '../writer/report.js';

/**
 * One record decoded from a message: `{ kind: 'event', record: { sessionId, eventType, sentAt, … } }`, or a user,
 * item, action or action interaction. Events and action interactions without an `eventId` get one derived from the
 * message (see docs/pipelines.md, "Event identity").
 */
export type LambdaRecord = {
  [K in RecordKind]: {
    /** Which writer method takes it: `event` → `putEvent`, `user` → `putUser`, and so on. */
    readonly kind: K;
    /** The record, as that method takes it. */
    readonly record: RecordOf[K];
  };
}[RecordKind];

/** Puts `record` with the writer method of `kind`; the writer validates it (the cast only skips the compiler). */
export function putRecord(writer: RecordWriter, kind: RecordKind, record: object): Promise<void> {
  return writer[RECORD_KINDS[kind].method](record as never);
}

/** True when `value` has a known `kind` and an object `record`: the shape `toRecords` must return. */
export function isLambdaRecord(value: unknown): value is LambdaRecord {
  if (typeof value !== 'object' || value === null) return false;
  const { kind, record } = value as { kind?: unknown; record?: unknown };
  return typeof kind === 'string' && Object.hasOwn(RECORD_KINDS, kind) && typeof record === 'object' && record !== null;
}
