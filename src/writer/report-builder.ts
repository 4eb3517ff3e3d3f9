/**
 * The one place that counts: the lanes hand it how each call and each record ended, as data, and it keeps the
 * report's counters and lists and tells the caller's hooks (`onBatch`, `onSettled`).
 * @module
 */
import { PersonalizeImportError } from '../errors.js';
import { RECORD_KIND_NAMES, RECORD_KINDS } from '../records/kinds.js';
import { type Chunk, writtenRecord } from './chunk.js';
import type {
  BatchInfo,
  DeliveredCounts,
  RejectedRecord,
  SettledInfo,
  StopCause,
  WriterReport,
  WriterStats,
} from './report.js';

/** How records of one chunk ended: delivered, or not with the error they are reported with. */
export type Settlement =
  | { outcome: 'delivered'; chunk: Chunk }
  | { outcome: 'rejected' | 'undelivered'; chunk: Chunk; error: unknown };

/** The caller's hooks, from the writer's options. */
export interface ReportHooks {
  onBatch: ((info: BatchInfo) => void) | undefined;
  onSettled: ((info: SettledInfo) => void) | undefined;
}

/** The code a record is reported with for `error`. */
export function codeOf(error: unknown): string {
  return error instanceof PersonalizeImportError ? error.code : 'FATAL';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Calls a caller's hook; what it throws must not break delivery. */
function tell<T>(hook: ((info: T) => void) | undefined, info: () => T): void {
  if (hook === undefined) return;
  try {
    hook(info());
  } catch {
    // A caller's hook must not break delivery.
  }
}

/** Accumulates a writer's report. */
export class ReportBuilder {
  readonly #hooks: ReportHooks;
  readonly #delivered = Object.fromEntries(
    RECORD_KIND_NAMES.map((kind) => [RECORD_KINDS[kind].plural, 0]),
  ) as unknown as DeliveredCounts;
  readonly #rejected: RejectedRecord[] = [];
  readonly #undelivered: RejectedRecord[] = [];
  #stoppedBy: StopCause | undefined;
  readonly #stats: WriterStats = {
    accepted: 0,
    refused: 0,
    buffered: 0,
    inFlight: 0,
    calls: 0,
    retried: 0,
    throttled: 0,
    bisectionCalls: 0,
  };

  constructor(hooks: ReportHooks) {
    this.#hooks = hooks;
  }

  /** A `put*` took a record into the buffer. */
  accepted(): void {
    this.#stats.accepted += 1;
  }

  /** Local validation refused a record (its `put*` rejected). */
  refused(): void {
    this.#stats.refused += 1;
  }

  /** An attempt of a call went out; `retry` when it was not the first. */
  attempted(retry: boolean): void {
    this.#stats.calls += 1;
    if (retry) this.#stats.retried += 1;
  }

  /** The service throttled an attempt. */
  throttled(): void {
    this.#stats.throttled += 1;
  }

  /**
   * A call ended, after `attempts` attempts; `bisecting` when it was made to isolate rejected records. `info` is
   * built only for an `onBatch` hook.
   */
  callEnded(attempts: number, bisecting: boolean, info: () => BatchInfo): void {
    if (bisecting) this.#stats.bisectionCalls += attempts;
    tell(this.#hooks.onBatch, info);
  }

  /** Records settled; each accepted record settles once. */
  settled(settlement: Settlement): void {
    const { chunk } = settlement;
    if (settlement.outcome === 'delivered') {
      this.#delivered[RECORD_KINDS[chunk.target.kind].plural] += chunk.size;
    } else {
      const list = settlement.outcome === 'rejected' ? this.#rejected : this.#undelivered;
      const code = codeOf(settlement.error);
      const message = messageOf(settlement.error);
      for (const entry of chunk.entries)
        list.push({ kind: entry.kind, record: writtenRecord(entry), code, message } as RejectedRecord);
    }
    if (this.#hooks.onSettled !== undefined) {
      tell(this.#hooks.onSettled, () => ({ outcome: settlement.outcome, records: chunk.entries.map(writtenRecord) }));
    }
  }

  /** The fatal error that stopped the writer; the first one counts. */
  stopped(cause: unknown): void {
    this.#stoppedBy ??= { code: codeOf(cause), message: messageOf(cause) };
  }

  /** A copy, so that a report handed out does not change under its reader. */
  snapshot(held: { buffered: number; inFlight: number }): WriterReport {
    return {
      delivered: { ...this.#delivered },
      rejected: [...this.#rejected],
      undelivered: [...this.#undelivered],
      ...(this.#stoppedBy !== undefined && { stoppedBy: { ...this.#stoppedBy } }),
      stats: { ...this.#stats, ...held },
    };
  }
}
