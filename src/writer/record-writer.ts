/**
 * `RecordWriter`: buffers events, users, items, actions and action interactions, groups and chunks them to the API's
 * limits, sends them at an adaptive rate with retries, isolates records the service rejects, and reports how every
 * accepted record ended.
 *
 * A record goes only downward: `put*` validates it (records/validate-record.ts) and takes room (record-room.ts), the
 * buffer adds it to its group's chunk (record-buffer.ts, chunk.ts), a sealed chunk goes down the lane of its call
 * type (call-lane.ts: bisection), whose sends wait in the limiter and retry (send-with-retry.ts, rate-limiter.ts)
 * down to the transport. How each call and record ended goes to the report builder as data (report-builder.ts).
 * @module
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { AbortedError, InvalidOptionsError } from '../errors.js';
import { RECORD_KIND_NAMES, RECORD_KINDS, type RecordKind } from '../records/kinds.js';
import type { ActionInteractionRecord, ActionRecord, EventRecord, ItemRecord, UserRecord } from '../records/types.js';
import { toWireRecord } from '../records/validate-record.js';
import { DATA_PLANE_CALLS, type DataPlaneCall } from '../transport/transport.js';
import { MAX_TIMER_MS, systemClock } from '../util/clock.js';
import { expectInteger } from '../util/expect.js';
import { CallLane } from './call-lane.js';
import type { Entry, Target } from './chunk.js';
import { AdaptiveRateLimiter, limiterOptions } from './rate-limiter.js';
import { RecordBuffer } from './record-buffer.js';
import { RecordRoom } from './record-room.js';
import type { WriterReport, WriterStats } from './report.js';
import { ReportBuilder } from './report-builder.js';
import { WriterCircuit } from './writer-circuit.js';
import { WriterClosedError, WriterStoppedError } from './writer-errors.js';
import { type RecordWriterConfiguration, type RecordWriterOptions, writerConfiguration } from './writer-options.js';

/**
 * How long puts may run back to back before one lets the event loop turn (I/O, timers), in ms. While the writer's
 * first call is out and none has ended, every put lets it turn: that call pays the transport's first-use costs
 * (loading its code, connecting), many turns of I/O each, and one turn per 5 ms of puts made them last 150-300 ms on
 * a loaded machine.
 */
const YIELD_EVERY_MS = 5;

/** How many puts go between two readings of the time for `YIELD_EVERY_MS` (a put takes a few µs). */
const YIELD_CHECK_EVERY = 16;

/** What a put that is done answers: one promise, resolved, for all of them. */
const RESOLVED: Promise<void> = Promise.resolve();

/** Options of `close()`: how long to drain. */
export interface CloseOptions {
  /**
   * Time to drain, in ms. At the deadline the writer resolves: records never sent are reported undelivered with
   * `ABORTED`, records whose call was sent and cut off with `OUTCOME_UNKNOWN` (they may have been stored), even when
   * the transport ignores the abort signal; its late answers change nothing. An integer in 0..2147483647 (the
   * longest timer Node keeps); `close` rejects with `InvalidOptionsError` otherwise.
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
  readonly #config: RecordWriterConfiguration;
  readonly #report: ReportBuilder;
  readonly #circuit = new WriterCircuit();
  readonly #room: RecordRoom;
  readonly #lanes: Readonly<Record<DataPlaneCall, CallLane>>;
  readonly #buffer: RecordBuffer;
  #closing: Promise<WriterReport> | undefined;
  /** False from the start of `close` (`#closing` is set only once `#close` has sealed everything). */
  #takesPuts = true;
  readonly #yieldsToIo: boolean;
  #lastYield = performance.now();
  /** Puts since the time was last read for `YIELD_EVERY_MS`. */
  #putsSinceCheck = 0;
  /** True once a call of any type ended (`CallLane.answered`). */
  #answered = false;

  /** @throws InvalidOptionsError when an option is missing, out of range, or not what it should be. */
  constructor(options: RecordWriterOptions) {
    const config = writerConfiguration(options);
    this.#config = config;
    this.#yieldsToIo = config.clock === systemClock;
    this.#report = new ReportBuilder({ onBatch: config.onBatch, onSettled: config.onSettled });
    this.#room = new RecordRoom(config.maxBufferedRecords);
    this.#lanes = this.#buildLanes();
    const lanes = Object.fromEntries(RECORD_KIND_NAMES.map((kind) => [kind, this.#lanes[RECORD_KINDS[kind].call]]));
    this.#buffer = new RecordBuffer({
      ...config,
      lanes: lanes as Record<RecordKind, CallLane>,
      room: this.#room,
      targetOf: (kind, sessionId, userId) => this.#targetOf(kind, sessionId, userId),
    });
    // The circuit opens at the first fatal error: puts waiting for room reject, and what is buffered settles as
    // undelivered with the cause (the lanes send nothing after it).
    this.#circuit.stopSignal.addEventListener(
      'abort',
      () => {
        this.#room.refuseWaiting(new WriterStoppedError(this.#circuit.stopCause));
        this.#buffer.sealAll();
      },
      { once: true },
    );
  }

  #buildLanes(): Record<DataPlaneCall, CallLane> {
    const { transport, retry, clock, random } = this.#config;
    const shared = {
      transport,
      retry,
      clock,
      random,
      report: this.#report,
      circuit: this.#circuit,
      room: this.#room,
      // A call left its queue: while puts wait for room, the buffer may send the next chunk (built after the lanes).
      wentOut: () => this.#buffer.unblock(),
      mayGrow: () => this.#takesPuts && !this.#circuit.stopped,
    };
    const lane = (call: DataPlaneCall) => {
      const limiter = new AdaptiveRateLimiter(limiterOptions(this.#config, call), clock);
      return [call, new CallLane({ ...shared, call, limiter })] as const;
    };
    return Object.fromEntries(DATA_PLANE_CALLS.map(lane)) as Record<DataPlaneCall, CallLane>;
  }

  /**
   * Buffers an event (PutEvents; needs `trackingId`). Resolves once it is accepted, waiting while the writer holds
   * `maxBufferedRecords`; gives it an `eventId` from `generateEventId` when it has none.
   * @throws RecordValidationError (the promise rejects) when the record breaks a rule of the API, naming the field.
   * @throws WriterClosedError after `close()`, WriterStoppedError after a fatal error, InvalidOptionsError when
   * `trackingId` is missing.
   */
  putEvent(record: EventRecord): Promise<void> {
    return this.#put('event', record);
  }

  /** Buffers a user (PutUsers, an upsert by `userId`; needs `datasets.users`); otherwise as `putEvent`. */
  putUser(record: UserRecord): Promise<void> {
    return this.#put('user', record);
  }

  /** Buffers an item (PutItems, an upsert by `itemId`; needs `datasets.items`); otherwise as `putEvent`. */
  putItem(record: ItemRecord): Promise<void> {
    return this.#put('item', record);
  }

  /** Buffers an action (PutActions, an upsert by `actionId`; needs `datasets.actions`); otherwise as `putEvent`. */
  putAction(record: ActionRecord): Promise<void> {
    return this.#put('action', record);
  }

  /**
   * Buffers an action interaction (PutActionInteractions; needs `actionInteractionsTrackingId` or `trackingId`);
   * otherwise as `putEvent`, `eventId` included.
   */
  putActionInteraction(record: ActionInteractionRecord): Promise<void> {
    return this.#put('actionInteraction', record);
  }

  /**
   * Sends everything buffered and resolves, once the records accepted before the call (and the calls they are in)
   * have settled, with the report so far. Records put while it waits are not waited for. The writer stays open.
   */
  async flush(): Promise<WriterReport> {
    await this.#buffer.flush();
    return this.#snapshot();
  }

  /**
   * Stops intake, sends everything buffered and resolves with the final report. Later `put*` calls reject with
   * `WriterClosedError` (`WriterStoppedError` once a fatal error stopped the writer); calling `close` again returns
   * the same report.
   */
  close(options: CloseOptions = {}): Promise<WriterReport> {
    if (this.#closing === undefined) {
      try {
        // The deadline sleeps on the clock; Node's timers take at most 2^31-1 ms and fire at once beyond it.
        if (options.timeoutMs !== undefined) expectInteger('timeoutMs', options.timeoutMs, 0, MAX_TIMER_MS);
      } catch (error) {
        return Promise.reject(error);
      }
    }
    this.#closing ??= this.#close(options);
    return this.#closing;
  }

  /** The running counters now (a copy): records accepted, buffered, in flight, calls, retries, throttles. */
  get stats(): WriterStats {
    return this.#snapshot().stats;
  }

  /** The current request rate of each call type that has been used, in requests per second. */
  get rates(): Partial<Record<DataPlaneCall, number>> {
    const used = DATA_PLANE_CALLS.filter((call) => this.#lanes[call].used);
    return Object.fromEntries(used.map((call) => [call, this.#lanes[call].rate]));
  }

  /** True once `close` was called: puts reject from then on. */
  get closed(): boolean {
    return this.#closing !== undefined;
  }

  /**
   * Validates and buffers one record. Not an `async` function: a put with room, nearly every one, does its work now
   * and answers a promise that is already resolved (one shared object), so that a put allocates no promise of its
   * own and runs no async machinery; what it throws becomes a rejected promise, as from an `async` function.
   */
  #put(kind: RecordKind, record: unknown): Promise<void> {
    try {
      this.#throwIfStopped();
      if (this.closed) throw new WriterClosedError();
      this.#expectDestination(kind);
      let wire: Entry['wire'];
      try {
        wire = toWireRecord(kind, record, this.#config.generateEventId);
      } catch (error) {
        this.#report.refused();
        throw error;
      }
      // Read now, not after the wait for room: the wire form is already a copy, and a caller that reuses the object
      // for its next put must not move this event to that put's session or user. Valid, so an event's sessionId is a
      // string.
      const { sessionId, userId } = record as { sessionId?: string; userId?: string };
      // With room, the record goes in now, without a turn of the microtask queue (two awaits were 5% of the CPU per
      // record); a put that waits for room checks again whether the writer closed or stopped meanwhile.
      if (!this.#room.tryTake()) return this.#putAfterRoom({ kind, record, wire } as Entry, sessionId, userId);
      return this.#add(kind, record as Entry['record'], wire, sessionId, userId);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** A put that waits for room first. */
  async #putAfterRoom(entry: Entry, sessionId: string | undefined, userId: string | undefined): Promise<void> {
    await this.#takeRoom();
    if (this.closed || this.#circuit.stopped) {
      this.#room.untake();
      this.#throwIfStopped();
      throw new WriterClosedError();
    }
    await this.#add(entry.kind, entry.record, entry.wire, sessionId, userId);
  }

  /** Buffers an accepted record (its room taken); resolves at once, or after a turn of the event loop. */
  #add(
    kind: RecordKind,
    record: Entry['record'],
    wire: Entry['wire'],
    sessionId: string | undefined,
    userId: string | undefined,
  ): Promise<void> {
    this.#report.accepted();
    this.#buffer.add(kind, record, wire, sessionId, userId);
    // A put with room resolves in a microtask, so a producer awaiting puts in a tight loop never lets the event loop
    // reach I/O or timers: the calls its chunks made could not even connect until the buffer was full (the first
    // answer came 0.7-1 s after the first put at the documented quota). So every `YIELD_EVERY_MS` a put waits one
    // turn of the event loop. Only on the system clock: with an injected clock a test owns time and turns.
    if (this.#yieldsToIo) {
      // The time is read every `YIELD_CHECK_EVERY` puts (reading it was 2-3% of the CPU of a put), and at every put
      // while the first call is out, when every put turns the loop.
      const firstCallOut = this.#firstCallOut();
      this.#putsSinceCheck += 1;
      if (firstCallOut || this.#putsSinceCheck >= YIELD_CHECK_EVERY) {
        this.#putsSinceCheck = 0;
        const now = performance.now();
        if (firstCallOut || now - this.#lastYield >= YIELD_EVERY_MS) {
          this.#lastYield = now;
          // node:timers' own function, not the global one: a test faking timers (vitest, sinon) replaces the global.
          return nextTurn() as Promise<unknown> as Promise<void>;
        }
      }
    }
    return RESOLVED;
  }

  /** True while a call was attempted and none has ended yet: the transport pays its first-use costs. */
  #firstCallOut(): boolean {
    if (this.#answered) return false;
    this.#answered = DATA_PLANE_CALLS.some((call) => this.#lanes[call].answered);
    return !this.#answered && DATA_PLANE_CALLS.some((call) => this.#lanes[call].used);
  }

  /** Backpressure: takes room for one record, waiting (in order) while the writer holds `maxBufferedRecords`. */
  #takeRoom(): Promise<void> {
    const taken = this.#room.take();
    this.#buffer.unblock();
    return taken;
  }

  /** Refuses a put of a kind the options give no destination for (a tracking id, a dataset). */
  #expectDestination(kind: RecordKind): void {
    const { trackingId, actionInteractionsTrackingId, datasets } = this.#config;
    const { method, plural } = RECORD_KINDS[kind];
    switch (kind) {
      case 'event':
        if (trackingId === undefined) {
          throw new InvalidOptionsError(`\`${method}\` needs the writer option \`trackingId\``);
        }
        return;
      case 'actionInteraction':
        if (actionInteractionsTrackingId === undefined) {
          throw new InvalidOptionsError(
            `\`${method}\` needs the writer option \`actionInteractionsTrackingId\` (or \`trackingId\`)`,
          );
        }
        return;
      default:
        if (datasets[plural as keyof typeof datasets] === undefined) {
          throw new InvalidOptionsError(`\`${method}\` needs the writer option \`datasets.${plural}\` (a dataset ARN)`);
        }
    }
  }

  /** What the call of a chunk opened for a record of `kind` goes to (its destination was checked at its put). */
  #targetOf(kind: RecordKind, sessionId: string | undefined, userId: string | undefined): Target {
    const { trackingId, actionInteractionsTrackingId, datasets } = this.#config;
    switch (kind) {
      case 'event':
        return { kind, trackingId: trackingId as string, sessionId: sessionId as string, userId };
      case 'actionInteraction':
        return { kind, trackingId: actionInteractionsTrackingId as string };
      default:
        return { kind, datasetArn: datasets[RECORD_KINDS[kind].plural as keyof typeof datasets] as string };
    }
  }

  #throwIfStopped(): void {
    if (this.#circuit.stopped) throw new WriterStoppedError(this.#circuit.stopCause);
  }

  async #close(options: CloseOptions): Promise<WriterReport> {
    this.#takesPuts = false;
    this.#room.refuseWaiting(new WriterClosedError());
    this.#buffer.sealAll();
    if (options.timeoutMs === undefined) {
      await this.#buffer.drain();
    } else {
      const deadline = new AbortController();
      const timedOut = this.#config.clock.sleep(options.timeoutMs, deadline.signal).then(
        () => true,
        () => false,
      );
      const drained = this.#buffer.drain().then(() => false);
      if (await Promise.race([drained, timedOut])) {
        this.#circuit.abortCalls(new AbortedError(`RecordWriter.close timed out after ${options.timeoutMs} ms`));
        await this.#buffer.drain();
      }
      deadline.abort();
    }
    return this.#snapshot();
  }

  #snapshot(): WriterReport {
    const buffered = this.#buffer.size;
    return this.#report.snapshot({ buffered, inFlight: this.#room.held - buffered });
  }
}
