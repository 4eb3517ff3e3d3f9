/**
 * How far a file is delivered without a gap: the highest line such that every record read up to it has settled.
 * Records land out of order (calls run in parallel, a throttled call is retried), so a line counts only once every
 * line before it has.
 * @module
 */

/** Tracks the lines read and settled; `line` is the contiguous frontier. */
export class DeliveryFrontier {
  /** Lines read and not yet settled, in the order read (increasing); `#head` is the first still open. */
  readonly #open: number[] = [];
  readonly #settled = new Set<number>();
  readonly #failed: number[] = [];
  #head = 0;
  #lastRead: number;

  /** Starts after `line` (0: from the start; a resumed run: the checkpoint's line). */
  constructor(line: number) {
    this.#lastRead = line;
  }

  /** The line was read and handed on. Lines are read in increasing order. */
  read(line: number): void {
    this.#open.push(line);
    this.#lastRead = line;
  }

  /** The record of `line` landed. */
  settle(line: number): void {
    this.#settled.add(line);
    while (this.#head < this.#open.length && this.#settled.has(this.#open[this.#head] as number)) {
      this.#settled.delete(this.#open[this.#head] as number);
      this.#head += 1;
    }
    // Keep the array short: drop what the frontier passed.
    if (this.#head > 4096 && this.#head * 2 > this.#open.length) {
      this.#open.splice(0, this.#head);
      this.#head = 0;
    }
  }

  /** The record of `line` did not get in: it holds the frontier until `settleFailed` (once it is in a rejected file). */
  fail(line: number): void {
    this.#failed.push(line);
  }

  /** Every failed line is kept safe now (written to the rejected file): they settle. */
  settleFailed(): void {
    for (const line of this.#failed.splice(0)) this.settle(line);
  }

  /** The highest line such that every line read up to it has settled. */
  get line(): number {
    return this.#head < this.#open.length ? (this.#open[this.#head] as number) - 1 : this.#lastRead;
  }
}
