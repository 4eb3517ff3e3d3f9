/**
 * A `Clock` that only moves when the test moves it: `advance(ms)` runs every timer (and every `sleep`) that falls due,
 * in time order, each at its own instant, letting promise callbacks run between them so that work scheduled by a
 * timer (a poll loop that sleeps again) is picked up within the same `advance`.
 *
 * @example
 * const clock = new ManualClock();
 * const done = clock.sleep(1_000).then(() => clock.now());
 * await clock.advance(1_000);
 * expect(await done).toBe(ManualClock.START + 1_000);
 *
 * Promise callbacks are flushed with the real `setImmediate`, captured when this module is first imported: import it
 * before any `vi.useFakeTimers()` (a static import does), or the flush waits on a faked timer.
 * @module
 */
import { AbortedError } from '../errors.js';
import type { Clock, TimerHandle } from './clock.js';

// Captured at import so that a test that later calls `vi.useFakeTimers()` does not freeze the flush below.
const realSetImmediate = globalThis.setImmediate;

/** Lets every pending promise callback run (several rounds, since callbacks schedule callbacks). */
export async function flushPromises(rounds = 5): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    await new Promise<void>((resolve) => realSetImmediate(resolve));
  }
}

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly callback: () => void;
}

/** A manual clock for tests. Timers of 0 ms (or less) fire on the next `advance`, `advance(0)` included. */
export class ManualClock implements Clock {
  /** The default start: 2026-01-01T00:00:00Z, so that times in failures read as dates. */
  static readonly START = Date.UTC(2026, 0, 1);

  #now: number;
  #seq = 0;
  #timers: Timer[] = [];

  constructor(startMs: number = ManualClock.START) {
    this.#now = startMs;
  }

  /** The current fake time, in milliseconds since the epoch. */
  now(): number {
    return this.#now;
  }

  /** Timers not yet fired (sleeps included). */
  get pendingTimers(): number {
    return this.#timers.length;
  }

  /** When the next timer falls due, or `undefined` when none is pending. */
  get nextTimerAt(): number | undefined {
    return this.#timers[0]?.at;
  }

  /** Resolves when the clock has been advanced by `ms`; rejects with `AbortedError` when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new AbortedError(undefined, { cause: signal.reason }));
        return;
      }
      const onAbort = () => {
        handle.cancel();
        reject(new AbortedError(undefined, { cause: signal?.reason }));
      };
      const handle = this.setTimer(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Calls `callback` once the clock has been advanced by `ms`. */
  setTimer(callback: () => void, ms: number): TimerHandle {
    // Like setTimeout, a negative or non-finite delay fires as soon as possible.
    const delay = Number.isFinite(ms) ? Math.max(0, ms) : 0;
    const timer: Timer = { at: this.#now + delay, seq: this.#seq++, callback };
    this.#timers.push(timer);
    this.#timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    return {
      cancel: () => {
        this.#timers = this.#timers.filter((pending) => pending !== timer);
      },
    };
  }

  /**
   * Moves time forward by `ms`, firing every timer due by then in order, with the clock set to each timer's own
   * time while it runs. Timers that fired timers schedule within the window fire too.
   */
  async advance(ms: number): Promise<void> {
    if (!(ms >= 0)) throw new RangeError(`Expected \`ms\` to be >= 0, got \`${ms}\``);
    const target = this.#now + ms;
    await flushPromises();
    for (let timer = this.#timers[0]; timer !== undefined && timer.at <= target; timer = this.#timers[0]) {
      this.#timers.shift();
      this.#now = Math.max(this.#now, timer.at);
      timer.callback();
      await flushPromises();
    }
    this.#now = target;
    await flushPromises();
  }

  /** Moves time to `epochMs` (which may not be in the past), firing what falls due. */
  async advanceTo(epochMs: number): Promise<void> {
    await this.advance(epochMs - this.#now);
  }

  /**
   * Fires timers until none is left or `maxMs` has passed (a guard against a loop that always schedules another
   * timer), and resolves with the time advanced.
   */
  async runAll(maxMs = 24 * 60 * 60 * 1000): Promise<number> {
    const start = this.#now;
    await flushPromises();
    for (let next = this.nextTimerAt; next !== undefined && next - start <= maxMs; next = this.nextTimerAt) {
      await this.advance(next - this.#now);
    }
    return this.#now - start;
  }
}
