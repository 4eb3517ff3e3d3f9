/**
 * Counts events in a trailing window of time. Old entries are dropped as new ones arrive, so memory stays bounded by
 * the events of about one window however long the writer runs, and dropping them never costs more than the adds did.
 * @module
 */

/** Compact the array once this many dropped entries sit at its head (and they are most of it). */
const COMPACT_AFTER = 1024;

/** A count of events over the last `windowMs`. */
export class WindowCounter {
  readonly #windowMs: number;
  readonly #times: number[] = [];
  #head = 0;

  constructor(windowMs: number) {
    this.#windowMs = windowMs;
  }

  /** Records an event at `now`. */
  add(now: number): void {
    this.#times.push(now);
    this.#trim(now);
  }

  /** Events in `(now - windowMs, now]`. */
  count(now: number): number {
    this.#trim(now);
    return this.#times.length - this.#head;
  }

  /** Entries held in memory, dropped ones not yet compacted included (for tests). */
  get retained(): number {
    return this.#times.length;
  }

  #trim(now: number): void {
    const since = now - this.#windowMs;
    while (this.#head < this.#times.length && (this.#times[this.#head] as number) <= since) this.#head += 1;
    // Shifting one at a time is quadratic: a limiter that had not trimmed for 1M calls froze the event loop for 96 s.
    if (this.#head >= COMPACT_AFTER && this.#head * 2 >= this.#times.length) {
      this.#times.splice(0, this.#head);
      this.#head = 0;
    }
  }
}
