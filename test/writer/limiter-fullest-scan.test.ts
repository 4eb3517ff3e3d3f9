/**
 * The fullest-first choice reads no fill at a release: scanning the whole queue at every release cost O(queue) per
 * call (O(n²) over a flush of thousands of part-full chunks), and a scan of the 2,048 oldest still read about 513 fills
 * a release at the documented quota. The queued calls are kept by fill level; a call's fill is read when it comes and
 * when it grows.
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
  it('reads each queued call’s fill once when nothing grows, and still prefers the fuller', async () => {
    const clock = new ManualClock();
    const limiter = new AdaptiveRateLimiter(options, clock);
    let reads = 0;
    const order: number[] = [];
    const queued = 12_000;
    for (let n = 0; n < queued; n += 1) {
      // Every third call is full; the others half full.
      const fill = n % 3 === 2 ? 1 : 0.5;
      const call = {
        get fill() {
          reads += 1;
          return fill;
        },
        onGrow: undefined,
      };
      void limiter.acquire(undefined, false, call).then((permit) => {
        order.push(n);
        permit('ok');
      });
    }
    for (let ms = 0; ms < 3000 && order.length < queued; ms += 1) await clock.advance(1);
    expect(order).toHaveLength(queued);
    // Whole-queue scans read about a third of the queue per release here (4,000 fills at the worst); a scan of the
    // 2,048 oldest, up to 2,048.
    expect(reads).toBeLessThanOrEqual(queued);
    // The full calls still overtake the half-full ones near the head. The first call went at once (nothing queued
    // then); the next ten released are full ones.
    expect(order[0]).toBe(0);
    expect(order.slice(1, 11).every((n) => n % 3 === 2)).toBe(true);
  });

  it('moves a queued call up as it grows: one that grew full overtakes the part-full ones queued before it', async () => {
    const clock = new ManualClock();
    const limiter = new AdaptiveRateLimiter({ ...options, initialRate: 10 }, clock);
    const order: string[] = [];
    const queue = (name: string, call: { fill: number; onGrow: (() => void) | undefined }) =>
      void limiter.acquire(undefined, false, call).then((permit) => {
        order.push(name);
        permit('ok');
      });
    queue('first', { fill: 0.1, onGrow: undefined });
    const growing = { fill: 0.1, onGrow: undefined as (() => void) | undefined };
    queue('a', { fill: 0.5, onGrow: undefined });
    queue('b', { fill: 0.5, onGrow: undefined });
    queue('growing', growing);
    await clock.advance(0);
    for (const fill of [0.2, 0.6, 1]) {
      growing.fill = fill;
      growing.onGrow?.();
    }
    for (let ms = 0; ms < 1000 && order.length < 4; ms += 10) await clock.advance(10);
    expect(order).toEqual(['first', 'growing', 'a', 'b']);
    // Out of the queue, it is no longer told of growth.
    expect(growing.onGrow).toBeUndefined();
  });
});
