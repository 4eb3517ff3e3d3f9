/**
 * The limiter listens once per signal; when one aborts, its waiters leave the queue and reject, however many waiters
 * of other signals are queued (a queue rebuilt by spreading it as arguments overflowed past ~120k of them).
 */
import { describe, expect, it } from 'vitest';
import { AbortedError } from '../../src/errors.js';
import { ManualClock } from '../../src/util/manual-clock.js';
import { AdaptiveRateLimiter } from '../../src/writer/rate-limiter.js';

describe('AdaptiveRateLimiter with many waiters on another signal', () => {
  it('rejects the waiters of the aborted signal', async () => {
    const clock = new ManualClock();
    const limiter = new AdaptiveRateLimiter(
      {
        initialRate: 1,
        minRate: 1,
        maxRate: 1,
        maxConcurrency: 1,
        adaptive: false,
        windowMs: 1000,
        decreaseFactor: 0.9,
        increaseFactor: 1.05,
        startShare: 1,
        startConcurrency: 1,
        random: () => 0.5,
      },
      clock,
    );
    const staying = new AbortController();
    const leaving = new AbortController();
    for (let i = 0; i < 200_000; i += 1) void limiter.acquire(staying.signal).catch(() => undefined);
    const aborted = limiter.acquire(leaving.signal).then(
      () => 'released',
      (error: unknown) => error,
    );
    const errors: unknown[] = [];
    const onUncaught = (error: unknown) => errors.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      try {
        leaving.abort();
      } catch (error) {
        errors.push(error);
      }
      const outcome = await Promise.race([aborted, new Promise((resolve) => setTimeout(() => resolve('hung'), 200))]);
      expect(errors).toEqual([]);
      expect(outcome).toBeInstanceOf(AbortedError);
    } finally {
      process.off('uncaughtException', onUncaught);
      staying.abort();
    }
  });
});
