/**
 * One queue per call type that releases calls at an adaptive rate and under a concurrency cap.
 *
 * Why this shape (docs/live-records.md, "How records travel", 3. Pacing; measured in docs/performance.md): calls
 * that each compute their own start time keep firing at the old rate after a cut, so every call — first attempts and
 * retries alike — waits here, and a cut reaches all of them at once.
 *
 * - **Start ramp.** The rate starts at `startShare` of the initial rate with `startConcurrency` calls in flight, and
 *   grows with the answers, like TCP's slow start: each admitted answer adds a round trip's share of a call to the
 *   cap (one more call in flight per round trip, up to `maxConcurrency`) and to the rate (doubling it about once per
 *   window of answers, `RAMP_GROWTH_PER_WINDOW`); it starts no lower than `RAMP_LEAST_START`. The ramp ends at the initial rate, or at the first throttle,
 *   which halves the rate released (`RAMP_EXIT_CUT`) and holds the releases until the ramp's calls then in flight
 *   answer (`RAMP_EXIT_HOLD_MS`): the share of them admitted says how far above the quota the ramp's rate was, and the
 *   rate is cut to that share of it when that is lower. Started at the documented quota with 64 in flight, a writer
 *   whose real quota was ten times lower sent a burst that the service's own burst hid for a while: 5–8% of the first
 *   5 s' calls were throttled; with the ramp, 1.5–1.7% (`npm run bench:writer`), 1.3–1.4% with the hold.
 * - **Cuts, once per round trip.** A throttle cuts the rate released to `decreaseFactor` of what got through (the
 *   rate admitted in the last window, the share of the last window's answers admitted, or the admitted share of the
 *   calls released since the last cut, whichever is least), never below `DEEPEST_CUT` of it. Each call carries the generation it was released in; a throttle of a call released
 *   before the last cut was paced at the old rate and says nothing new, so it cuts nothing. The rate falls within
 *   a few round trips after a burst, and not again for the echoes of one.
 * - **Probes.** After a window with no throttle that used its rate, the rate grows by the larger of
 *   `increaseFactor` and a floor of `PROBE_FLOOR_SHARE` of the initial rate, scaled down while this limiter's recent
 *   share of throttled calls is above `TARGET_THROTTLED_SHARE` (the floor to a quarter at most). The throttles of
 *   the start (the ramp and the window after it) do not count in that share.
 * - **Many writers, one quota, nothing shared.** Writers sharing a quota see the same throttles, each in proportion
 *   to what it sends. The probe's floor is the same step for all of them, so a writer below its share gains on one
 *   above it (additive increase converges to equal shares; multiplicative alone keeps whatever ratios the start
 *   left); the scaling by the throttled share keeps N writers' probes from summing to an overshoot that throttles
 *   every window (16 writers probing 5% each: 2.5% of calls throttled); and each window's length is jittered
 *   (±`WINDOW_JITTER`, with the writer's `random`) so that they do not probe in step.
 * @module
 */
import { AbortedError } from '../errors.js';
import { MAX_RECORDS_PER_CALL } from '../limits.js';
import type { DataPlaneCall } from '../transport/transport.js';
import type { Clock } from '../util/clock.js';
import { WindowCounter } from './window-counter.js';
import type { RecordWriterConfiguration } from './writer-options.js';

/** Settings of an adaptive limiter. */
export interface RateLimiterOptions {
  /** Requests per second the start ramp climbs to (and the rate from then on, until a throttle or a probe). */
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
  /** The start ramp begins at this share of `initialRate`, in (0, 1]. */
  startShare: number;
  /** Calls in flight at most when the start ramp begins, at least 1. */
  startConcurrency: number;
  /** Random numbers in [0, 1), to jitter each window's length (writers sharing a quota do not probe in step). */
  random: () => number;
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
export function limiterOptions(
  options: Pick<RecordWriterConfiguration, 'rate' | 'maxConcurrency' | 'random'>,
  call: DataPlaneCall,
): RateLimiterOptions {
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
    startShare: rate.startShare,
    startConcurrency: rate.startConcurrency,
    random: options.random,
  };
}

/**
 * A queued call that may still grow while it waits (a chunk that takes records of its group until its call goes): how
 * full it is, and a slot the limiter sets while the call waits, to be called each time it grows.
 */
export interface GrowingCall {
  /** How full it is now, 0..1. */
  readonly fill: number;
  /** Set by the limiter while the call waits for its release; called after each record it takes. */
  onGrow: (() => void) | undefined;
}

interface Waiter {
  resolve: (permit: Permit) => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  /** The call, when it can still grow while it waits. */
  grows: GrowingCall | undefined;
  /** Queued with priority (a retry, a half of a bisected call): released before the others, in order. */
  priority: boolean;
  queuedAt: number;
  /** Calls queued ahead of it when it arrived. */
  ahead: number;
  /** Its place in the queue (arrival order, priority calls first). */
  previous: Waiter | undefined;
  next: Waiter | undefined;
  /** Its fill level (`FILL_LEVELS` for a full call), or -1 when it is in none (priority, or it cannot grow). */
  level: number;
  /** Its place in its level, in the order the calls reached it. */
  previousInLevel: Waiter | undefined;
  nextInLevel: Waiter | undefined;
}

/** One fill level's queued calls, in the order they reached it. */
interface Level {
  first: Waiter | undefined;
  last: Waiter | undefined;
}

/**
 * The fill levels the queued calls are kept in: a fill of k/n records is level round(k/n x `FILL_LEVELS`), one level
 * for each fill a call of up to `MAX_RECORDS_PER_CALL` records can have (k/n and (k+1)/n are at least a tenth apart).
 */
const FILL_LEVELS = MAX_RECORDS_PER_CALL;

/**
 * How long a call may wait while fuller ones overtake it, in ms, at the least. When calls queue for the rate (the
 * quota binds), releasing the fullest first lets the others keep gathering records of their group: released in
 * arrival order, a session's first call left half full and the rest of the session took a second call. Past its wait,
 * arrival order again, so that no call starves. The wait grows with the queue (`FULLEST_FIRST_TURNOVERS`).
 */
const FULLEST_FIRST_MAX_WAIT_MS = 5000;

/**
 * A call may also wait this many times what the calls queued ahead of it when it came take to go out at the current
 * rate: no call waits more than about twice as long as it would have in arrival order (at the rate of the moment). A fixed 5 s was shorter than
 * the queue a full buffer makes at a binding quota (1,200-2,000 calls at 200/s, 6-10 s), so nearly every release was
 * of a head past its wait, in arrival order: 91% of the ideal records per call at 50,000 events from 2,000 sessions,
 * 99% with this (test/writer/fill-long-queue.test.ts, bench/binding-fill-sim.ts).
 */
const FULLEST_FIRST_TURNOVERS = 2;

/**
 * A cut never takes the rate below this share of the rate released. Cutting to the rate admitted alone is right for
 * one writer, but admitted over a window that began before a burst it can be tiny: the floor bounds one round trip's
 * mistake, and the next round trip's throttles (if the rate is still too high) cut again.
 */
const DEEPEST_CUT = 0.1;

/**
 * How fast the start ramp's rate grows: each admitted answer adds ln 2 requests/s per second of window, so the rate
 * doubles about once per window (`windowMs`) of answers, whatever the latency. Doubling each round trip, as TCP's
 * slow start does, reached 1,000/s against a quota of 100/s before the first throttle came back: the service's burst
 * (the endpoint's bucket holds one second of its rate) hides an overshoot for a while, and everything in flight when
 * it ran out was throttled. Slower (a third per window) cost a fifth of the throughput at the documented quota,
 * where the writer's own pace is about 500 calls/s.
 */
const RAMP_GROWTH_PER_WINDOW = Math.LN2;

/**
 * The start ramp begins at no less than this (or the initial rate, if lower), in requests per second: below it a
 * ramp spares no burst, and it slowed the calls documented at 10/s (PutUsers, …) to 2.5/s after every cold start of
 * a Lambda consumer, whose deadlines then left records undelivered.
 */
const RAMP_LEAST_START = 10;

/** The cut that ends the start ramp, from the rate released (TCP halves its window when it leaves slow start). */
const RAMP_EXIT_CUT = 0.5;

/**
 * How long the limiter holds its releases after the ramp's first throttle, at most, waiting for the ramp's calls still
 * in flight to answer, in ms (a round trip or two). The service's burst (the local endpoint's bucket holds a second of
 * its rate) hid the overshoot until it ran out; the calls in flight then were sent at the ramp's rate and most are
 * throttled too, and the share of them admitted says how far above the quota that rate was. Halving alone left the
 * rate about 1.4 times a quota of 100/s after a ramp to 350/s, and the calls sent at it before the next throttle came
 * back were throttled in their turn.
 */
const RAMP_EXIT_HOLD_MS = 100;

/** The ramp's calls in flight at its first throttle, as they answer: what the quota admitted of the ramp's rate. */
interface RampExit {
  /** The generation of the ramp's calls. */
  generation: number;
  /** When the ramp ended. */
  at: number;
  /** The ramp's rate then. */
  rampRate: number;
  /** Its calls still to answer. */
  pending: number;
  /** Of its calls answered (the first throttle included), those admitted. */
  admitted: number;
  answered: number;
}

/**
 * Answers of a generation (calls released since the last cut) from which their admitted share counts: after a cut
 * that was not deep enough, it says at once how far over the quota the new rate still is.
 */
const GENERATION_SAMPLE = 4;

/**
 * The least a probe adds to the rate, as a share of the initial rate (1 request/s for PutEvents' 1,000): the same
 * step for every writer sharing a quota, which makes them converge to equal shares.
 */
const PROBE_FLOOR_SHARE = 0.001;

/**
 * Probes shrink in proportion while this limiter's recent throttled share is above this: 16 writers probing 5%
 * each kept a shared quota throttled every window (2.5% of calls); scaled, their probes sum to what the quota
 * absorbs.
 */
const TARGET_THROTTLED_SHARE = 0.005;

/**
 * The probe's floor is scaled down no further than this: a writer left far below its share by the start (it came
 * late, or the first throttles fell on it) climbs back in seconds, not minutes, while its throttled share is high.
 */
const LEAST_FLOOR_SCALE = 0.25;

/** Answers the recent throttled share is averaged over (an exponential moving average). */
const SHARE_HORIZON = 200;

/** How much a window's length varies at random around `windowMs` (±): writers sharing a quota do not probe in step. */
const WINDOW_JITTER = 0.25;

/** Adaptive rate + concurrency limiter for one call type. */
export class AdaptiveRateLimiter {
  #rate: number;
  readonly #options: RateLimiterOptions;
  readonly #clock: Clock;
  /** The queue, a list in arrival order (priority calls first): its head, its tail and its length. */
  #head: Waiter | undefined;
  #tail: Waiter | undefined;
  #queued = 0;
  /**
   * The queued calls that can grow, by fill level (each level in the order its calls reached it), and the highest
   * level that may hold one: a release takes the fullest without reading any fill (a scan of the queue read about 513
   * fills a release at the documented quota, 8-15% of the client's CPU), and a call's growth moves it up a level.
   */
  readonly #levels: Level[] = Array.from({ length: FILL_LEVELS + 1 }, () => ({ first: undefined, last: undefined }));
  #topLevel = -1;
  #inFlight = 0;
  #nextReleaseAt = 0;
  #pumpScheduled = false;
  /** Calls in flight at most now: from `startConcurrency`, one more per round trip up to `maxConcurrency`. */
  #cap: number;
  /** In the start ramp: the rate grows with every admitted answer until the first throttle or `initialRate`. */
  #ramping: boolean;
  /** Set at the first `acquire`: a lane is built with its writer, and its first window starts with its first call. */
  #startedAt: number | undefined;
  #windowStart: number | undefined;
  /** This window's length: `windowMs` jittered. */
  #windowLength: number;
  #windowAnswered = 0;
  #windowThrottled = 0;
  #windowReleased = 0;
  #windowQueued = false;
  #previousWindowQueued = false;
  #lastCutAt = Number.NEGATIVE_INFINITY;
  /**
   * Bumped at every cut. A call carries the generation it was released in; a throttle of a call released before
   * the last cut says nothing new (it was paced at the old rate) and cuts nothing, so a rate is cut once per round
   * trip of evidence, not once per throttle.
   */
  #generation = 0;
  /** Answers to calls of the current generation: admitted (anything but a throttle), throttled. */
  #generationAdmitted = 0;
  #generationThrottled = 0;
  #cuts = 0;
  #probes = 0;
  /** Share of this limiter's recent answers that were throttles (an average over about `SHARE_HORIZON` answers). */
  #throttledShare = 0;
  /** When the start ramp ended (at the first throttle or at the initial rate); `Infinity` while it runs. */
  #rampEndedAt = Number.POSITIVE_INFINITY;
  /** Set at the ramp's first throttle while the ramp's calls in flight then answer (`RAMP_EXIT_HOLD_MS`). */
  #rampExit: RampExit | undefined;
  readonly #recentReleased: WindowCounter;
  /** Answers over the last window that were not throttles. */
  readonly #recentAdmitted: WindowCounter;
  /** Throttled answers over the last window. */
  readonly #recentThrottled: WindowCounter;
  /**
   * Signals this limiter listens to, one listener each for all its waiters: Node's `addEventListener` walks the
   * whole list on every add, and a listener per queued call made each add cost 70 µs with thousands queued.
   */
  readonly #watched = new WeakSet<AbortSignal>();

  constructor(options: RateLimiterOptions, clock: Clock) {
    this.#options = options;
    this.#clock = clock;
    const ramped = Math.max(options.initialRate * options.startShare, Math.min(options.initialRate, RAMP_LEAST_START));
    const startRate = Math.min(options.maxRate, Math.max(options.minRate, ramped));
    this.#ramping = options.adaptive && startRate < Math.min(options.initialRate, options.maxRate);
    // Within the bounds from the start: a writer given its split of a quota (`maxRate`) never bursts past it.
    this.#rate = this.#ramping ? startRate : Math.min(options.maxRate, Math.max(options.minRate, options.initialRate));
    if (!this.#ramping) this.#rampEndedAt = Number.NEGATIVE_INFINITY;
    this.#cap = options.adaptive ? Math.min(options.maxConcurrency, options.startConcurrency) : options.maxConcurrency;
    this.#recentReleased = new WindowCounter(options.windowMs);
    this.#recentAdmitted = new WindowCounter(options.windowMs);
    this.#recentThrottled = new WindowCounter(options.windowMs);
    this.#windowLength = options.windowMs;
  }

  /** The current rate, in requests per second. */
  get rate(): number {
    return this.#rate;
  }

  /** Calls waiting for a release. */
  get queued(): number {
    return this.#queued;
  }

  /** Calls released and not yet ended. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Calls in flight at most now (below `maxConcurrency` during the start ramp). */
  get concurrencyCap(): number {
    return this.#cap;
  }

  /** True until the start ramp ends (at the first throttle, or once the rate reached the initial rate). */
  get ramping(): boolean {
    return this.#ramping;
  }

  /** How many times the rate was cut, and probed upward. */
  get adjustments(): { cuts: number; probes: number } {
    return { cuts: this.#cuts, probes: this.#probes };
  }

  /**
   * Waits for a slot. `priority` puts the caller at the head of the queue (retries, halves of a bisected call: they
   * are older than anything queued).
   */
  acquire(signal?: AbortSignal, priority = false, grows?: GrowingCall): Promise<Permit> {
    if (this.#startedAt === undefined) {
      this.#startedAt = this.#clock.now();
      this.#startWindow(this.#startedAt);
    }
    if (signal?.aborted) return Promise.reject(new AbortedError(undefined, { cause: signal.reason }));
    return new Promise<Permit>((resolve, reject) => {
      const ahead = priority ? 0 : this.#queued;
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        grows,
        priority,
        queuedAt: this.#clock.now(),
        ahead,
        previous: undefined,
        next: undefined,
        level: -1,
        previousInLevel: undefined,
        nextInLevel: undefined,
      };
      if (signal !== undefined) this.#watch(signal);
      this.#enqueue(waiter);
      this.#pump(false);
    });
  }

  /** Puts `waiter` in the queue (at the head when it has priority) and, when it can grow, in its fill level. */
  #enqueue(waiter: Waiter): void {
    this.#queued += 1;
    if (waiter.priority) {
      waiter.next = this.#head;
      if (this.#head === undefined) this.#tail = waiter;
      else this.#head.previous = waiter;
      this.#head = waiter;
      return;
    }
    waiter.previous = this.#tail;
    if (this.#tail === undefined) this.#head = waiter;
    else this.#tail.next = waiter;
    this.#tail = waiter;
    const { grows } = waiter;
    if (grows === undefined) return;
    this.#enterLevel(waiter, levelOf(grows.fill));
    grows.onGrow = () => {
      const level = levelOf(grows.fill);
      if (level === waiter.level) return;
      this.#leaveLevel(waiter);
      this.#enterLevel(waiter, level);
    };
  }

  /** Takes `waiter` out of the queue and out of its level. */
  #dequeue(waiter: Waiter): void {
    this.#queued -= 1;
    const { previous, next } = waiter;
    if (previous === undefined) this.#head = next;
    else previous.next = next;
    if (next === undefined) this.#tail = previous;
    else next.previous = previous;
    waiter.previous = undefined;
    waiter.next = undefined;
    if (waiter.level >= 0) this.#leaveLevel(waiter);
    if (waiter.grows !== undefined) waiter.grows.onGrow = undefined;
  }

  #enterLevel(waiter: Waiter, level: number): void {
    const list = this.#levels[level] as Level;
    waiter.level = level;
    waiter.previousInLevel = list.last;
    if (list.last === undefined) list.first = waiter;
    else list.last.nextInLevel = waiter;
    list.last = waiter;
    if (level > this.#topLevel) this.#topLevel = level;
  }

  #leaveLevel(waiter: Waiter): void {
    const list = this.#levels[waiter.level] as Level;
    const { previousInLevel, nextInLevel } = waiter;
    if (previousInLevel === undefined) list.first = nextInLevel;
    else previousInLevel.nextInLevel = nextInLevel;
    if (nextInLevel === undefined) list.last = previousInLevel;
    else nextInLevel.previousInLevel = previousInLevel;
    waiter.previousInLevel = undefined;
    waiter.nextInLevel = undefined;
    waiter.level = -1;
  }

  /** The first call of the highest fill level that holds one (undefined when no queued call can grow). */
  #fullest(): Waiter | undefined {
    for (let level = this.#topLevel; level >= 0; level -= 1) {
      const first = (this.#levels[level] as Level).first;
      if (first !== undefined) {
        this.#topLevel = level;
        return first;
      }
    }
    this.#topLevel = -1;
    return undefined;
  }

  /**
   * Releases what the rate and the concurrency cap allow. `late` says a pump timer fired: timers fire late, and
   * without credit for that lateness the limiter sent 79 calls/s at a nominal 100/s. An idle limiter gets no credit:
   * it starts at its rate, not with a burst.
   */
  #pump(late: boolean): void {
    this.#rollWindow();
    while (this.#head !== undefined && this.#inFlight < this.#cap) {
      const now = this.#clock.now();
      // A pending pump timer means a release is owed at `nextReleaseAt`: a call that ends before the (late) timer
      // fires runs this pump first, and setting the next release back to now lost the time between for good (195
      // calls/s at a nominal 300/s with timers 2 ms late; test/writer/limiter-release-shortfall.test.ts).
      const earliest = late || this.#pumpScheduled ? now - TIMER_LATENESS_CREDIT_MS : now;
      if (this.#nextReleaseAt < earliest) this.#nextReleaseAt = earliest;
      if (this.#nextReleaseAt > now) {
        this.#schedulePump(this.#nextReleaseAt - now);
        break;
      }
      this.#nextReleaseAt += 1000 / this.#rate;
      this.#release(this.#takeNext(now), now);
    }
    // Calls waited (for the rate or for the cap): what this window achieves is all the writer can send.
    if (this.#queued > 0) this.#windowQueued = true;
  }

  /**
   * The waiter to release, out of the queue: the head when it has priority, cannot grow, or has waited past its limit
   * (`#overtakeLimitMs`); otherwise the fullest queued call (of the fullest, the one that reached its fill first).
   */
  #takeNext(now: number): Waiter {
    const head = this.#head as Waiter;
    const inOrder = head.priority || head.grows === undefined || now - head.queuedAt >= this.#overtakeLimitMs(head);
    const next = inOrder ? head : (this.#fullest() ?? head);
    this.#dequeue(next);
    return next;
  }

  /**
   * How long the head may wait while fuller calls overtake it: `FULLEST_FIRST_MAX_WAIT_MS`, or
   * `FULLEST_FIRST_TURNOVERS` times what the calls queued ahead of it when it came take to go out at the current rate,
   * when that is longer. Not the whole queue: a call queued first, with a long queue forming behind it, waited up to
   * 2 x 2,000 / rate (200 s at 20/s) while calls that came after it went.
   */
  #overtakeLimitMs(head: Waiter): number {
    const turnoverMs = ((head.ahead + 1) * 1000) / this.#rate;
    return Math.max(FULLEST_FIRST_MAX_WAIT_MS, FULLEST_FIRST_TURNOVERS * turnoverMs);
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
      for (let waiter = this.#head; waiter !== undefined; ) {
        const next = waiter.next;
        if (waiter.signal === signal) {
          this.#dequeue(waiter);
          leaving.push(waiter);
        }
        waiter = next;
      }
      for (const waiter of leaving) waiter.reject(new AbortedError(undefined, { cause: signal.reason }));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  }

  #release(waiter: Waiter, now: number): void {
    this.#inFlight += 1;
    this.#windowReleased += 1;
    this.#recentReleased.add(now);
    const generation = this.#generation;
    let released = false;
    waiter.resolve((outcome) => {
      if (released) return;
      released = true;
      this.#inFlight -= 1;
      this.#record(outcome, generation);
      this.#pump(false);
    });
  }

  #record(outcome: CallOutcome, generation: number): void {
    const now = this.#clock.now();
    this.#rollWindow();
    // The start's throttles (the ramp and the descent right after it) are the start's, not the probes': counted, a
    // writer that started late into a quota spent by others scaled its probes down to nothing and stayed starved.
    if (now - this.#rampEndedAt >= this.#options.windowMs) {
      this.#throttledShare += ((outcome === 'throttled' ? 1 : 0) - this.#throttledShare) / SHARE_HORIZON;
    }
    const exit = this.#rampExit;
    if (exit !== undefined && generation === exit.generation) this.#rampExitAnswer(exit, outcome, now);
    if (outcome === 'throttled') {
      this.#windowThrottled += 1;
      this.#recentThrottled.add(now);
      if (generation !== this.#generation) return;
      this.#generationThrottled += 1;
      this.#cut(now);
      return;
    }
    // Any answer but a throttle spent quota and measures it: a call rejected as invalid input or failed with a
    // 500 went through the quota just as a delivered one did.
    this.#windowAnswered += 1;
    this.#recentAdmitted.add(now);
    if (generation === this.#generation) this.#generationAdmitted += 1;
    this.#grow();
  }

  /**
   * One admitted answer: a round trip's share of one more call in flight (up to `maxConcurrency`; a cap that grew
   * by one per answer, doubling each round trip, sent 16 ramps' worth into the bucket at once), and, in the ramp,
   * the rate up by `RAMP_GROWTH_PER_WINDOW`: clocked by the answers, so a service that answers slowly slows the
   * ramp. The rate grows only while calls wait: a rate that demand does not use is not tested.
   */
  #grow(): void {
    const max = this.#options.maxConcurrency;
    if (this.#cap < max) this.#cap = Math.min(max, this.#cap + 1 / this.#cap);
    if (!this.#ramping || this.#queued === 0) return;
    const ceiling = Math.min(this.#options.initialRate, this.#options.maxRate);
    this.#rate = Math.min(ceiling, this.#rate + (RAMP_GROWTH_PER_WINDOW * 1000) / this.#options.windowMs);
    if (this.#rate >= ceiling) this.#endRamp(this.#clock.now());
  }

  /**
   * One answer of a call the ramp released, after its first throttle. Once all have answered within
   * `RAMP_EXIT_HOLD_MS`, the rate is `decreaseFactor` of the ramp's rate times the share of them admitted, if that is
   * below the exit cut (at most half the exit cut deeper), and the releases resume.
   */
  #rampExitAnswer(exit: RampExit, outcome: CallOutcome, now: number): void {
    exit.pending -= 1;
    exit.answered += 1;
    if (outcome !== 'throttled') exit.admitted += 1;
    if (exit.pending > 0) return;
    this.#rampExit = undefined;
    if (now - exit.at > RAMP_EXIT_HOLD_MS) return;
    const share = exit.admitted / exit.answered;
    const exitCut = this.#rate;
    const next = Math.max(RAMP_EXIT_CUT * exitCut, this.#options.decreaseFactor * share * exit.rampRate);
    if (next < exitCut) this.#rate = Math.max(this.#options.minRate, next);
    this.#nextReleaseAt = now;
  }

  #endRamp(now: number): void {
    this.#ramping = false;
    this.#rampEndedAt = now;
  }

  /**
   * The rate released over the last window, in requests per second (over the time since the first call while that
   * is shorter): what the limiter actually sent, which the cap, demand or the ramp keep below the nominal rate.
   */
  #releasedRate(now: number): number {
    return (this.#recentReleased.count(now) * 1000) / this.#span(now);
  }

  /**
   * The time the rates are measured over: the last window, or the time since the first call while that is shorter.
   * Over a whole window, a writer that had just started (into a quota others already spent) measured a tenth of
   * what it was admitted, was cut to nothing and took a minute to climb back.
   */
  #span(now: number): number {
    return Math.min(this.#options.windowMs, Math.max(1, now - (this.#startedAt ?? now)));
  }

  #cut(now: number): void {
    if (!this.#options.adaptive) return;
    const leavingRamp = this.#ramping;
    if (leavingRamp) this.#endRamp(now);
    // Every cut starts from the rate actually released, not the nominal one: held back by the concurrency cap or
    // the ramp, a cut from the nominal rate (1000 → 900/s while sending 200/s) changed nothing and the opening
    // burst ran on.
    // - Leaving the ramp: the rate had been growing past what the service admits while its burst hid it: halve.
    // - Nothing admitted in the last window: no measurement; halve.
    // - Calls waiting: the quota (this writer's share of it) is below what it sends, and what got through is what it
    //   gets: `decreaseFactor` of the admitted rate, over the last window or, once a few answers of the calls
    //   released since the last cut are in, of their admitted share; never below `DEEPEST_CUT` of the released rate.
    // - A quiet spell: the admitted rate measures demand, and cutting to it would leave the rate far too low when
    //   demand returns: `decreaseFactor` of the rate.
    const released = Math.min(this.#rate, this.#releasedRate(now));
    const admitted = (this.#recentAdmitted.count(now) * 1000) / this.#span(now);
    const queued = this.#windowQueued || this.#previousWindowQueued || this.#queued > 0;
    const { decreaseFactor } = this.#options;
    let next: number;
    if (leavingRamp) {
      next = RAMP_EXIT_CUT * released;
      if (this.#inFlight > 0) {
        const generation = this.#generation;
        this.#rampExit = {
          generation,
          at: now,
          rampRate: this.#rate,
          pending: this.#inFlight,
          admitted: 0,
          answered: 1,
        };
      }
    } else if (admitted === 0) next = released / 2;
    else if (queued) {
      const basis = Math.min(released, admitted, this.#generationRate(released), this.#windowShareRate(released, now));
      next = Math.max(DEEPEST_CUT * released, decreaseFactor * basis);
    } else next = decreaseFactor * this.#rate;
    this.#rate = Math.min(this.#options.maxRate, Math.max(this.#options.minRate, next));
    this.#generation += 1;
    this.#generationAdmitted = 0;
    this.#generationThrottled = 0;
    this.#lastCutAt = now;
    this.#cuts += 1;
    // Calls already scheduled at the old pace would fire too soon: re-space the next release at the new rate (or hold
    // it while the ramp's calls in flight answer).
    const hold = leavingRamp && this.#rampExit !== undefined ? RAMP_EXIT_HOLD_MS : 0;
    this.#nextReleaseAt = Math.max(this.#nextReleaseAt, now + Math.max(hold, 1000 / this.#rate));
  }

  /**
   * How much a probe adds: `increaseFactor` of the rate, at least `PROBE_FLOOR_SHARE` of the initial rate (nothing
   * when `increaseFactor` is 1), both scaled down in proportion while the recent throttled share is above
   * `TARGET_THROTTLED_SHARE` (the floor to a quarter at most, `LEAST_FLOOR_SCALE`).
   */
  #probeStep(): number {
    const { increaseFactor, initialRate } = this.#options;
    if (increaseFactor <= 1) return 0;
    const floor = Number.isFinite(initialRate) ? PROBE_FLOOR_SHARE * initialRate : 0;
    const scale = Math.min(1, TARGET_THROTTLED_SHARE / Math.max(this.#throttledShare, Number.MIN_VALUE));
    return Math.max(this.#rate * (increaseFactor - 1) * scale, floor * Math.max(scale, LEAST_FLOOR_SCALE));
  }

  /**
   * What the calls released since the last cut say the quota admits: `released` times the share of their answers
   * that got through, once there are `GENERATION_SAMPLE` of them (fewer say little); `Infinity` before.
   */
  #generationRate(released: number): number {
    const answered = this.#generationAdmitted + this.#generationThrottled;
    return answered < GENERATION_SAMPLE ? Number.POSITIVE_INFINITY : (released * this.#generationAdmitted) / answered;
  }

  /**
   * `released` times the share of the last window's answers that were not throttles. A cut comes at the first
   * throttle of its generation, mostly before `GENERATION_SAMPLE` of that generation's answers are in; cut by 10% at
   * a time instead, 16 writers that started together into one quota took 4-5 round trips to come down to it, and
   * their start cost 270 throttled calls (6.4% of a minute's calls; 180 and 5.0% with this, in
   * test/writer/shared-quota.test.ts's simulation). Answers of calls released before the last cut count too: after a
   * burst they over-state the overshoot, and the probes give back what that over-cut.
   */
  #windowShareRate(released: number, now: number): number {
    const admitted = this.#recentAdmitted.count(now);
    const answered = admitted + this.#recentThrottled.count(now);
    return answered === 0 ? Number.POSITIVE_INFINITY : (released * admitted) / answered;
  }

  #startWindow(now: number): void {
    this.#windowStart = now;
    const jitter = (this.#options.random() * 2 - 1) * WINDOW_JITTER;
    this.#windowLength = this.#options.windowMs * (1 + jitter);
  }

  #rollWindow(): void {
    const now = this.#clock.now();
    if (this.#windowStart === undefined || now - this.#windowStart < this.#windowLength) return;
    const quiet = this.#windowThrottled === 0 && now - this.#lastCutAt >= this.#options.windowMs;
    // Probe only when the window used its rate: held back by the cap or by demand, a higher rate would not be tried,
    // and the rate would drift upward untested (226/s while sending 100/s). The ramp grows on its own.
    const used = this.#windowReleased >= 0.9 * this.#rate * ((now - this.#windowStart) / 1000);
    if (this.#options.adaptive && !this.#ramping && quiet && used && this.#windowAnswered > 0) {
      this.#rate = Math.min(this.#options.maxRate, this.#rate + this.#probeStep());
      this.#probes += 1;
    }
    this.#startWindow(now);
    this.#windowAnswered = 0;
    this.#windowThrottled = 0;
    this.#windowReleased = 0;
    this.#previousWindowQueued = this.#windowQueued;
    this.#windowQueued = false;
  }
}

/** The fill level of a call `fill` full (0..1). */
function levelOf(fill: number): number {
  return Math.min(FILL_LEVELS, Math.max(0, Math.round(fill * FILL_LEVELS)));
}
