/**
 * A deterministic simulation of writers sharing one quota, on a `ManualClock`: N `AdaptiveRateLimiter`s, each with
 * calls always waiting (a writer with a backlog), against one token bucket (the local endpoint's quota model: it
 * refills at the quota and starts full with one second of it). A call is answered after the latency, admitted if the
 * bucket has a token then (the endpoint checks the quota after its latency); a throttled call is retried after a
 * full-jitter back-off below 100 ms, at the head of its limiter's queue, as the writer does.
 */
import { ManualClock } from '../../src/util/manual-clock.js';
import { seededRandom } from '../../src/util/seeded-random.js';
import { TokenBucket } from '../../src/util/token-bucket.js';
import { AdaptiveRateLimiter, limiterOptions, type RateLimiterOptions } from '../../src/writer/rate-limiter.js';
import { recordWriterDefaults } from '../../src/writer/writer-options.js';

/** Settings of one simulation. */
export interface SharedQuotaSettings {
  writers: number;
  seconds: number;
  seed: number;
  /** Requests per second the bucket refills (and holds, as its burst). */
  quota?: number;
  /** Round trip of a call, ms: the endpoint's latency plus the client's own time. */
  latencyMs?: number;
  /** When each writer starts, ms after the first (default: all at once). */
  lateStartMs?: readonly number[];
  /** Limiter options over the writer's defaults. */
  limiter?: Partial<RateLimiterOptions>;
}

/** What the simulation counted. */
export interface SharedQuotaResult {
  /** Admitted calls per writer. */
  admitted: number[];
  throttled: number;
  /** Throttled and all answered calls in the first 5 s. */
  first5s: { throttled: number; calls: number };
  /** Admitted calls ÷ (quota × seconds + the bucket's starting burst). */
  utilisation: number;
  throttledShare: number;
  jain: number;
  limiters: AdaptiveRateLimiter[];
  /** Calls each writer got admitted after `ms` from the start. */
  admittedAfter(ms: number): number[];
}

/** Jain's fairness index: (Σx)² / (n·Σx²). */
export function jain(values: readonly number[]): number {
  const sum = values.reduce((a, b) => a + b, 0);
  const squares = values.reduce((a, b) => a + b * b, 0);
  return squares === 0 ? 1 : (sum * sum) / (values.length * squares);
}

/** Backlog per writer: calls waiting in its limiter. */
const BACKLOG = 40;

export async function simulateSharedQuota(settings: SharedQuotaSettings): Promise<SharedQuotaResult> {
  const quota = settings.quota ?? 100;
  const latency = settings.latencyMs ?? 45;
  const clock = new ManualClock();
  const bucket = new TokenBucket({ requestsPerSecond: quota, burst: quota }, clock);
  const random = seededRandom(settings.seed);
  // The writer's own defaults, as a writer's PutEvents lane builds its limiter from them.
  const options: RateLimiterOptions = {
    ...limiterOptions({ ...recordWriterDefaults, random }, 'putEvents'),
    ...settings.limiter,
  };
  const limiters = Array.from({ length: settings.writers }, () => new AdaptiveRateLimiter(options, clock));
  const admitted = limiters.map(() => 0);
  const admittedAt: Array<[writer: number, at: number]> = [];
  const start = clock.now();
  const end = start + settings.seconds * 1000;
  let throttled = 0;
  const first5s = { throttled: 0, calls: 0 };
  const call = (writer: number, retry: boolean): void => {
    if (clock.now() >= end) return;
    void (limiters[writer] as AdaptiveRateLimiter).acquire(undefined, retry).then(async (permit) => {
      // A little jitter on the round trip, as the network and the event loop add.
      await clock.sleep(latency + Math.floor(random() * 4));
      const ok = bucket.tryTake();
      if (clock.now() - start < 5000) {
        first5s.calls += 1;
        if (!ok) first5s.throttled += 1;
      }
      if (ok) {
        admitted[writer] = (admitted[writer] as number) + 1;
        admittedAt.push([writer, clock.now() - start]);
      } else throttled += 1;
      permit(ok ? 'ok' : 'throttled');
      if (ok) call(writer, false);
      else {
        await clock.sleep(Math.floor(random() * 100));
        call(writer, true);
      }
    });
  };
  for (let writer = 0; writer < settings.writers; writer += 1) {
    const begin = () => {
      for (let i = 0; i < BACKLOG; i += 1) call(writer, false);
    };
    const delay = settings.lateStartMs?.[writer] ?? 0;
    if (delay === 0) begin();
    else void clock.sleep(delay).then(begin);
  }
  while (clock.now() < end) await clock.advance(100);
  const total = admitted.reduce((a, b) => a + b, 0);
  return {
    admitted,
    throttled,
    first5s,
    utilisation: total / (quota * settings.seconds + quota),
    throttledShare: throttled / (total + throttled),
    jain: jain(admitted),
    limiters,
    admittedAfter(ms) {
      const counts = limiters.map(() => 0);
      for (const [writer, at] of admittedAt) if (at >= ms) counts[writer] = (counts[writer] as number) + 1;
      return counts;
    },
  };
}
