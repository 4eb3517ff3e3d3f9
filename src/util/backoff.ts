/**
 * Exponential back-off with full jitter, as a pure function: the caller passes the randomness in.
 * @module
 */

/** The bounds of a back-off. */
export interface BackoffBounds {
  /** The ceiling of the first delay, in ms. */
  initialDelayMs: number;
  /** The largest ceiling, in ms. */
  maxDelayMs: number;
}

/**
 * The delay before retry number `attempt` (0 for the first): a uniform draw in `[0, min(maxDelayMs,
 * initialDelayMs * 2^attempt))` ("full jitter"), so that many waiters started together spread out instead of
 * polling in lockstep.
 * @param random - returns a number in `[0, 1)`, like `Math.random`.
 */
export function backoffDelay(attempt: number, bounds: BackoffBounds, random: () => number): number {
  const ceiling = Math.min(bounds.maxDelayMs, bounds.initialDelayMs * 2 ** Math.max(0, attempt));
  const draw = Math.min(Math.max(random(), 0), 1);
  return Math.floor(draw * ceiling);
}
