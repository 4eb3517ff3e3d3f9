/**
 * The fullest-first choice looks at a bounded number of the oldest queued calls: scanning the whole queue at every
 * release cost O(queue) per call (O(n²) over a flush of thousands of part-full chunks).
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/util/manual-clock.js';
import { AdaptiveRateLimiter, type RateLimiterOptions } from '../../src/writer/rate-limiter.js';

const options: RateLimiterOptions = {
  initialRate: 10_000,
  minRate: 1,
  maxRate: Number.POSITIVE_INFINITY,
  maxConcurrency: 10_000,
  adaptive: false,
  windowMs: 1000,
  decreaseFactor: 0.9,
  increaseFactor: 1.05,
  startShare: 1,
  startConcurrency: 10_000,
  random: () => 0.5,
};

describe('AdaptiveRateLimiter: fullest first, at a bounded cost', () => {
  it('reads the fill of at most a bounded number of queued calls per release, and still prefers the fuller', async () => {
    const clock = new ManualClock();
    const limiter = new AdaptiveRateLimiter(options, clock);
    let reads = 0;
    const order: number[] = [];
    const queued = 12_000;
    for (let n = 0; n < queued; n += 1) {
      // Every third call is full; the others half full.
      const fill = n % 3 === 2 ? 1 : 0.5;
      void limiter
        .acquire(undefined, false, () => {
          reads += 1;
          return fill;
        })
        .then((permit) => {
          order.push(n);
          permit('ok');
        });
    }
    for (let ms = 0; ms < 3000 && order.length < queued; ms += 1) await clock.advance(1);
    expect(order).toHaveLength(queued);
    // Whole-queue scans read about a third of the queue per release here (4,000 fills at the worst).
    expect(reads / queued).toBeLessThanOrEqual(2048);
    // The full calls still overtake the half-full ones near the head. The first call went at once (nothing queued
    // then); the next ten released are full ones.
    expect(order[0]).toBe(0);
    expect(order.slice(1, 11).every((n) => n % 3 === 2)).toBe(true);
  });
});
