/**
 * How long a queued call may be overtaken by fuller ones: at least 5 s, and twice what the queue takes to go out at
 * the current rate when that is longer. Bounded, so that no call starves; long enough that a queue longer than 5 s
 * (a full buffer at a binding quota) does not fall back to arrival order at nearly every release.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/util/manual-clock.js';
import { AdaptiveRateLimiter, type RateLimiterOptions } from '../../src/writer/rate-limiter.js';

const options: RateLimiterOptions = {
  initialRate: 10,
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

/**
 * Queues a part-full call behind `queued - 1` full ones at 10 calls/s, and queues a new full call whenever one goes
 * (the queue stays `queued` long); answers when the part-full call went, in ms after it was queued.
 */
async function partFullWait(queued: number): Promise<number> {
  const clock = new ManualClock();
  const limiter = new AdaptiveRateLimiter(options, clock);
  const full = (): void => {
    void limiter
      .acquire(undefined, false, () => 1)
      .then((permit) => {
        permit('ok');
        full();
      });
  };
  // The first call goes at once (nothing queued); the part-full one is then the head of the queue.
  full();
  let wentAt: number | undefined;
  const queuedAt = clock.now();
  void limiter
    .acquire(undefined, false, () => 0.1)
    .then((permit) => {
      wentAt = clock.now();
      permit('ok');
    });
  for (let n = 1; n < queued; n += 1) full();
  for (let ms = 0; ms < 60_000 && wentAt === undefined; ms += 100) await clock.advance(100);
  if (wentAt === undefined) throw new Error('the part-full call never went');
  return wentAt - queuedAt;
}

describe('AdaptiveRateLimiter: how long fuller calls may overtake a queued one', () => {
  it('at least 5 s while the queue goes out in less', async () => {
    // 20 queued at 10/s: 2 s to go out, 4 s twice over; the least wait, 5 s, applies.
    const wait = await partFullWait(20);
    expect(wait).toBeGreaterThanOrEqual(5000);
    expect(wait).toBeLessThanOrEqual(5200);
  });

  it('twice what the queue takes to go out when that is longer, and no longer', async () => {
    // 100 queued at 10/s: 10 s to go out. With a fixed 5 s the part-full call went at 5 s.
    const wait = await partFullWait(100);
    expect(wait).toBeGreaterThanOrEqual(19_800);
    expect(wait).toBeLessThanOrEqual(20_200);
  });
});
