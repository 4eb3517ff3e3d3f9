/**
 * The limiter's start ramp, its cuts from the rate released and its probes (issue 9 item 4, issue 11 item 2), on a
 * `ManualClock`. The steady mechanisms without the ramp are in rate-limiter.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/util/manual-clock.js';
import { AdaptiveRateLimiter, type Permit, type RateLimiterOptions } from '../../src/writer/rate-limiter.js';

const base: RateLimiterOptions = {
  initialRate: 1000,
  minRate: 1,
  maxRate: Number.POSITIVE_INFINITY,
  maxConcurrency: 64,
  adaptive: true,
  windowMs: 1000,
  decreaseFactor: 0.9,
  increaseFactor: 1.05,
  startShare: 0.2,
  startConcurrency: 4,
  random: () => 0.5,
};

function setup(options: Partial<RateLimiterOptions> = {}) {
  const clock = new ManualClock();
  const limiter = new AdaptiveRateLimiter({ ...base, ...options }, clock);
  const permits: Permit[] = [];
  const want = (n: number, priority = false) => {
    for (let i = 0; i < n; i += 1) void limiter.acquire(undefined, priority).then((permit) => permits.push(permit));
  };
  /** Answers every call in flight with `outcome`, then lets the limiter release what it may. */
  const answerAll = async (outcome: 'ok' | 'throttled') => {
    for (const permit of permits.splice(0)) permit(outcome);
    await clock.advance(0);
  };
  return { clock, limiter, permits, want, answerAll };
}

describe('AdaptiveRateLimiter: the start ramp', () => {
  it('starts at startShare of the initial rate, with startConcurrency calls in flight', async () => {
    const { clock, limiter, permits, want } = setup();
    want(100);
    await clock.advance(100); // 200/s would release 21 calls in 100 ms; the cap holds them at 4
    expect(permits).toHaveLength(4);
    expect(limiter.rate).toBe(200);
    expect(limiter.concurrencyCap).toBe(4);
    expect(limiter.ramping).toBe(true);
  });

  it('grows with the answers: per answer, the rate by ln 2 /s and the cap by a round trip’s share of a call', async () => {
    const { clock, limiter, want, answerAll } = setup();
    want(200);
    await clock.advance(0);
    await answerAll('ok'); // 1 released at once: 1 answer
    expect(limiter.rate).toBeCloseTo(200 + Math.LN2, 9);
    expect(limiter.concurrencyCap).toBeCloseTo(4.25, 9);
    for (let step = 0; step < 20; step += 1) {
      await clock.advance(25);
      await answerAll('ok');
    }
    expect(limiter.rate).toBeGreaterThan(200 + Math.LN2);
    expect(limiter.concurrencyCap).toBeGreaterThan(5);
    expect(limiter.adjustments).toEqual({ cuts: 0, probes: 0 });
  });

  it('does not grow while no call waits: a rate demand does not use is not tested', async () => {
    const { clock, limiter, want, answerAll } = setup();
    for (let step = 0; step < 10; step += 1) {
      want(1);
      await clock.advance(0);
      await answerAll('ok');
      await clock.advance(100);
    }
    expect(limiter.rate).toBe(200);
  });

  it('ends at the first throttle, halving the rate released (not the nominal one)', async () => {
    const { clock, limiter, permits, want, answerAll } = setup({ startConcurrency: 64 });
    want(500);
    for (let step = 0; step < 10; step += 1) {
      await clock.advance(50);
      await answerAll('ok');
    }
    // About 200/s released over the half second, and the nominal rate grew a little above it.
    const nominal = limiter.rate;
    expect(nominal).toBeGreaterThan(200);
    await clock.advance(50);
    // One throttle, the other calls then in flight admitted: the halving stands (see the next test for the rest).
    const [first, ...rest] = permits.splice(0);
    (first as Permit)('throttled');
    for (const permit of rest) permit('ok');
    await clock.advance(0);
    expect(limiter.ramping).toBe(false);
    expect(limiter.adjustments.cuts).toBe(1);
    expect(limiter.rate).toBeLessThan(nominal / 2);
    expect(limiter.rate).toBeGreaterThan(90);
  });

  it('holds its releases after the first throttle until the ramp’s calls in flight answer, then cuts to the share of them admitted', async () => {
    const { clock, limiter, permits, want, answerAll } = setup({ startConcurrency: 64 });
    want(500);
    for (let step = 0; step < 10; step += 1) {
      await clock.advance(50);
      await answerAll('ok');
    }
    await clock.advance(50);
    const nominal = limiter.rate;
    const ramp = permits.splice(0);
    expect(ramp.length).toBeGreaterThanOrEqual(8);
    (ramp[0] as Permit)('throttled');
    await clock.advance(0);
    expect(limiter.ramping).toBe(false);
    const exitCut = limiter.rate;
    // The service's burst hid the overshoot: the calls still out were sent at the ramp's rate, and most of them will be
    // throttled too. Nothing more goes out until they answer (at the exit cut, about 2 calls would have in 20 ms).
    await clock.advance(20);
    expect(permits).toHaveLength(0);
    const rest = ramp.slice(1);
    for (const [i, permit] of rest.entries()) permit(i % 3 === 0 ? 'ok' : 'throttled');
    await clock.advance(0);
    // A third of the ramp's last calls got through: the quota is about a third of the ramp's rate.
    const share = rest.filter((_, i) => i % 3 === 0).length / ramp.length;
    expect(limiter.rate).toBeCloseTo(Math.min(exitCut, Math.max(exitCut / 2, 0.9 * share * nominal)), 6);
    expect(limiter.rate).toBeLessThan(exitCut);
    expect(limiter.adjustments.cuts).toBe(1);
    await clock.advance(1000 / limiter.rate);
    expect(permits.length).toBeGreaterThan(0);
  });

  it('holds its releases after the first throttle no longer than 100 ms', async () => {
    const { clock, limiter, permits, want, answerAll } = setup({ startConcurrency: 64 });
    want(500);
    for (let step = 0; step < 10; step += 1) {
      await clock.advance(50);
      await answerAll('ok');
    }
    await clock.advance(50);
    const ramp = permits.splice(0);
    (ramp[0] as Permit)('throttled');
    await clock.advance(0);
    const exitCut = limiter.rate;
    await clock.advance(99);
    expect(permits).toHaveLength(0);
    await clock.advance(1 + 1000 / exitCut);
    expect(permits.length).toBeGreaterThan(0);
    // Answered after the hold, the ramp's calls no longer set the rate: calls went out at the exit cut meanwhile.
    for (const permit of ramp.slice(1)) permit('throttled');
    await clock.advance(0);
    expect(limiter.rate).toBe(exitCut);
  });

  it('ends once the rate reaches the initial rate, with no cut', async () => {
    const { clock, limiter, want, answerAll } = setup({ initialRate: 40, startShare: 0.5 });
    want(500);
    expect(limiter.rate).toBe(20);
    for (let step = 0; step < 100 && limiter.ramping; step += 1) {
      await clock.advance(100);
      await answerAll('ok');
    }
    expect(limiter.ramping).toBe(false);
    expect(limiter.rate).toBe(40);
    expect(limiter.adjustments.cuts).toBe(0);
  });

  it('starts no lower than 10/s: the calls documented at 10/s get no ramp', async () => {
    const { limiter } = setup({ initialRate: 10 });
    expect(limiter.ramping).toBe(false);
    expect(limiter.rate).toBe(10);
    const { limiter: forty } = setup({ initialRate: 40 }); // 0.2 × 40 = 8: starts at 10
    expect(forty.rate).toBe(10);
    expect(forty.ramping).toBe(true);
  });

  it('has no ramp when not adaptive: the initial rate and the whole cap from the first call', async () => {
    const { clock, limiter, permits, want } = setup({ adaptive: false, initialRate: 1000 });
    want(100);
    await clock.advance(100);
    expect(limiter.ramping).toBe(false);
    expect(limiter.rate).toBe(1000);
    expect(permits).toHaveLength(64);
  });
});

describe('AdaptiveRateLimiter: cuts and probes after the ramp', () => {
  /** A limiter out of its ramp (startShare 1), at `rate`, with calls waiting. */
  async function steady(rate: number, options: Partial<RateLimiterOptions> = {}) {
    const s = setup({ initialRate: rate, startShare: 1, startConcurrency: 64, ...options });
    s.want(2000);
    await s.clock.advance(0);
    return s;
  }

  it('cuts by the share the calls released since the last cut got through, once a few answers are in', async () => {
    const { clock, limiter, permits, answerAll } = await steady(100);
    for (let step = 0; step < 10; step += 1) {
      await clock.advance(100);
      await answerAll('ok');
    }
    await clock.advance(100);
    await answerAll('throttled'); // the first throttle: 0.9 × the ~90/s admitted in the last window
    const first = limiter.rate;
    expect(first).toBeGreaterThan(75);
    expect(first).toBeLessThanOrEqual(90);
    // Of the calls released after that cut, the fourth answer is a throttle: a quarter over, so 0.9 × 3/4 of it
    // (the window's admitted rate, still full of the calls before, would have cut to 0.9 only).
    await clock.advance(100);
    const released = permits.splice(0);
    expect(released.length).toBeGreaterThanOrEqual(4);
    released.forEach((permit, i) => {
      permit(i < 3 ? 'ok' : 'throttled');
    });
    expect(limiter.adjustments.cuts).toBe(2);
    expect(limiter.rate).toBeCloseTo(0.9 * 0.75 * first, 5);
  });

  it('never cuts below a tenth of the rate released in one step', async () => {
    const { clock, limiter, answerAll } = await steady(500);
    await clock.advance(20);
    await answerAll('throttled'); // nothing admitted: halve
    expect(limiter.rate).toBeCloseTo(250, 0);
    await clock.advance(20);
    await answerAll('ok');
    await clock.advance(20);
    await answerAll('throttled'); // admitted 5 in the window (5/s) against 250/s released
    expect(limiter.rate).toBeGreaterThanOrEqual(0.1 * 250 - 1e-9);
  });

  /** Leaves the ramp at its first call with a throttle (halving it), then answers every call ok for `ms`. */
  async function afterRamp(options: Partial<RateLimiterOptions>, ms: number) {
    const s = setup({ startConcurrency: 64, ...options });
    s.want(5000);
    await s.clock.advance(0);
    await s.answerAll('throttled');
    const cutTo = s.limiter.rate;
    for (let t = 0; t < ms; t += 50) {
      await s.clock.advance(50);
      await s.answerAll('ok');
    }
    return { ...s, cutTo };
  }

  it('probes by at least a thousandth of the initial rate: the same step for every writer sharing a quota', async () => {
    // 50/s halved to 25/s: 5% of it is 1.25/s, a thousandth of 10,000/s is 10/s.
    const small = await afterRamp({ initialRate: 10_000, startShare: 0.005 }, 3000);
    expect(small.cutTo).toBe(25);
    expect(small.limiter.adjustments.probes).toBeGreaterThanOrEqual(1);
    expect(small.limiter.rate).toBeCloseTo(25 + 10 * small.limiter.adjustments.probes, 5);
    // At 1,000/s initial the thousandth is 1/s, below 5% of 25/s: the probe is 5%.
    const large = await afterRamp({ initialRate: 1000, startShare: 0.05 }, 3000);
    expect(large.limiter.rate).toBeCloseTo(25 * 1.05 ** large.limiter.adjustments.probes, 5);
  });

  it('scales its probes down while its recent throttled share is high', async () => {
    const { clock, limiter, permits, answerAll } = await steady(100);
    await clock.advance(100);
    await answerAll('ok');
    await clock.advance(100);
    const released = permits.splice(0);
    // One cut; 4 throttles in ~20 answers.
    released.forEach((permit, i) => {
      permit(i < 4 ? 'throttled' : 'ok');
    });
    const cutTo = limiter.rate;
    for (let step = 0; step < 30; step += 1) {
      await clock.advance(100);
      await answerAll('ok');
    }
    // Quiet windows that used their rate: two probes at least, each far below 5% (the share ~4/200 > 0.5%).
    expect(limiter.adjustments.probes).toBeGreaterThanOrEqual(2);
    expect(limiter.rate).toBeGreaterThan(cutTo);
    expect(limiter.rate).toBeLessThan(cutTo * 1.05 ** 2);
  });

  it('starts within maxRequestsPerSecond, so that a writer given its split of a quota never bursts past it', async () => {
    const { clock, limiter, permits, want } = setup({ startShare: 1, maxRate: 25 });
    want(100);
    await clock.advance(1000);
    expect(limiter.rate).toBe(25);
    expect(permits.length).toBeLessThanOrEqual(26);
  });

  it('jitters each window with `random`: a draw of 0 makes it a quarter shorter', async () => {
    const { clock, limiter, answerAll } = await steady(10, { random: () => 0 });
    for (let step = 0; step < 8; step += 1) {
      await clock.advance(100);
      await answerAll('ok');
    }
    // 800 ms: past a window of 750 ms (1000 × (1 − 0.25)), so one probe already; with 1000 ms windows, none yet.
    expect(limiter.adjustments.probes).toBe(1);
  });
});
