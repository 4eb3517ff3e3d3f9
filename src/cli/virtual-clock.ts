/**
 * A virtual clock for the demo: time stands still while there is work to do and jumps to the next timer when the
 * process is idle, so minutes of polling, flush intervals and back-off pass in milliseconds, in the same order
 * as they would in real time.
 * @module
 */
import { AbortedError, type Clock, type TimerHandle } from './library.js';

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
}

const idle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A `Clock` whose time moves only when `run` finds nothing else to do. */
export class VirtualClock implements Clock {
  #now: number;
  #seq = 0;
  #timers: Timer[] = [];

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  /** Virtual milliseconds that passed since `start`. */
  elapsedSince(start: number): number {
    return this.#now - start;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new AbortedError(undefined, { cause: signal.reason }));
        return;
      }
      const handle = this.setTimer(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        handle.cancel();
        reject(new AbortedError(undefined, { cause: signal?.reason }));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  setTimer(callback: () => void, ms: number): TimerHandle {
    const timer: Timer = { at: this.#now + Math.max(0, ms), seq: this.#seq++, fire: callback };
    this.#timers.push(timer);
    return {
      cancel: () => {
        this.#timers = this.#timers.filter((other) => other !== timer);
      },
    };
  }

  /**
   * Settles `work`, advancing time to the next timer each time the event loop has gone idle. Real I/O (reading a
   * file) still takes its real time: the loop yields to it.
   */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    const done = work.finally(() => {
      settled = true;
    });
    done.catch(() => {});
    while (!settled) {
      await idle();
      if (settled) break;
      // Two idle turns in a row, so that I/O callbacks and the promise chains they start have run first.
      await idle();
      if (settled) break;
      if (!this.#fireNext()) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    return done;
  }

  #fireNext(): boolean {
    if (this.#timers.length === 0) return false;
    const next = this.#timers.reduce((a, b) => (b.at < a.at || (b.at === a.at && b.seq < a.seq) ? b : a));
    this.#timers = this.#timers.filter((timer) => timer !== next);
    this.#now = Math.max(this.#now, next.at);
    next.fire();
    return true;
  }
}
