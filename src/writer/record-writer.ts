/**
 * `RecordWriter`: buffers events, users, items, actions and action interactions, groups and chunks them to the API's
 * limits, sends them at an adaptive rate with retries, isolates records the service rejects, and reports how every
 * accepted record ended.
 * @module
 */
import { setMaxListeners } from 'node:events';
import { AbortedError, InvalidOptionsError, PersonalizeImportError } from '../errors.js';
import type { RecordKind } from '../records/kinds.js';
import type { ActionInteractionRecord, ActionRecord, EventRecord, ItemRecord, UserRecord } from '../records/types.js';
import { toWireRecord } from '../records/validate-record.js';
import type { DataPlaneCall } from '../transport/transport.js';
import { CALL_OF, type Chunk, type Entry, type Target } from './chunk.js';
import { ChunkDelivery } from './chunk-delivery.js';
import { AdaptiveRateLimiter, limiterOptions } from './rate-limiter.js';
import { RecordBuffer } from './record-buffer.js';
import { ReportBuilder, type WriterReport, type WriterStats } from './report.js';
import type { SendContext } from './send-with-retry.js';
import { WriterClosedError, WriterStoppedError } from './writer-errors.js';
import { type RecordWriterConfiguration, type RecordWriterOptions, writerConfiguration } from './writer-options.js';

/** Options of `close()`. */
export interface CloseOptions {
  /**
   * Time to drain, in ms. At the deadline the writer resolves: records never sent are reported undelivered with
   * `ABORTED`, records whose call was sent and cut off with `OUTCOME_UNKNOWN` (they may have been stored), even when
   * the transport ignores the abort signal; its late answers change nothing.
   * @default no deadline
   */
  timeoutMs?: number;
}

/**
 * Writes live records through the Personalize Events API, at most 10 a call, without losing one.
 * @example
 * ```ts
 * const writer = new RecordWriter({ transport: new AwsTransport({ region: 'us-east-1' }), trackingId });
 * await writer.putEvent({ sessionId: 's1', userId: 'u1', eventType: 'click', itemId: 'i1', sentAt: new Date() });
 * const report = await writer.close();
 * console.log(report.delivered.events, report.rejected);
 * ```
 */
export class RecordWriter {
  readonly #options: RecordWriterConfiguration;
  readonly #report = new ReportBuilder();
  readonly #limiters = new Map<DataPlaneCall, AdaptiveRateLimiter>();
  readonly #buffer: RecordBuffer;
  readonly #delivery: ChunkDelivery;
  readonly #outstanding = new Set<Promise<void>>();
  /** The close deadline: aborts calls in flight. */
  readonly #abort = new AbortController();
  /** Aborts waiting in the limiters' queues and in back-off: at the close deadline, or when the writer stops. */
  readonly #waitAbort = new AbortController();
  /** The fatal error that stopped the writer. */
  #stopCause: unknown;
  readonly #roomWaiters: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  /** Records accepted and not yet settled (buffered or in flight). */
  #held = 0;
  #closing: Promise<WriterReport> | undefined;

  /** @throws InvalidOptionsError when an option is out of range. */
  constructor(options: RecordWriterOptions) {
    this.#options = writerConfiguration(options);
    // Every queued call, back-off sleep and request listens to this one signal: hundreds are normal, not a leak.
    setMaxListeners(0, this.#abort.signal);
    setMaxListeners(0, this.#waitAbort.signal);
    this.#abort.signal.addEventListener('abort', () => this.#waitAbort.abort(this.#abort.signal.reason), {
      once: true,
    });
    this.#buffer = new RecordBuffer({
      maxBatchSize: this.#options.maxBatchSize,
      flushIntervalMs: this.#options.flushIntervalMs,
      clock: this.#options.clock,
      onSealed: (chunk) => this.#dispatch(chunk),
    });
    this.#delivery = new ChunkDelivery({
      sendContextOf: (chunk) => this.#sendContext(chunk),
      report: this.#report,
      onBatch: this.#options.onBatch,
      onRecordsSettled: this.#options.onSettled,
      onSettled: (count) => this.#settled(count),
      stopCause: () => this.#stopCause,
      onFatal: (error) => this.#stop(error),
      now: () => this.#options.clock.now(),
    });
  }

  /** Buffers an event; resolves once it is accepted (waits while the buffer is full). */
  putEvent(record: EventRecord): Promise<void> {
    return this.#put('event', record);
  }

  /** Buffers a user (an upsert by `userId`). */
  putUser(record: UserRecord): Promise<void> {
    return this.#put('user', record);
  }

  /** Buffers an item (an upsert by `itemId`). */
  putItem(record: ItemRecord): Promise<void> {
    return this.#put('item', record);
  }

  /** Buffers an action (an upsert by `actionId`). */
  putAction(record: ActionRecord): Promise<void> {
    return this.#put('action', record);
  }

  /** Buffers an action interaction. */
  putActionInteraction(record: ActionInteractionRecord): Promise<void> {
    return this.#put('actionInteraction', record);
  }

  /**
   * Sends everything buffered and resolves, once the records accepted before the call (and the calls they are in)
   * have settled, with the report so far. Records put while it waits are not waited for. The writer stays open.
   */
  async flush(): Promise<WriterReport> {
    this.#buffer.sealAll();
    // Every record accepted so far is in a sealed chunk now, and every sealed chunk's delivery is outstanding.
    await Promise.all([...this.#outstanding]);
    return this.#snapshot();
  }

  /**
   * Stops intake, sends everything buffered and resolves with the final report. Later `put*` calls reject with
   * `WriterClosedError` (`WriterStoppedError` once a fatal error stopped the writer); calling `close` again returns
   * the same report.
   */
  close(options: CloseOptions = {}): Promise<WriterReport> {
    this.#closing ??= this.#close(options);
    return this.#closing;
  }

  /** Running counters. */
  get stats(): WriterStats {
    return this.#snapshot().stats;
  }

  /** The current request rate of each call type that has been used, in requests per second. */
  get rates(): Partial<Record<DataPlaneCall, number>> {
    return Object.fromEntries([...this.#limiters].map(([call, limiter]) => [call, limiter.rate]));
  }

  /** True once `close` was called. */
  get closed(): boolean {
    return this.#closing !== undefined;
  }

  async #put(kind: RecordKind, record: unknown): Promise<void> {
    this.#throwIfStopped();
    if (this.closed) throw new WriterClosedError();
    const target = this.#targetOf(kind, record);
    let wire: Entry['wire'];
    try {
      wire = toWireRecord(kind, record, this.#options.generateEventId);
    } catch (error) {
      this.#report.stats.refused += 1;
      throw error;
    }
    await this.#reserveRoom();
    if (this.closed || this.#stopCause !== undefined) {
      this.#held -= 1;
      this.#throwIfStopped();
      throw new WriterClosedError();
    }
    const eventId = (wire as { eventId?: string }).eventId;
    const written = eventId === undefined ? record : { ...(record as object), eventId };
    this.#report.stats.accepted += 1;
    this.#buffer.add(target, { kind, record: written, wire } as Entry);
  }

  #targetOf(kind: RecordKind, record: unknown): Target {
    const { trackingId, actionInteractionsTrackingId, datasets } = this.#options;
    const field = (name: string) => (record as Record<string, unknown> | null)?.[name] as string | undefined;
    switch (kind) {
      case 'event':
        if (trackingId === undefined) throw new InvalidOptionsError('`putEvent` needs the writer option `trackingId`');
        return { kind, trackingId, sessionId: field('sessionId') as string, userId: field('userId') };
      case 'actionInteraction':
        if (actionInteractionsTrackingId === undefined) {
          throw new InvalidOptionsError(
            '`putActionInteraction` needs the writer option `actionInteractionsTrackingId` (or `trackingId`)',
          );
        }
        return { kind, trackingId: actionInteractionsTrackingId };
      default: {
        const name = `${kind}s` as 'users' | 'items' | 'actions';
        const datasetArn = datasets[name];
        if (datasetArn === undefined) {
          throw new InvalidOptionsError(
            `\`put${kind[0]?.toUpperCase()}${kind.slice(1)}\` needs the writer option \`datasets.${name}\` (a dataset ARN)`,
          );
        }
        return { kind, datasetArn };
      }
    }
  }

  #throwIfStopped(): void {
    if (this.#stopCause !== undefined) throw new WriterStoppedError(this.#stopCause);
  }

  /**
   * The circuit opens at the first fatal error: no call goes out after it (queued ones are dropped), puts waiting
   * for room and later puts reject, and what is buffered settles as undelivered with the cause.
   */
  #stop(cause: unknown): void {
    if (this.#stopCause !== undefined) return;
    this.#stopCause = cause;
    const code = cause instanceof PersonalizeImportError ? cause.code : 'FATAL';
    this.#report.stoppedBy = { code, message: cause instanceof Error ? cause.message : String(cause) };
    this.#waitAbort.abort(cause);
    for (const waiter of this.#roomWaiters.splice(0)) waiter.reject(new WriterStoppedError(cause));
    this.#buffer.sealAll();
  }

  /** Backpressure: takes room for one record, waiting (in order) while the writer holds `maxBufferedRecords`. */
  #reserveRoom(): Promise<void> {
    if (this.#held < this.#options.maxBufferedRecords && this.#roomWaiters.length === 0) {
      this.#held += 1;
      return Promise.resolve();
    }
    const waiting = new Promise<void>((resolve, reject) => this.#roomWaiters.push({ resolve, reject }));
    this.#unblock();
    return waiting;
  }

  /** When the buffer is full and nothing is in flight, nothing would free room: send the oldest chunk now. */
  #unblock(): void {
    if (this.#roomWaiters.length > 0 && this.#outstanding.size === 0) this.#buffer.sealOldest();
  }

  #settled(count: number): void {
    this.#held -= count;
    while (this.#roomWaiters.length > 0 && this.#held < this.#options.maxBufferedRecords) {
      // The room is taken on the waiter's behalf now, so that released waiters cannot overshoot the bound.
      this.#held += 1;
      this.#roomWaiters.shift()?.resolve();
    }
  }

  #dispatch(chunk: Chunk): void {
    const delivery = this.#delivery.deliver(chunk).finally(() => {
      this.#outstanding.delete(delivery);
      this.#unblock();
    });
    this.#outstanding.add(delivery);
  }

  async #drain(): Promise<void> {
    while (this.#outstanding.size > 0) await Promise.all([...this.#outstanding]);
  }

  #sendContext(chunk: Chunk): SendContext {
    const call = CALL_OF[chunk.target.kind];
    let limiter = this.#limiters.get(call);
    if (limiter === undefined) {
      limiter = new AdaptiveRateLimiter(limiterOptions(this.#options, call), this.#options.clock);
      this.#limiters.set(call, limiter);
    }
    const { transport, retry, clock, random } = this.#options;
    const onRelease = (released: Chunk) => this.#buffer.release(released);
    const { stats } = this.#report;
    const signals = { signal: this.#abort.signal, waitSignal: this.#waitAbort.signal };
    return { transport, limiter, retry, clock, random, stats, ...signals, onRelease };
  }

  async #close(options: CloseOptions): Promise<WriterReport> {
    for (const waiter of this.#roomWaiters.splice(0)) waiter.reject(new WriterClosedError());
    this.#buffer.sealAll();
    if (options.timeoutMs === undefined) {
      await this.#drain();
    } else {
      const deadline = new AbortController();
      const timedOut = this.#options.clock.sleep(options.timeoutMs, deadline.signal).then(
        () => true,
        () => false,
      );
      const drained = this.#drain().then(() => false);
      if (await Promise.race([drained, timedOut])) {
        this.#abort.abort(new AbortedError(`RecordWriter.close timed out after ${options.timeoutMs} ms`));
        await this.#drain();
      }
      deadline.abort();
    }
    return this.#snapshot();
  }

  #snapshot(): WriterReport {
    const report = this.#report.snapshot();
    report.stats.buffered = this.#buffer.size;
    report.stats.inFlight = this.#held - this.#buffer.size;
    return report;
  }
}
