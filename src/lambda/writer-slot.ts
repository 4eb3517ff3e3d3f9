/**
 * The handler's `RecordWriter`, kept at module scope across warm invocations: the one given, or one made from
 * `writerOptions` at the first invocation. A made writer reports settlements live (`onSettled`), so that at a
 * deadline the handler knows which records were delivered; it is replaced after a fatal stop (the next invocation
 * may have working credentials) and after a deadline (its cut-off calls must not hold up the next flush).
 * @module
 */
import { RecordWriter } from '../writer/record-writer.js';
import type { SettledInfo, WriterReport } from '../writer/report.js';
import type { RecordWriterOptions } from '../writer/writer-options.js';
import type { BatchLedger } from './batch-ledger.js';

/**
 * Report entries (rejected + undelivered) past which a made writer is replaced at the end of an invocation: each
 * `flush()` copies the report's lists, so a warm writer that collected many would make every flush slower.
 */
const MAX_REPORT_ENTRIES = 10_000;

/** How many entries of each list of the writer's report have been read. */
export interface ReportCursor {
  rejected: number;
  undelivered: number;
}

/** The writer in use and where its report was last read. */
export interface WriterInUse {
  readonly writer: RecordWriter;
  /** True when the writer tells settlements live (it was made from `writerOptions`). */
  readonly live: boolean;
  readonly cursor: ReportCursor;
  /** The ledger of the invocation running on it, which hears its settlements; none between invocations. */
  listener: BatchLedger | undefined;
}

/** Holds the writer across invocations. */
export class WriterSlot {
  readonly #given: WriterInUse | undefined;
  readonly #options: RecordWriterOptions | undefined;
  #made: WriterInUse | undefined;

  constructor(writer: RecordWriter | undefined, options: RecordWriterOptions | undefined) {
    this.#given =
      writer === undefined
        ? undefined
        : { writer, live: false, cursor: { rejected: 0, undelivered: 0 }, listener: undefined };
    this.#options = options;
  }

  /** The writer for this invocation, made now if there is none. */
  current(): WriterInUse {
    if (this.#given !== undefined) return this.#given;
    if (this.#made === undefined) {
      const options = this.#options as RecordWriterOptions;
      const theirs = options.onSettled;
      const made: WriterInUse = {
        writer: undefined as unknown as RecordWriter,
        live: true,
        cursor: { rejected: 0, undelivered: 0 },
        listener: undefined,
      };
      const onSettled = (info: SettledInfo) => {
        made.listener?.settled(info);
        theirs?.(info);
      };
      (made as { writer: RecordWriter }).writer = new RecordWriter({ ...options, onSettled });
      this.#made = made;
    }
    return this.#made;
  }

  /** Marks the report as read up to `report`. */
  static advance(inUse: WriterInUse, report: WriterReport): void {
    inUse.cursor.rejected = report.rejected.length;
    inUse.cursor.undelivered = report.undelivered.length;
  }

  /**
   * After an invocation: replaces a made writer that stopped, or that collected too many report entries (it is
   * drained: the invocation flushed it).
   */
  afterInvocation(inUse: WriterInUse, report: WriterReport | undefined): void {
    if (inUse !== this.#made || report === undefined) return;
    const entries = report.rejected.length + report.undelivered.length;
    if (report.stoppedBy !== undefined || entries > MAX_REPORT_ENTRIES) this.#drop(0);
  }

  /**
   * At a deadline: a made writer is closed at once in the background (records not sent are dropped as `ABORTED`,
   * calls in flight cut off: their messages are failures already, delivered again) and replaced next time. A given
   * writer is the caller's: it keeps its records.
   */
  cutOff(inUse: WriterInUse): void {
    if (inUse === this.#made) this.#drop(0);
  }

  #drop(timeoutMs: number): void {
    const made = this.#made;
    this.#made = undefined;
    if (made !== undefined) made.listener = undefined;
    made?.writer.close({ timeoutMs }).catch(() => {});
  }
}
