/**
 * Back-off delays, as a pure function of the attempt and a random number, so tests need no clock.
 * @module
 */

/** Parameters of an exponential back-off. */
export interface BackoffOptions {
  /** Delay ceiling of the first retry, in ms. */
  baseDelayMs: number;
  /** Largest delay, in ms. */
  maxDelayMs: number;
}

/**
 * "Full jitter" exponential back-off: a delay drawn uniformly from `[0, min(maxDelayMs, baseDelayMs · 2^(retry-1))]`.
 * Spreading retries over the whole interval keeps many writers that failed together from retrying together.
 * @param retry - 1 for the first retry.
 * @param random - a number in `[0, 1)`.
 */
export function backoffDelay(retry: number, options: BackoffOptions, random: number): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random * ceiling);
}
