/**
 * Delivers sealed chunks and settles every record in them: delivered, rejected or undelivered; none vanishes.
 *
 * A call the service rejects as invalid input says nothing per record, so the chunk is split and the halves are sent
 * (through the same limiter) until the bad records stand alone. The halves go one after the other: when the first
 * half is delivered, the bad records should all be in the second, which is split again without being sent whole.
 * A record is reported rejected only when a call of that record alone was refused: the last one left is sent alone
 * too. That costs at most 6 extra calls for one bad record in a call of 10.
 *
 * Any other error that retries cannot cure and that is not a passing state (bad credentials, access denied, an unknown
 * region, tracking id or dataset) is no record's fault: it stops the writer, and every record not delivered is
 * reported undelivered with it.
 * @module
 */
import { ConflictError, InvalidInputError, PersonalizeImportError, ThrottledError, TransientError } from '../errors.js';
import { CALL_OF, type Chunk, type Entry, splitChunk } from './chunk.js';
import type { BatchInfo, RejectedRecord, ReportBuilder, SettledInfo } from './report.js';
import { type SendContext, type SendResult, sendWithRetry } from './send-with-retry.js';
import { OutcomeUnknownError } from './writer-errors.js';

/** What delivery needs from its writer. */
export interface DeliveryContext {
  sendContextOf(chunk: Chunk): SendContext;
  report: ReportBuilder;
  onBatch: ((info: BatchInfo) => void) | undefined;
  /** The writer's `onSettled` option. */
  onRecordsSettled: ((info: SettledInfo) => void) | undefined;
  /** Called as records settle, with how many. */
  onSettled(count: number): void;
  /** The fatal error that stopped the writer, once one did. */
  stopCause(): unknown;
  /** Called with a fatal error: the writer stops sending. */
  onFatal(error: unknown): void;
  now(): number;
}

function codeOf(error: unknown): string {
  return error instanceof PersonalizeImportError ? error.code : 'FATAL';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
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

/** Sends chunks and records how each record ended. */
export class ChunkDelivery {
  readonly #context: DeliveryContext;

  constructor(context: DeliveryContext) {
    this.#context = context;
  }

  /** Delivers a sealed chunk; resolves when every record in it has settled. Never rejects. */
  async deliver(chunk: Chunk): Promise<void> {
    await this.#send(chunk, false);
  }

  /** Sends `chunk`; resolves true when all of it was delivered. */
  async #send(chunk: Chunk, bisecting: boolean): Promise<boolean> {
    const stopped = this.#context.stopCause();
    if (stopped !== undefined) {
      this.#settleFailed(chunk.entries, stopped);
      return false;
    }
    const context = this.#context.sendContextOf(chunk);
    const started = this.#context.now();
    const result = await sendWithRetry(context, chunk, bisecting);
    if (bisecting) context.stats.bisectionCalls += result.attempts;
    this.#notify(chunk, result.ok ? 'delivered' : result.error instanceof InvalidInputError ? 'rejected' : 'failed', {
      attempts: result.attempts,
      durationMs: this.#context.now() - started,
      error: result.ok ? undefined : result.error,
    });
    if (result.ok) {
      this.#context.report.addDelivered(chunk.target.kind, chunk.entries.length);
      this.#tell('delivered', chunk.entries);
      this.#context.onSettled(chunk.entries.length);
      return true;
    }
    const error = this.#verdict(result);
    if (error instanceof InvalidInputError && chunk.entries.length > 1) {
      await this.#bisect(chunk, error);
      return false;
    }
    this.#settleFailed(chunk.entries, error);
    return false;
  }

  /** The error a failed send's records are reported with. */
  #verdict(result: Extract<SendResult, { ok: false }>): unknown {
    const { error } = result;
    // Cut off after it was sent (or after a timeout-like failure): the service may have stored the records.
    if (codeOf(error) === 'ABORTED' && result.uncertain) return new OutcomeUnknownError({ cause: error });
    // The service's word on these records stands, stopped or not (a record alone refused is rejected).
    if (error instanceof InvalidInputError) return error;
    if (isFatal(error)) this.#context.onFatal(error);
    return this.#context.stopCause() ?? error;
  }

  async #bisect(chunk: Chunk, error: InvalidInputError): Promise<void> {
    const [first, second] = splitChunk(chunk);
    if (await this.#send(first, true)) await this.#isolateKnownBad(second, error);
    else await this.#send(second, true);
  }

  /**
   * `chunk` would hold every bad record of a rejected call whose other records were delivered, if the rejection was
   * about records and would happen again: it is split without being sent whole. A record left alone is still sent
   * alone, for the verdict: the rejection may have happened once, or been a rule on the call rather than a record.
   */
  async #isolateKnownBad(chunk: Chunk, error: InvalidInputError): Promise<void> {
    if (chunk.entries.length === 1) await this.#send(chunk, true);
    else await this.#bisect(chunk, error);
  }

  #settleFailed(entries: Entry[], error: unknown): void {
    // Rejected means refused as invalid input, alone in its call (only bisection settles several at once otherwise).
    const list = error instanceof InvalidInputError ? this.#context.report.rejected : this.#context.report.undelivered;
    const code = codeOf(error);
    const message = messageOf(error);
    for (const entry of entries) list.push({ kind: entry.kind, record: entry.record, code, message } as RejectedRecord);
    this.#tell(list === this.#context.report.undelivered ? 'undelivered' : 'rejected', entries);
    this.#context.onSettled(entries.length);
  }

  #tell(outcome: SettledInfo['outcome'], entries: readonly Entry[]): void {
    try {
      this.#context.onRecordsSettled?.({ outcome, records: entries.map((entry) => entry.record) });
    } catch {
      // A caller's hook must not break delivery.
    }
  }

  #notify(
    chunk: Chunk,
    outcome: BatchInfo['outcome'],
    details: { attempts: number; durationMs: number; error: unknown },
  ): void {
    const onBatch = this.#context.onBatch;
    if (onBatch === undefined) return;
    const info: BatchInfo = {
      call: CALL_OF[chunk.target.kind],
      records: chunk.entries.length,
      outcome,
      attempts: details.attempts,
      durationMs: details.durationMs,
    };
    if (details.error !== undefined) info.error = details.error;
    try {
      onBatch(info);
    } catch {
      // A metrics hook must not break delivery.
    }
  }
}
