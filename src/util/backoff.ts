/**
 * Exponential back-off with full jitter, as a pure function (the caller passes the randomness in), and the one shape
 * of options every retry and every poll of the library takes.
 * @module
 */
import { expectInteger, expectNumber } from './expect.js';

/**
 * How a retry or a poll waits: each delay is a random draw below a ceiling that starts at `initialDelayMs` and
 * doubles up to `maxDelayMs` ("full jitter"); it gives up once `timeoutMs` have passed in all.
 */
export interface BackoffConfiguration {
  /** The ceiling of the first delay, in ms. */
  initialDelayMs: number;
  /** The largest ceiling of a delay, in ms. */
  maxDelayMs: number;
  /** How long to keep trying in all, in ms; `Infinity` never gives up. */
  timeoutMs: number;
}

/** The ceiling of delay number `attempt` (0 for the first): `initialDelayMs` doubled per attempt, capped. */
function ceilingOf(attempt: number, bounds: Pick<BackoffConfiguration, 'initialDelayMs' | 'maxDelayMs'>): number {
  return Math.min(bounds.maxDelayMs, bounds.initialDelayMs * 2 ** Math.max(0, attempt));
}

/** A draw of `random`, clamped to [0, 1] so that a bad source cannot make a negative or huge delay. */
function drawOf(random: () => number): number {
  return Math.min(Math.max(random(), 0), 1);
}

/**
 * The delay before retry number `attempt` (0 for the first): a uniform draw in `[0, min(maxDelayMs,
 * initialDelayMs * 2^attempt))` ("full jitter"), so that many waiters started together spread out instead of
 * polling in lockstep.
 * @param random - returns a number in `[0, 1)`, like `Math.random`.
 */
export function backoffDelay(
  attempt: number,
  bounds: Pick<BackoffConfiguration, 'initialDelayMs' | 'maxDelayMs'>,
  random: () => number,
): number {
  return Math.floor(drawOf(random) * ceilingOf(attempt, bounds));
}

/**
 * The delay before poll number `attempt` (0 for the first): a draw in `[3/4, 1]` of a ceiling that doubles from
 * `initialDelayMs` up to `maxDelayMs`. Polling meets no contention, so the full jitter of retries only costs: a
 * notice comes on average a third of the ceiling after the job ended, where a near-fixed period gives nearly half of
 * a shorter one for the same number of calls (`npm run bench`, "Polling an import job"). A quarter of jitter still
 * keeps many waiters started together from polling in lockstep.
 */
export function pollDelay(
  attempt: number,
  bounds: Pick<BackoffConfiguration, 'initialDelayMs' | 'maxDelayMs'>,
  random: () => number,
): number {
  return Math.floor(ceilingOf(attempt, bounds) * (0.75 + 0.25 * drawOf(random)));
}

/** Checks a back-off configuration named `name` (e.g. `poll`), each field by its full name (`poll.maxDelayMs`). */
export function expectBackoff(name: string, value: BackoffConfiguration): void {
  expectInteger(`${name}.initialDelayMs`, value.initialDelayMs, 0, Number.MAX_SAFE_INTEGER);
  expectInteger(`${name}.maxDelayMs`, value.maxDelayMs, value.initialDelayMs, Number.MAX_SAFE_INTEGER);
  expectNumber(`${name}.timeoutMs`, value.timeoutMs, 0, Number.POSITIVE_INFINITY);
}
