/**
 * The books of one invocation: which records each message of the batch was decoded into, and how each ended. Each
 * record put into the writer has a ticket, found again by the record's key: an event's (or action interaction's)
 * `eventId`, which the writer's copy keeps, or the very object put for a user, item or action (the writer reports
 * that same object). So whatever the writer says about a record, live (`onSettled`) or in a report, finds its
 * message, and the records go to the writer as they are (a tag on each record under a symbol key made the copy and
 * the validator's key check slower: about 1.4 µs a record). The ledger closes when the invocation answers: what the
 * writer says later about its records changes nothing, so no message is reported twice.
 * @module
 */
import { InvalidInputError, PersonalizeImportError } from '../errors.js';
import { hasEventId, type RecordKind } from '../records/kinds.js';
import type { RejectedRecord, SettledInfo, WriterReport } from '../writer/report.js';
import type { LambdaRecord } from './lambda-record.js';
import { withEventId } from './with-event-id.js';

/** The key a record's ticket is found by: its `eventId`, or the record object itself. */
function keyOf(record: object): unknown {
  const eventId = (record as { eventId?: unknown }).eventId;
  return typeof eventId === 'string' ? eventId : record;
}

const NONE: readonly never[] = [];

/** The tickets of a book with none yet; never pushed to (`MessageBook.#keep` replaces it). */
const NO_TICKETS: Ticket[] = [];

/** The key of a ticket whose record never reached the writer: nothing the writer says is about it. */
const NOT_PUT = Symbol('not put');

/** Why a message could not be acknowledged: the code and message of the first cause. */
export interface Failure {
  code: string;
  message: string;
  cause: unknown;
}

/** How far the writer got with one record. `rejected` without an error: rejected, the service's reason not yet read. */
type RecordState = 'pending' | 'delivered' | 'rejected' | 'undelivered';

interface Ticket {
  readonly message: MessageBook;
  readonly source: LambdaRecord | undefined;
  /** What the writer's news find it by (`keyOf`); `NOT_PUT` for a record refused before the writer saw it. */
  readonly key: unknown;
  state: RecordState;
  error: PersonalizeImportError | undefined;
  failure: Failure | undefined;
}

/** One message's records and what became of them. */
export class MessageBook {
  readonly ledger: BatchLedger;
  /**
   * Its records' tickets, in order. No list until the first: a list made empty grows to 16 places at its first push,
   * 130 bytes held for each message of the batch, nearly all of which hold one record.
   */
  tickets: Ticket[] = NO_TICKETS;
  /** Set when the message failed as a whole (its records were not all put, a put failed, onRejected threw). */
  failure: Failure | undefined;
  /** True once every record of the message was handed to the writer (or refused). */
  complete = false;
  /** True once a record of it was found poison: most messages have none, and need no list. */
  #poisoned = false;

  constructor(ledger: BatchLedger) {
    this.ledger = ledger;
  }

  /** The record to put for `source` (a copy with `eventId`, when given), its ticket kept in the ledger. */
  tag(source: LambdaRecord, eventId: string | undefined): object {
    const record = eventId === undefined ? source.record : withEventId(source.record, eventId);
    const key = hasEventId(source.kind) ? keyOf(record) : record;
    const ticket: Ticket = { message: this, source, key, state: 'pending', error: undefined, failure: undefined };
    this.#keep(ticket);
    this.ledger.track(ticket);
    return record;
  }

  /** A poison record or message, known without the writer: refused locally, or not decodable (`source` undefined). */
  refuse(source: LambdaRecord | undefined, error: PersonalizeImportError): void {
    this.#poisoned = true;
    this.#keep({ message: this, source, key: NOT_PUT, state: 'rejected', error, failure: undefined });
  }

  #keep(ticket: Ticket): void {
    if (this.tickets === NO_TICKETS) this.tickets = [ticket];
    else this.tickets.push(ticket);
  }

  /** The service rejected `ticket`'s record: poison, with the service's message. */
  rejected(error: PersonalizeImportError, ticket: Ticket): void {
    this.#poisoned = true;
    ticket.error = error;
  }

  /** The last tagged record was refused by local validation: poison, with the refusal. */
  refuseLast(error: PersonalizeImportError): void {
    const ticket = this.tickets.at(-1);
    this.#poisoned = true;
    if (ticket !== undefined) {
      ticket.state = 'rejected';
      ticket.error = error;
    }
  }

  /** The last tagged record could not be put (the writer stopped, closed, or lacks an option): it is undelivered. */
  unputLast(failure: Failure): void {
    const ticket = this.tickets.at(-1);
    if (ticket !== undefined) {
      ticket.state = 'undelivered';
      ticket.failure = failure;
    }
  }

  /** Why the message cannot be acknowledged, or `undefined` when every record is delivered or poison with a reason. */
  blocker(deadline: Failure): Failure | undefined {
    if (this.failure !== undefined) return this.failure;
    if (!this.complete) return deadline;
    for (const ticket of this.tickets) {
      if (ticket.state === 'undelivered') return ticket.failure ?? deadline;
      if (ticket.state === 'pending' || (ticket.state === 'rejected' && ticket.error === undefined)) return deadline;
    }
    return undefined;
  }

  /** The poison records to pass to `onRejected`, in order, once the message is acknowledged. */
  poison(): readonly { record: LambdaRecord | undefined; error: PersonalizeImportError }[] {
    if (!this.#poisoned) return NONE;
    const out: { record: LambdaRecord | undefined; error: PersonalizeImportError }[] = [];
    for (const ticket of this.tickets) {
      if (ticket.state === 'rejected' && ticket.error !== undefined)
        out.push({ record: ticket.source, error: ticket.error });
    }
    return out;
  }
}

/** The failure a report entry states. */
export function failureOf(entry: { code: string; message: string }, cause?: unknown): Failure {
  return { code: entry.code, message: entry.message, cause };
}

/** The books of one invocation's batch. */
export class BatchLedger {
  #open = true;
  /**
   * Tickets by record key; a list when two records share one (a producer that reused an eventId). Built only when
   * the writer names a record that is not delivered, or at a deadline: a batch whose records are all delivered, the
   * usual one, needs no lookup at all (a map of every record's key was a third of the handler's own CPU per record,
   * hashing a fresh string per event).
   */
  #tickets: Map<unknown, Ticket | Ticket[]> | undefined;
  /** What `onSettled` said while the ledger was open and not yet applied, in order. */
  readonly #news: SettledInfo[] = [];
  /** True once a piece of news said a record was not delivered. */
  #badNews = false;

  /** One book per message, in batch order. */
  readonly books: MessageBook[];

  constructor(messages: number) {
    this.books = new Array<MessageBook>(messages);
    for (let at = 0; at < messages; at += 1) this.books[at] = new MessageBook(this);
  }

  /** True until the invocation answered. */
  get open(): boolean {
    return this.#open;
  }

  /**
   * Stops listening: later news of its records belong to an invocation that has answered. What was heard before is
   * applied first (at a deadline it tells which records were delivered).
   */
  close(): void {
    if (!this.#open) return;
    this.#applyNews();
    this.#open = false;
  }

  /** Keeps `ticket` under its key (once the lookup is built; until then the books hold it, in the same order). */
  track(ticket: Ticket): void {
    if (this.#tickets !== undefined) add(this.#tickets, ticket);
  }

  /** The lookup by key, built from the books in batch order: the order `track` saw the tickets in. */
  #lookup(): Map<unknown, Ticket | Ticket[]> {
    if (this.#tickets !== undefined) return this.#tickets;
    const tickets = new Map<unknown, Ticket | Ticket[]>();
    for (const book of this.books) {
      for (const ticket of book.tickets) if (ticket.key !== NOT_PUT) add(tickets, ticket);
    }
    this.#tickets = tickets;
    return tickets;
  }

  /** The ticket of a record the writer names (the first one still `pending` when several share its key). */
  #find(record: unknown, kind: RecordKind | undefined, pendingOnly: boolean): Ticket | undefined {
    if (typeof record !== 'object' || record === null) return undefined;
    const key = kind === undefined || hasEventId(kind) ? keyOf(record) : record;
    const held = this.#lookup().get(key);
    if (!Array.isArray(held)) return held === undefined || (pendingOnly && held.state !== 'pending') ? undefined : held;
    return held.find((ticket) => ticket.state === 'pending') ?? (pendingOnly ? undefined : held[0]);
  }

  /** Hears what the writer's `onSettled` says, while the ledger is open: applied when it can change an answer. */
  settled(info: SettledInfo): void {
    if (!this.#open) return;
    this.#news.push(info);
    if (info.outcome !== 'delivered') this.#badNews = true;
  }

  /** Applies the news heard so far, in the order it came. */
  #applyNews(): void {
    for (const info of this.#news) {
      const state: RecordState = info.outcome;
      for (const record of info.records) {
        const ticket = this.#find(record, undefined, true);
        if (ticket !== undefined) ticket.state = state;
      }
    }
    this.#news.length = 0;
  }

  /**
   * Applies a report's entries from `from` on (the ones not read before) with their reasons, then, since the report
   * came from a `flush()` that waited for every record of this batch, counts every record still pending as delivered.
   * With no entries and no news of a record not delivered, every record of the batch was delivered: the news is not
   * read.
   */
  reconcile(report: WriterReport, from: { rejected: number; undelivered: number }): void {
    if (!this.#open) return;
    const rejected = report.rejected.slice(from.rejected);
    const undelivered = report.undelivered.slice(from.undelivered);
    if (rejected.length > 0 || undelivered.length > 0 || this.#badNews) this.#applyNews();
    else this.#news.length = 0;
    const apply = (entries: readonly RejectedRecord[], state: 'rejected' | 'undelivered') => {
      for (const entry of entries) {
        const ticket = this.#find(entry.record, entry.kind, false);
        if (ticket === undefined) continue;
        ticket.state = state;
        if (state === 'rejected') ticket.message.rejected(new InvalidInputError(entry.message), ticket);
        else ticket.failure = failureOf(entry);
      }
    };
    apply(rejected, 'rejected');
    apply(undelivered, 'undelivered');
    for (const book of this.books) {
      for (const ticket of book.tickets) if (ticket.state === 'pending') ticket.state = 'delivered';
    }
  }
}

/** Keeps `ticket` in `tickets` under its key. */
function add(tickets: Map<unknown, Ticket | Ticket[]>, ticket: Ticket): void {
  const held = tickets.get(ticket.key);
  if (held === undefined) tickets.set(ticket.key, ticket);
  else if (Array.isArray(held)) held.push(ticket);
  else tickets.set(ticket.key, [held, ticket]);
}

/** A `Failure` of an error. */
export function failureOfError(error: unknown): Failure {
  const code = error instanceof PersonalizeImportError ? error.code : 'FATAL';
  const message = error instanceof Error ? error.message : String(error);
  return { code, message, cause: error };
}
