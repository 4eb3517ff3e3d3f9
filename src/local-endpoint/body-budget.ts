/**
 * The bytes of request bodies the endpoint holds at once, across requests: a body is admitted only while the total
 * stays within the budget, so 120 concurrent 15 MB bodies cannot take 1.9 GB.
 * @module
 */

/** Counts reserved body bytes against a maximum. */
export class BodyBudget {
  private reserved = 0;

  constructor(private readonly max: number) {}

  /** Reserves `bytes` when they fit; false (nothing reserved) when they would push the total over the maximum. */
  tryReserve(bytes: number): boolean {
    if (this.reserved + bytes > this.max) return false;
    this.reserved += bytes;
    return true;
  }

  /** Gives back `bytes` reserved before. */
  release(bytes: number): void {
    this.reserved = Math.max(0, this.reserved - bytes);
  }

  /** Bytes reserved now. */
  get inUse(): number {
    return this.reserved;
  }
}
