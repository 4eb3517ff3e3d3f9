/**
 * The books of one invocation: which records each message of the batch was decoded into, and how each ended. A
 * record put into the writer carries a ticket under a symbol key (copied with the record by the writer, not sent,
 * not validated), so that whatever the writer says about it, live (`onSettled`) or in a report, finds its message.
 * The ledger closes when the invocation answers: what the writer says later about its records (they were cut off by
 * the deadline and already reported as failures) changes nothing, so no message is reported twice.
 * @module
 */
import { InvalidInputError, PersonalizeImportError } from '../errors.js';
import type { RejectedRecord, SettledInfo, WriterReport } from '../writer/report.js';
import type { LambdaRecord } from './lambda-record.js';

/** The key a record's ticket travels under. */
const TICKET = Symbol('personalize-import/lambda ticket');

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
  state: RecordState;
  error: PersonalizeImportError | undefined;
  failure: Failure | undefined;
}

/** One message's records and what became of them. */
export class MessageBook {
  readonly ledger: BatchLedger;
  readonly tickets: Ticket[] = [];
  /** Set when the message failed as a whole (its records were not all put, a put failed, onRejected threw). */
  failure: Failure | undefined;
  /** True once every record of the message was handed to the writer (or refused). */
  complete = false;

  constructor(ledger: BatchLedger) {
    this.ledger = ledger;
  }

  /** A copy of `record` that carries its ticket, for the writer. */
  tag(source: LambdaRecord, record: object): object {
    const ticket: Ticket = { message: this, source, state: 'pending', error: undefined, failure: undefined };
    this.tickets.push(ticket);
    return { ...record, [TICKET]: ticket };
  }

  /** A poison record or message, known without the writer: refused locally, or not decodable (`source` undefined). */
  refuse(source: LambdaRecord | undefined, error: PersonalizeImportError): void {
    this.tickets.push({ message: this, source, state: 'rejected', error, failure: undefined });
  }

  /** The last tagged record was refused by local validation: poison, with the refusal. */
  refuseLast(error: PersonalizeImportError): void {
    const ticket = this.tickets.at(-1);
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
  poison(): { record: LambdaRecord | undefined; error: PersonalizeImportError }[] {
    const out: { record: LambdaRecord | undefined; error: PersonalizeImportError }[] = [];
    for (const ticket of this.tickets) {
      if (ticket.state === 'rejected' && ticket.error !== undefined)
        out.push({ record: ticket.source, error: ticket.error });
    }
    return out;
  }
}

function ticketOf(record: unknown): Ticket | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  return (record as Record<symbol, Ticket | undefined>)[TICKET];
}

/** The failure a report entry states. */
export function failureOf(entry: { code: string; message: string }, cause?: unknown): Failure {
  return { code: entry.code, message: entry.message, cause };
}

/** The books of one invocation's batch. */
export class BatchLedger {
  #open = true;

  /** One book per message, in batch order. */
  readonly books: MessageBook[];

  constructor(messages: number) {
    this.books = Array.from({ length: messages }, () => new MessageBook(this));
  }

  /** True until the invocation answered. */
  get open(): boolean {
    return this.#open;
  }

  /** Stops listening: later news of its records belong to an invocation that has answered. */
  close(): void {
    this.#open = false;
  }

  /** Applies what the writer's `onSettled` says (any writer's, any ledger's records: each goes to its own). */
  static settled(info: SettledInfo): void {
    const state: RecordState = info.outcome;
    for (const record of info.records) {
      const ticket = ticketOf(record);
      if (ticket === undefined || !ticket.message.ledger.open || ticket.state !== 'pending') continue;
      ticket.state = state;
    }
  }

  /**
   * Applies a report's entries from `from` on (the ones not read before) with their reasons, then, since the report
   * came from a `flush()` that waited for every record of this batch, counts every record still pending as delivered.
   */
  reconcile(report: WriterReport, from: { rejected: number; undelivered: number }): void {
    if (!this.#open) return;
    const apply = (entries: readonly RejectedRecord[], state: 'rejected' | 'undelivered') => {
      for (const entry of entries) {
        const ticket = ticketOf(entry.record);
        if (ticket === undefined || ticket.message.ledger !== this) continue;
        ticket.state = state;
        if (state === 'rejected') ticket.error = new InvalidInputError(entry.message);
        else ticket.failure = failureOf(entry);
      }
    };
    apply(report.rejected.slice(from.rejected), 'rejected');
    apply(report.undelivered.slice(from.undelivered), 'undelivered');
    for (const book of this.books) {
      for (const ticket of book.tickets) if (ticket.state === 'pending') ticket.state = 'delivered';
    }
  }
}

/** A `Failure` of an error. */
export function failureOfError(error: unknown): Failure {
  const code = error instanceof PersonalizeImportError ? error.code : 'FATAL';
  const message = error instanceof Error ? error.message : String(error);
  return { code, message, cause: error };
}
