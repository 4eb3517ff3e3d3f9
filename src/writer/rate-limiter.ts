/**
 * One queue per call type that releases calls at an adaptive rate and under a concurrency cap.
 *
 * Why this shape (docs/live-records.md, "How records travel", 3. Pacing; measured in docs/performance.md): calls
 * that each compute their own start time keep firing at the old rate after a cut, so every call — first attempts and
 * retries alike — waits here, and a cut reaches all of them at once. The rate is cut at most once per window, to a
 * share of the rate achieved in the last window; cutting on every throttle drove the rate to the floor while hundreds
 * of calls were in flight. After a full window with no throttle in which demand
 * kept the limiter busy, the rate probes upward, so the writer finds a quota above the documented one too.
 * @module
 */
import { AbortedError } from '../errors.js';
import type { DataPlaneCall } from '../transport/transport.js';
import type { Clock } from '../util/clock.js';
import { WindowCounter } from './window-counter.js';
import type { RecordWriterConfiguration } from './writer-options.js';

/** Settings of an adaptive limiter. */
export interface RateLimiterOptions {
  /** Requests per second to start at. */
  initialRate: number;
  /** Floor of the rate. */
  minRate: number;
  /** Ceiling of the rate. */
  maxRate: number;
  /** Calls in flight at most. */
  maxConcurrency: number;
  /** Whether throttles and successes move the rate. */
  adaptive: boolean;
  /** Length of the adaptation window, in ms. */
  windowMs: number;
  /** A cut sets the rate to this share of the rate achieved in the last window. */
  decreaseFactor: number;
  /** A probe multiplies the rate by this factor. */
  increaseFactor: number;
}

/**
 * How late a pump timer may fire and still release at the pace it was scheduled for, in ms. Small, so that it
 * recovers timer lateness without allowing a burst.
 */
const TIMER_LATENESS_CREDIT_MS = 20;

/** What the caller reports when a call it was released for ends. */
export type CallOutcome = 'ok' | 'throttled' | 'failed';

/** Handed out by `acquire`; `release` must be called exactly once when the call ends. */
export type Permit = (outcome: CallOutcome) => void;

/** The limiter settings of one call type, from the writer's configuration. */
export function limiterOptions(options: RecordWriterConfiguration, call: DataPlaneCall): RateLimiterOptions {
  const { rate, maxConcurrency } = options;
  return {
    initialRate: rate.initialRequestsPerSecond[call],
    minRate: rate.minRequestsPerSecond,
    maxRate: rate.maxRequestsPerSecond,
    maxConcurrency,
    adaptive: rate.adaptive,
    windowMs: rate.windowMs,
    decreaseFactor: rate.decreaseFactor,
    increaseFactor: rate.increaseFactor,
  };
}

interface Waiter {
  resolve: (permit: Permit) => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  /** How full the waiter's call is now (0..1), when it can still grow while it waits. */
  fill: (() => number) | undefined;
  /** Queued with priority (a retry, a half of a bisected call): released before the others, in order. */
  priority: boolean;
  queuedAt: number;
}

/**
 * How long a call may wait while fuller ones overtake it, in ms. When calls queue for the rate (the quota binds),
 * releasing the fullest first lets the others keep gathering records of their group: released in arrival order, a
 * session's first call left half full and the rest of the session took a second call. Past this wait, arrival order
 * again, so that no call starves.
 */
const FULLEST_FIRST_MAX_WAIT_MS = 5000;

/** Adaptive rate + concurrency limiter for one call type. */
export class AdaptiveRateLimiter {
  #rate: number;
  readonly #options: RateLimiterOptions;
  readonly #clock: Clock;
  readonly #queue: Waiter[] = [];
  #inFlight = 0;
  #nextReleaseAt = 0;
  #pumpScheduled = false;
  /** Set at the first `acquire`: a lane is built with its writer, and its first window starts with its first call. */
  #windowStart: number | undefined;
  #windowAnswered = 0;
  #windowThrottled = 0;
  #windowReleased = 0;
  #windowQueued = false;
  #previousWindowQueued = false;
  #lastCutAt = Number.NEGATIVE_INFINITY;
  #cuts = 0;
  #probes = 0;
  readonly #recentAnswered: WindowCounter;
  /**
   * Signals this limiter listens to, one listener each for all its waiters: Node's `addEventListener` walks the
   * whole list on every add, and a listener per queued call made each add cost 70 µs with thousands queued.
   */
  readonly #watched = new WeakSet<AbortSignal>();

  constructor(options: RateLimiterOptions, clock: Clock) {
    this.#options = options;
    this.#clock = clock;
    this.#rate = options.initialRate;
    this.#recentAnswered = new WindowCounter(options.windowMs);
  }

  /** The current rate, in requests per second. */
  get rate(): number {
    return this.#rate;
  }

  /** Calls waiting for a release. */
  get queued(): number {
    return this.#queue.length;
  }

  /** Calls released and not yet ended. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** How many times the rate was cut, and probed upward. */
  get adjustments(): { cuts: number; probes: number } {
    return { cuts: this.#cuts, probes: this.#probes };
  }

  /**
   * Waits for a slot. `priority` puts the caller at the head of the queue (retries, halves of a bisected call: they
   * are older than anything queued).
   */
  acquire(signal?: AbortSignal, priority = false, fill?: () => number): Promise<Permit> {
    this.#windowStart ??= this.#clock.now();
    if (signal?.aborted) return Promise.reject(new AbortedError(undefined, { cause: signal.reason }));
    return new Promise<Permit>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, fill, priority, queuedAt: this.#clock.now() };
      if (signal !== undefined) this.#watch(signal);
      if (priority) this.#queue.unshift(waiter);
      else this.#queue.push(waiter);
      this.#pump(false);
    });
  }

  /**
   * Releases what the rate and the concurrency cap allow. `late` says a pump timer fired: timers fire late, and
   * without credit for that lateness the limiter sent 79 calls/s at a nominal 100/s. An idle limiter gets no credit:
   * it starts at its rate, not with a burst.
   */
  #pump(late: boolean): void {
    this.#rollWindow();
    while (this.#queue.length > 0 && this.#inFlight < this.#options.maxConcurrency) {
      const now = this.#clock.now();
      const earliest = late ? now - TIMER_LATENESS_CREDIT_MS : now;
      if (this.#nextReleaseAt < earliest) this.#nextReleaseAt = earliest;
      if (this.#nextReleaseAt > now) {
        this.#schedulePump(this.#nextReleaseAt - now);
        break;
      }
      this.#nextReleaseAt += 1000 / this.#rate;
      this.#release(this.#takeNext(now));
    }
    // Calls waited (for the rate or for the cap): what this window achieves is all the writer can send.
    if (this.#queue.length > 0) this.#windowQueued = true;
  }

  /**
   * The waiter to release: the head when it has priority, has no fill to grow, or has waited past
   * `FULLEST_FIRST_MAX_WAIT_MS`; otherwise the fullest waiter (the first full one, or the earliest of the fullest).
   */
  #takeNext(now: number): Waiter {
    const head = this.#queue[0] as Waiter;
    if (head.priority || head.fill === undefined || now - head.queuedAt >= FULLEST_FIRST_MAX_WAIT_MS) {
      return this.#queue.shift() as Waiter;
    }
    let best = 0;
    let bestFill = -1;
    for (let i = 0; i < this.#queue.length; i += 1) {
      const fill = (this.#queue[i] as Waiter).fill?.() ?? 0;
      if (fill > bestFill) {
        best = i;
        bestFill = fill;
        if (fill >= 1) break;
      }
    }
    return this.#queue.splice(best, 1)[0] as Waiter;
  }

  #schedulePump(delayMs: number): void {
    if (this.#pumpScheduled) return;
    this.#pumpScheduled = true;
    // A sleep, not an unref'ed timer: queued calls are work in progress and must keep the process alive.
    void this.#clock.sleep(Math.max(1, Math.ceil(delayMs))).then(() => {
      this.#pumpScheduled = false;
      this.#pump(true);
    });
  }

  /** On `signal`'s abort, every waiter queued with it leaves the queue, rejected with `AbortedError`. */
  #watch(signal: AbortSignal): void {
    if (this.#watched.has(signal)) return;
    this.#watched.add(signal);
    const onAbort = () => {
      const leaving: Waiter[] = [];
      // Compacts the queue in place (a spread of a long queue as arguments would overflow the call stack).
      let kept = 0;
      for (const waiter of this.#queue) {
        if (waiter.signal === signal) leaving.push(waiter);
        else this.#queue[kept++] = waiter;
      }
      this.#queue.length = kept;
      for (const waiter of leaving) waiter.reject(new AbortedError(undefined, { cause: signal.reason }));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  }

  #release(waiter: Waiter): void {
    this.#inFlight += 1;
    this.#windowReleased += 1;
    let released = false;
    waiter.resolve((outcome) => {
      if (released) return;
      released = true;
      this.#inFlight -= 1;
      this.#record(outcome);
      this.#pump(false);
    });
  }

  #record(outcome: CallOutcome): void {
    const now = this.#clock.now();
    this.#rollWindow();
    if (outcome === 'throttled') {
      this.#windowThrottled += 1;
      this.#cut(now);
    } else {
      // Any answer but a throttle spent quota and measures it: a call rejected as invalid input or failed with a
      // 500 went through the quota just as a delivered one did.
      this.#windowAnswered += 1;
      this.#recentAnswered.add(now);
    }
  }

  /** The rate achieved over the last window: calls answered (not throttled) in it, per second. */
  #achievedRate(now: number): number {
    return (this.#recentAnswered.count(now) * 1000) / this.#options.windowMs;
  }

  #cut(now: number): void {
    if (!this.#options.adaptive || now - this.#lastCutAt < this.#options.windowMs) return;
    this.#lastCutAt = now;
    const achieved = this.#achievedRate(now);
    // While calls wait in the queue, the achieved rate is all the writer can send, and a throttle says the quota is
    // below it: cut to a share of it. Held back by the concurrency cap, a cut from the nominal rate (1000 → 900/s
    // while sending 200/s) changed nothing and let the opening burst run on for a whole window. In a quiet spell
    // the achieved rate measures demand, and cutting to it would leave the rate far too low when demand returns.
    // With nothing achieved at all there is no measurement: halve instead of falling to the floor.
    const queued = this.#windowQueued || this.#previousWindowQueued;
    const basis = queued ? Math.min(this.#rate, achieved) : this.#rate;
    const target = achieved > 0 ? basis * this.#options.decreaseFactor : this.#rate / 2;
    this.#rate = Math.max(this.#options.minRate, target);
    this.#cuts += 1;
    // Calls already scheduled at the old pace would fire too soon: re-space the next release at the new rate.
    this.#nextReleaseAt = Math.max(this.#nextReleaseAt, now + 1000 / this.#rate);
  }

  #rollWindow(): void {
    const now = this.#clock.now();
    if (this.#windowStart === undefined || now - this.#windowStart < this.#options.windowMs) return;
    const quiet = this.#windowThrottled === 0 && now - this.#lastCutAt >= this.#options.windowMs;
    // Probe only when the window used its rate: held back by the cap or by demand, a higher rate would not be tried,
    // and the rate would drift upward untested (226/s while sending 100/s).
    const used = this.#windowReleased >= 0.9 * this.#rate * ((now - this.#windowStart) / 1000);
    if (this.#options.adaptive && quiet && used && this.#windowAnswered > 0) {
      this.#rate = Math.min(this.#options.maxRate, this.#rate * this.#options.increaseFactor);
      this.#probes += 1;
    }
    this.#windowStart = now;
    this.#windowAnswered = 0;
    this.#windowThrottled = 0;
    this.#windowReleased = 0;
    this.#previousWindowQueued = this.#windowQueued;
    this.#windowQueued = false;
  }
}
