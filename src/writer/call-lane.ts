/**
 * One lane per call type (PutEvents, PutUsers, …), built once with the writer: its limiter, its retries, its sends
 * and its bisection. A chunk handed to `deliver` goes down the lane to the transport, and every record in it settles
 * (delivered, rejected or undelivered) into the report; none vanishes.
 *
 * A call the service rejects as invalid input says nothing per record, so the chunk is split and the halves are sent
 * (through the same limiter) until the bad records stand alone. The halves go one after the other: when the first
 * half is delivered, the bad records should all be in the second, which is split again without being sent whole.
 * A record is reported rejected only when a call of that record alone was refused: the last one left is sent alone
 * too. That costs at most 6 extra calls for one bad record in a call of 10 (docs/live-records.md, "How records travel", 5. Bisection).
 *
 * Any other error that retries cannot cure and that is not a passing state (bad credentials, access denied, an unknown
 * region, tracking id or dataset) is no record's fault: it stops the writer, and every record not delivered is
 * reported undelivered with it.
 * @module
 */
import { ConflictError, InvalidInputError, ThrottledError, TransientError } from '../errors.js';
import type { DataPlaneCall } from '../transport/transport.js';
import type { Chunk } from './chunk.js';
import type { AdaptiveRateLimiter } from './rate-limiter.js';
import type { RecordRoom } from './record-room.js';
import type { BatchInfo } from './report.js';
import { codeOf, type ReportBuilder, type Settlement } from './report-builder.js';
import { type SendContext, type SendResult, sendWithRetry } from './send-with-retry.js';
import { UpsertOrder } from './upsert-order.js';
import type { WriterCircuit } from './writer-circuit.js';
import { OutcomeUnknownError } from './writer-errors.js';

/** The calls that replace the record of an id (the call that lands last wins): their calls go in put order by id. */
const UPSERT_CALLS: ReadonlySet<DataPlaneCall> = new Set(['putUsers', 'putItems', 'putActions']);

/** What a lane is built with. */
export interface LaneSetup extends Omit<SendContext, 'limiter' | 'attemptEnded'> {
  call: DataPlaneCall;
  limiter: AdaptiveRateLimiter;
  /** Room given back as records settle (backpressure). */
  room: RecordRoom;
}

function isUndeliverable(error: unknown): boolean {
  // Worth sending again later: nothing said the records themselves are wrong. A dataset in use (ResourceInUse, 409)
  // is a passing state of the dataset, not a fault of its records.
  if (error instanceof ConflictError) return error.reason === 'IN_USE';
  return error instanceof ThrottledError || error instanceof TransientError || codeOf(error) === 'ABORTED';
}

/** No record's fault and no passing state: credentials, access, region, an unknown tracking id or dataset, … */
function isFatal(error: unknown): boolean {
  return !(error instanceof InvalidInputError) && !isUndeliverable(error);
}

/** The calls of one type: paced, retried, bisected when rejected. */
export class CallLane {
  readonly #call: DataPlaneCall;
  readonly #send: SendContext;
  readonly #report: ReportBuilder;
  readonly #room: RecordRoom;
  readonly #circuit: WriterCircuit;
  /** For an upsert call: holds a call back while an earlier one holding one of its ids has not settled. */
  readonly #order: UpsertOrder | undefined;
  #used = false;
  #answered = false;

  constructor(setup: LaneSetup) {
    const { call, room, ...send } = setup;
    this.#call = call;
    // Answered at the end of an attempt, not of the whole send: a first call throttled and waiting for its retry made
    // every put wait a turn of the event loop until the retry ended (review rev3).
    this.#send = {
      ...send,
      attemptEnded: () => {
        this.#answered = true;
      },
    };
    this.#report = setup.report;
    this.#room = room;
    this.#circuit = setup.circuit;
    this.#order = UPSERT_CALLS.has(call) ? new UpsertOrder() : undefined;
  }

  /** The current request rate of this call type, in requests per second. */
  get rate(): number {
    return this.#send.limiter.rate;
  }

  /**
   * Calls of this type waiting in the limiter's queue for their turn (the rate or the concurrency cap). A call held
   * back for an earlier call of one of its ids is not counted: it takes no records while it waits, and the buffer
   * may seal others (which go, unless they too hold such an id).
   */
  get queued(): number {
    return this.#send.limiter.queued;
  }

  /** True once an attempt of a call of this type ended (answered or failed): the transport's first-use costs are paid. */
  get answered(): boolean {
    return this.#answered;
  }

  /** True once a call of this type was attempted (`RecordWriter.rates` lists only those). */
  get used(): boolean {
    return this.#used;
  }

  /**
   * Delivers a sealed chunk; resolves (to nothing of use) when every record in it has settled. Never rejects. Not an
   * `async` function: an append call (events, action interactions) answers `#deliver`'s own promise.
   */
  deliver(chunk: Chunk): Promise<unknown> {
    if (this.#order === undefined) return this.#deliver(chunk, false);
    return this.#deliverInOrder(chunk, this.#order);
  }

  /** `deliver` of an upsert call: after every earlier call holding one of its ids has settled. */
  async #deliverInOrder(chunk: Chunk, order: UpsertOrder): Promise<void> {
    // Its ids must be known before it waits: it takes no more records (see upsert-order.ts).
    chunk.close();
    const turn = order.enter(chunk.target.kind, chunk.wires);
    try {
      if (turn.before !== undefined) await turn.before;
      await this.#deliver(chunk, false);
    } finally {
      turn.settled();
    }
  }

  /** Sends `chunk`; resolves true when all of it was delivered. */
  async #deliver(chunk: Chunk, bisecting: boolean): Promise<boolean> {
    if (this.#circuit.stopped) {
      this.#settleFailed(chunk, this.#circuit.stopCause);
      return false;
    }
    this.#used = true;
    const started = this.#send.clock.now();
    const result = await sendWithRetry(this.#send, chunk, bisecting);
    this.#report.callEnded(result.attempts, bisecting, () => this.#batchInfo(chunk, result, started));
    if (result.ok) {
      this.#settle({ outcome: 'delivered', chunk });
      return true;
    }
    const error = this.#verdict(result);
    if (error instanceof InvalidInputError && chunk.size > 1) {
      await this.#bisect(chunk, error);
      return false;
    }
    this.#settleFailed(chunk, error);
    return false;
  }

  #batchInfo(chunk: Chunk, result: SendResult, started: number): BatchInfo {
    const outcome = result.ok ? 'delivered' : result.error instanceof InvalidInputError ? 'rejected' : 'failed';
    const info: BatchInfo = {
      call: this.#call,
      records: chunk.size,
      outcome,
      attempts: result.attempts,
      durationMs: this.#send.clock.now() - started,
    };
    if (!result.ok && result.error !== undefined) info.error = result.error;
    return info;
  }

  /** The error a failed send's records are reported with. */
  #verdict(result: Extract<SendResult, { ok: false }>): unknown {
    const { error } = result;
    // Cut off by the close deadline after it was sent: the service may have stored the records. (A timeout or a 5xx
    // after every retry stays TRANSIENT, whose doc says the call may or may not have reached the service.)
    if (codeOf(error) === 'ABORTED' && result.uncertain) return new OutcomeUnknownError({ cause: error });
    // The service's word on these records stands, stopped or not (a record alone refused is rejected).
    if (error instanceof InvalidInputError) return error;
    if (isFatal(error) && !this.#circuit.stopped) {
      this.#report.stopped(error);
      this.#circuit.stop(error);
    }
    return this.#circuit.stopCause ?? error;
  }

  async #bisect(chunk: Chunk, error: InvalidInputError): Promise<void> {
    const [first, second] = chunk.split();
    if (await this.#deliver(first, true)) await this.#isolateKnownBad(second, error);
    else await this.#deliver(second, true);
  }

  /**
   * `chunk` would hold every bad record of a rejected call whose other records were delivered, if the rejection was
   * about records and would happen again: it is split without being sent whole. A record left alone is still sent
   * alone, for the verdict: the rejection may have happened once, or been a rule on the call rather than a record.
   */
  async #isolateKnownBad(chunk: Chunk, error: InvalidInputError): Promise<void> {
    if (chunk.size === 1) await this.#deliver(chunk, true);
    else await this.#bisect(chunk, error);
  }

  /** Rejected means refused as invalid input, alone in its call (only bisection settles several at once otherwise). */
  #settleFailed(chunk: Chunk, error: unknown): void {
    // Settled without a call: it must take no more records.
    chunk.close();
    const outcome = error instanceof InvalidInputError ? 'rejected' : 'undelivered';
    this.#settle({ outcome, chunk, error });
  }

  #settle(settlement: Settlement): void {
    this.#report.settled(settlement);
    this.#room.free(settlement.chunk.size);
  }
}
