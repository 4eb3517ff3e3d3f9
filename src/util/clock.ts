/**
 * Time, passed in: polling, back-off, rate limiting and flush timers take a `Clock`, so tests drive them with a
 * fake clock (or vitest's fake timers) instead of waiting.
 * @module
 */
import { AbortedError } from '../errors.js';

/** A timer set with `Clock.setTimer`. */
export interface TimerHandle {
  /** Stops the timer: its callback never runs. Calling it after the timer fired, or twice, does nothing. */
  cancel(): void;
}

/**
 * The source of time the library uses: `systemClock` (the default everywhere), a `ManualClock` in tests, or your
 * own.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects with `AbortedError` when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Calls `callback` after `ms`. The timer never keeps the process alive (it is `unref()`ed). */
  setTimer(callback: () => void, ms: number): TimerHandle;
}

/** Rejects with an `AbortedError` if `signal` has aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError(undefined, { cause: signal.reason });
}

/** The longest delay Node's timers take, in ms (2^31 - 1); a longer one fires after 1 ms. */
export const MAX_TIMER_MS = 2_147_483_647;

/** The real clock, on `Date.now` and `setTimeout` (so vitest's fake timers drive it too). */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new AbortedError(undefined, { cause: signal.reason }));
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(new AbortedError(undefined, { cause: signal?.reason }));
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
  setTimer(callback, ms) {
    const timer = setTimeout(callback, ms);
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};
