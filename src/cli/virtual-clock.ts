/**
 * A virtual clock for the demo: time stands still while there is work to do and jumps to the next timer when the
 * process is idle, so minutes of polling, flush intervals and back-off pass in milliseconds, in the same order
 * as they would in real time. It is the library's `ManualClock`, driven by idleness instead of by a test.
 * @module
 */
import { ManualClock } from './library.js';

const idle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A `ManualClock` that `run` advances whenever the event loop has nothing else to do. */
export class VirtualClock extends ManualClock {
  /** Virtual milliseconds that passed since `start`. */
  elapsedSince(start: number): number {
    return this.now() - start;
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
      const next = this.nextTimerAt;
      if (next === undefined) await new Promise((resolve) => setTimeout(resolve, 1));
      else await this.advanceTo(Math.max(next, this.now()));
    }
    return done;
  }
}
