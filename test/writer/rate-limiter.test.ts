import { describe, expect, it } from 'vitest';
import { AbortedError } from '../../src/errors.js';
import { ManualClock } from '../../src/util/manual-clock.js';
import { AdaptiveRateLimiter, type Permit, type RateLimiterOptions } from '../../src/writer/rate-limiter.js';

const base: RateLimiterOptions = {
  initialRate: 10,
  minRate: 1,
  maxRate: Number.POSITIVE_INFINITY,
  maxConcurrency: 100,
  adaptive: true,
  windowMs: 1000,
  decreaseFactor: 0.9,
  increaseFactor: 1.05,
  // No start ramp and no jitter here: the tests of the ramp and of the jitter below set them.
  startShare: 1,
  startConcurrency: 100,
  random: () => 0.5,
};

function setup(options: Partial<RateLimiterOptions> = {}) {
  const clock = new ManualClock();
  const limiter = new AdaptiveRateLimiter({ ...base, ...options }, clock);
  const permits: Permit[] = [];
  const acquire = (signal?: AbortSignal, priority = false) =>
    limiter.acquire(signal, priority).then((permit) => {
      permits.push(permit);
      return permit;
    });
  return { clock, limiter, permits, acquire };
}

describe('AdaptiveRateLimiter', () => {
  it('releases queued calls at the configured rate, with no initial burst', async () => {
    const { clock, permits, acquire } = setup({ initialRate: 10 });
    for (let i = 0; i < 30; i += 1) void acquire();
    await clock.advance(0);
    expect(permits).toHaveLength(1);
    await clock.advance(1000);
    expect(permits).toHaveLength(11);
    await clock.advance(1000);
    expect(permits).toHaveLength(21);
  });

  it('holds calls beyond the concurrency cap until a permit is released', async () => {
    const { clock, permits, acquire } = setup({ initialRate: 1000, maxConcurrency: 2 });
    for (let i = 0; i < 3; i += 1) void acquire();
    await clock.advance(100);
    expect(permits).toHaveLength(2);
    permits[0]?.('ok');
    await clock.advance(10);
    expect(permits).toHaveLength(3);
  });

  it('cuts once for a burst of throttles, to a share of the rate achieved since the start (shorter than a window)', async () => {
    const { clock, limiter, permits, acquire } = setup({ initialRate: 100 });
    for (let i = 0; i < 50; i += 1) void acquire();
    await clock.advance(500);
    for (const permit of permits.splice(0, 40)) permit('ok'); // 40 successes in the window: 40/s achieved
    for (let i = 0; i < 10; i += 1) permits.shift()?.('throttled');
    // 40 successes in the 500 ms since the first call: 80/s achieved; 0.9 × 80, once, however many throttles came back.
    expect(limiter.rate).toBeCloseTo(72, 5);
    expect(limiter.adjustments.cuts).toBe(1);
  });

  it('measures the achieved rate from every answer but throttles: rejected calls spent quota too', async () => {
    const { clock, limiter, permits, acquire } = setup({ initialRate: 100 });
    for (let i = 0; i < 50; i += 1) void acquire();
    await clock.advance(500);
    for (const permit of permits.splice(0, 20)) permit('ok');
    for (const permit of permits.splice(0, 20)) permit('failed');
    permits.shift()?.('throttled');
    expect(limiter.rate).toBeCloseTo(72, 5); // 0.9 × 40 answered in 500 ms
  });

  it('cuts from the current rate, not the achieved one, when demand (not the rate) held it back', async () => {
    const { clock, limiter, permits, acquire } = setup({ initialRate: 100 });
    await clock.advance(2000);
    for (let i = 0; i < 5; i += 1) {
      void acquire();
      await clock.advance(100);
    }
    for (const permit of permits.splice(0, 4)) permit('ok');
    permits.shift()?.('throttled');
    expect(limiter.rate).toBeCloseTo(90, 5); // 0.9 × 100, not 0.9 × 4 answered
  });

  it('cuts to the achieved rate when the concurrency cap, not the rate, held calls back', async () => {
    const { clock, limiter, permits, acquire } = setup({ initialRate: 1000, maxConcurrency: 4 });
    for (let i = 0; i < 300; i += 1) void acquire();
    for (let step = 0; step < 40; step += 1) {
      await clock.advance(25);
      for (const permit of permits.splice(0)) permit('ok'); // 4 calls per 25 ms: 160/s achieved
    }
    await clock.advance(0); // the next 4 are released at t = 1,000 ms; one of them comes back throttled
    permits.shift()?.('throttled');
    // 0.9 × 160, less the one throttle among the 161 answers since the start (the generation's admitted share).
    expect(limiter.rate).toBeCloseTo(0.9 * 160 * (160 / 161), 5);
  });

  it('does not probe upward when the concurrency cap kept it from using its rate', async () => {
    const { clock, limiter, permits, acquire } = setup({ initialRate: 10, maxConcurrency: 1 });
    for (let i = 0; i < 20; i += 1) void acquire();
    for (let step = 0; step < 8; step += 1) {
      await clock.advance(500);
      permits.shift()?.('ok'); // 2 calls a second against a rate of 10
    }
    expect(limiter.adjustments.probes).toBe(0);
    expect(limiter.rate).toBe(10);
  });

  it('keeps its pace when its timers fire late', async () => {
    const manual = new ManualClock();
    // Every sleep fires 5 ms late, as timers on a busy event loop do.
    const late = {
      now: () => manual.now(),
      sleep: (ms: number) => manual.sleep(ms + 5),
      setTimer: manual.setTimer.bind(manual),
    };
    const limiter = new AdaptiveRateLimiter({ ...base, initialRate: 100, adaptive: false }, late);
    let released = 0;
    for (let i = 0; i < 300; i += 1) {
      void limiter.acquire().then((permit) => {
        released += 1;
        permit('ok');
      });
    }
    await manual.advance(1000);
    expect(released).toBeGreaterThanOrEqual(99); // without the credit: 1 + 1000 / 15 = 67
    expect(released).toBeLessThanOrEqual(102);
  });

  it('cuts once per round trip: throttles of calls released before a cut cut nothing more', async () => {
    const { clock, limiter, permits, acquire } = setup({ initialRate: 50 });
    for (let i = 0; i < 200; i += 1) void acquire();
    await clock.advance(900);
    for (const permit of permits.splice(0, 20)) permit('ok');
    for (const permit of permits.splice(0)) permit('throttled'); // 26 throttles, all paced at the old rate
    expect(limiter.adjustments.cuts).toBe(1);
    const afterFirstCut = limiter.rate;
    expect(afterFirstCut).toBeCloseTo(0.9 * (20 / 0.9), 5); // 20 answered in the 900 ms since the first call
    // Calls released after the cut, throttled too: the new rate is still too high, so one more cut (not one each).
    await clock.advance(500);
    const released = permits.splice(0);
    expect(released.length).toBeGreaterThan(1);
    for (const permit of released) permit('throttled');
    expect(limiter.adjustments.cuts).toBe(2);
    expect(limiter.rate).toBeLessThan(afterFirstCut);
    expect(limiter.rate).toBeGreaterThanOrEqual(1);
  });

  it('halves the rate when a throttle comes with nothing achieved to measure, never below the floor', async () => {
    const { clock, limiter, permits, acquire } = setup({ initialRate: 5, minRate: 2 });
    void acquire();
    await clock.advance(0);
    permits.shift()?.('throttled');
    expect(limiter.rate).toBe(2.5);
    void acquire();
    await clock.advance(1000);
    permits.shift()?.('throttled');
    expect(limiter.rate).toBe(2);
  });

  it('probes upward after a quiet window in which demand outran the rate', async () => {
    const { clock, limiter, permits, acquire } = setup({ initialRate: 10 });
    for (let i = 0; i < 100; i += 1) void acquire();
    for (let step = 0; step < 10; step += 1) {
      await clock.advance(100);
      for (const permit of permits.splice(0)) permit('ok');
    }
    await clock.advance(100);
    expect(limiter.rate).toBeCloseTo(10.5, 5);
    expect(limiter.adjustments.probes).toBe(1);
  });

  it('does not probe when demand stayed below the rate', async () => {
    const { clock, limiter, permits, acquire } = setup({ initialRate: 10 });
    for (let step = 0; step < 5; step += 1) {
      void acquire();
      await clock.advance(500);
      for (const permit of permits.splice(0)) permit('ok');
    }
    expect(limiter.rate).toBe(10);
  });

  it('stays put when not adaptive', async () => {
    const { clock, limiter, permits, acquire } = setup({ initialRate: 10, adaptive: false });
    for (let i = 0; i < 5; i += 1) void acquire();
    await clock.advance(1000);
    for (const permit of permits.splice(0)) permit('throttled');
    expect(limiter.rate).toBe(10);
  });

  it('serves priority callers first', async () => {
    const { clock, acquire } = setup({ initialRate: 1 });
    const order: string[] = [];
    void acquire(); // takes the first slot
    void acquire().then(() => order.push('normal'));
    void acquire(undefined, true).then(() => order.push('retry'));
    await clock.advance(1000);
    expect(order).toEqual(['retry']);
  });

  it('removes an aborted waiter from the queue and rejects it', async () => {
    const { clock, limiter, acquire } = setup({ initialRate: 1 });
    void acquire();
    const controller = new AbortController();
    const waiting = acquire(controller.signal);
    await clock.advance(0);
    expect(limiter.queued).toBe(1);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortedError);
    expect(limiter.queued).toBe(0);
  });
});
