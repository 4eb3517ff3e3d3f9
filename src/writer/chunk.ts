/**
 * A chunk: records of one kind bound for one call, with what the call needs beside them (the tracking id, session
 * and user of PutEvents; the dataset of PutUsers/PutItems/PutActions). It owns its limit: `tryAdd` answers whether
 * a record fits, and a chunk whose call went out takes no more (until then it
 * takes records of its group while it waits in its lane's queue: see record-buffer.ts).
 *
 * Only a count limits a call: each list holds 1..10 records (`PutEvents.eventList`, `PutUsers.users`, … in the
 * Personalize Events API model, https://docs.aws.amazon.com/personalize/latest/dg/API_UBS_PutEvents.html). The one
 * size limit, 10 KB per event (`MAX_EVENT_BYTES`), is a rule on one record that validation checks at `put*`.
 * @module
 */
import type { RecordKind } from '../records/kinds.js';
import type { WireRecordOf } from '../records/validate-record.js';
import type { RecordOf } from './report.js';

/**
 * A record accepted by the writer: as written and in wire form. An `eventId` the writer assigned is only in the wire
 * form; `writtenRecord` adds it when a report needs the record.
 */
export type Entry = {
  [K in RecordKind]: { kind: K; record: RecordOf[K]; wire: WireRecordOf[K] };
}[RecordKind];

/**
 * The record as the writer took it, with the `eventId` it assigned: what reports and hooks show. Built only when
 * one asks, so that a put does not copy every record it takes.
 */
export function writtenRecord(entry: Entry): Entry['record'] {
  if (entry.kind !== 'event' && entry.kind !== 'actionInteraction') return entry.record;
  const assigned = entry.wire.eventId;
  if (entry.record.eventId !== undefined || assigned === undefined) return entry.record;
  return { ...entry.record, eventId: assigned };
}

/** What one call is addressed to, beside its records. */
export type Target =
  | { kind: 'event'; trackingId: string; sessionId: string; userId: string | undefined }
  | { kind: 'user' | 'item' | 'action'; datasetArn: string }
  | { kind: 'actionInteraction'; trackingId: string };

/** What `tryAdd` answers: the record is in, or why not (then it belongs in a new chunk). */
export type AddResult = { success: true } | { success: false; reason: 'full' | 'closed' };

// One object of each answer: a put must not allocate one to be told it fit.
const ADDED: AddResult = Object.freeze({ success: true });
const FULL: AddResult = Object.freeze({ success: false, reason: 'full' });
const CLOSED: AddResult = Object.freeze({ success: false, reason: 'closed' });

/**
 * Records bound for one call, at most `maxRecords`: as written and in wire form, in two lists rather than one object
 * per record (an `Entry` each was 24 bytes more per held record, all of it copied by every young-generation GC while
 * held); the wire list is the call's own record list as it goes out.
 */
export class Chunk {
  readonly target: Target;
  readonly #records: Entry['record'][];
  readonly #wires: Entry['wire'][];
  readonly #maxRecords: number;
  #closed = false;
  /** Set by the limiter while the chunk's call waits in its queue: told of each record the chunk takes. */
  onGrow: (() => void) | undefined;

  constructor(target: Target, maxRecords: number, records: Entry['record'][] = [], wires: Entry['wire'][] = []) {
    this.target = target;
    this.#maxRecords = maxRecords;
    this.#records = records;
    this.#wires = wires;
  }

  /** The records with their wire forms, in the order they were added (a list made for the asking). */
  get entries(): readonly Entry[] {
    const kind = this.target.kind;
    const wires = this.#wires;
    return this.#records.map((record, n) => ({ kind, record, wire: wires[n] }) as Entry);
  }

  /** The wire forms, in the order they were added: the list the call sends. */
  get wires(): readonly Entry['wire'][] {
    return this.#wires;
  }

  /** How many records it holds. */
  get size(): number {
    return this.#records.length;
  }

  /** How full it is, 0..1: its records over `maxRecords`. */
  get fill(): number {
    return this.#records.length / this.#maxRecords;
  }

  /** True once it holds `maxRecords`. */
  get full(): boolean {
    return this.#records.length >= this.#maxRecords;
  }

  /**
   * Adds a record (as written, and its wire form) if it fits: the chunk is not full and not closed (its call has not
   * gone out). The record is of the chunk's kind.
   */
  tryAdd(record: Entry['record'], wire: Entry['wire']): AddResult {
    if (this.#closed) return CLOSED;
    if (this.full) return FULL;
    this.#records.push(record);
    this.#wires.push(wire);
    this.onGrow?.();
    return ADDED;
  }

  /** Its call is going out (or its records settled without one): from now on it takes no more records. */
  close(): void {
    this.#closed = true;
  }

  /** The two halves (the first the smaller when odd), closed: for isolating a rejected record. */
  split(): [Chunk, Chunk] {
    const middle = Math.floor(this.#records.length / 2);
    const half = (from: number, to: number) => {
      const chunk = new Chunk(
        this.target,
        this.#maxRecords,
        this.#records.slice(from, to),
        this.#wires.slice(from, to),
      );
      chunk.close();
      return chunk;
    };
    return [half(0, middle), half(middle, this.#records.length)];
  }
}
