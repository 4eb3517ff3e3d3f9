/**
 * Backpressure: room for `capacity` records held by the writer (buffered or in flight). A put takes room, and waits
 * for it in order while none is left; records that settle give theirs back.
 * @module
 */

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Room for records, taken by puts and given back as records settle. */
export class RecordRoom {
  readonly #capacity: number;
  readonly #waiters: Waiter[] = [];
  #held = 0;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** Records accepted and not yet settled (buffered or in flight), room taken for waiters included. */
  get held(): number {
    return this.#held;
  }

  /** True while puts wait for room. */
  get waiting(): boolean {
    return this.#waiters.length > 0;
  }

  /** Takes room for one record if there is some and nobody waits; answers whether it did. */
  tryTake(): boolean {
    if (this.#held >= this.#capacity || this.#waiters.length > 0) return false;
    this.#held += 1;
    return true;
  }

  /** Takes room for one record; resolves at once when there is some and nobody waits, else in turn. */
  take(): Promise<void> {
    if (this.tryTake()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  /** Gives back room taken by a put that then refused its record (the writer closed or stopped meanwhile). */
  untake(): void {
    this.#held -= 1;
  }

  /** `count` records settled: their room goes to the puts waiting, in order. */
  free(count: number): void {
    this.#held -= count;
    while (this.#waiters.length > 0 && this.#held < this.#capacity) {
      // The room is taken on the waiter's behalf now, so that released waiters cannot overshoot the bound.
      this.#held += 1;
      this.#waiters.shift()?.resolve();
    }
  }

  /** Rejects every put waiting for room with `error` (the writer closed or stopped). */
  refuseWaiting(error: unknown): void {
    for (const waiter of this.#waiters.splice(0)) waiter.reject(error);
  }
}
