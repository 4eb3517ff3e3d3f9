/**
 * How long a queued call may be overtaken by fuller ones: at least 5 s, and twice what the calls queued ahead of it
 * when it came take to go out at the current rate, when that is longer. Bounded by what arrival order would take, so
 * that no call starves; long enough that a queue longer than 5 s (a full buffer at a binding quota) does not fall
 * back to arrival order at nearly every release.
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
 * Queues a part-full call behind `ahead` full ones at 10 calls/s, then full ones behind it until the queue is `queued`
 * long, and queues a new full call whenever one goes (the queue stays `queued` long); answers when the part-full call
 * went, in ms after it was queued.
 */
async function partFullWait(ahead: number, queued: number): Promise<number> {
  const clock = new ManualClock();
  const limiter = new AdaptiveRateLimiter(options, clock);
  const full = (): void => {
    void limiter.acquire(undefined, false, { fill: 1, onGrow: undefined }).then((permit) => {
      permit('ok');
      full();
    });
  };
  // The first call goes at once (nothing queued); the next ones queue.
  full();
  for (let n = 0; n < ahead; n += 1) full();
  let wentAt: number | undefined;
  const queuedAt = clock.now();
  void limiter.acquire(undefined, false, { fill: 0.1, onGrow: undefined }).then((permit) => {
    wentAt = clock.now();
    permit('ok');
  });
  for (let n = ahead + 1; n < queued; n += 1) full();
  for (let ms = 0; ms < 60_000 && wentAt === undefined; ms += 100) await clock.advance(100);
  if (wentAt === undefined) throw new Error('the part-full call never went');
  return wentAt - queuedAt;
}

describe('AdaptiveRateLimiter: how long fuller calls may overtake a queued one', () => {
  it('at least 5 s while the calls ahead of it go out in less', async () => {
    // 19 ahead at 10/s: 2 s to go out, 4 s twice over; the least wait, 5 s, applies.
    const wait = await partFullWait(19, 20);
    expect(wait).toBeGreaterThanOrEqual(5000);
    expect(wait).toBeLessThanOrEqual(5200);
  });

  it('twice what the calls ahead of it take to go out when that is longer, and no longer', async () => {
    // 99 ahead at 10/s: 10 s to go out. With a fixed 5 s the part-full call went at 5 s, in arrival order.
    const wait = await partFullWait(99, 100);
    expect(wait).toBeGreaterThanOrEqual(19_800);
    expect(wait).toBeLessThanOrEqual(20_200);
  });

  it('not longer for a queue that formed behind it', async () => {
    // Queued first, then 99 behind it: arrival order sends it at once. Counting the whole queue, it waited 20 s
    // while the calls that came after it went (the review of the change, rev3).
    const wait = await partFullWait(0, 100);
    expect(wait).toBeGreaterThanOrEqual(5000);
    expect(wait).toBeLessThanOrEqual(5200);
  });
});
