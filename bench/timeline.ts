/**
 * Where a writer run met its throttles: in the opening burst or in the steady state, and what its rate did.
 * @module
 */
import type { TimelineSample } from './writer-run.js';

/** How long "the opening" lasts, in ms. */
export const OPENING_MS = 2000;

/** The start that issue 9 measures: throttled calls in the first 5 s. */
export const START_MS = 5000;

/** Throttles and rate over a run's timeline. */
export interface TimelineSummary {
  opening: { calls: number; throttled: number };
  steady: { calls: number; throttled: number };
  /** Calls answered and throttled in the first `START_MS` (issue 9: throttled under 2% of them). */
  start: { calls: number; throttled: number };
  /** Throttled PutEvents requests in each second of the run. */
  throttledPerSecond: number[];
  /** PutEvents requests answered in each second of the run. */
  callsPerSecond: number[];
  rate: { first: number | undefined; min: number | undefined; max: number | undefined; last: number | undefined };
  /** When the first PutEvents request had been answered (to the sampling period), in ms from the first put. */
  firstCallMs: number | undefined;
  /**
   * Calls answered ÷ calls the writer's rate allowed, over the stretches after the opening with no throttle and with
   * sealed calls surely waiting (more records held than partly filled groups can hold): how much of its own rate the
   * writer's pacing turns into calls. Below 100% when the pacing loses time, or when the concurrency cap, not the
   * rate, holds the calls back.
   */
  pacingEfficiency: number | undefined;
}

function at(samples: readonly TimelineSample[], t: number): TimelineSample | undefined {
  return samples.find((sample) => sample.t >= t) ?? samples[samples.length - 1];
}

function perSecond(samples: readonly TimelineSample[], field: 'requests' | 'throttled'): number[] {
  const last = samples[samples.length - 1];
  if (last === undefined) return [];
  const out: number[] = [];
  let before = 0;
  for (let second = 1; second * 1000 <= last.t + 999; second += 1) {
    const value = at(samples, second * 1000)?.[field] ?? before;
    out.push(value - before);
    before = value;
  }
  return out;
}

function pacingEfficiency(samples: readonly TimelineSample[], backlog: number): number | undefined {
  let answered = 0;
  let allowed = 0;
  for (let i = 1; i < samples.length; i += 1) {
    const before = samples[i - 1] as TimelineSample;
    const after = samples[i] as TimelineSample;
    const quiet = after.throttled === before.throttled && before.held > backlog;
    if (before.t < OPENING_MS || !quiet || before.rate === undefined) continue;
    answered += after.requests - before.requests;
    allowed += (before.rate * (after.t - before.t)) / 1000;
  }
  return allowed === 0 ? undefined : answered / allowed;
}

/**
 * Summarises a run's samples. `backlog` is the number of records held above which sealed calls must be waiting
 * (sessions × 9 records can sit in partly filled groups).
 */
export function summariseTimeline(samples: readonly TimelineSample[], backlog: number): TimelineSummary {
  const last = samples[samples.length - 1];
  const cut = at(samples, OPENING_MS);
  const rates = samples.map((sample) => sample.rate).filter((rate): rate is number => rate !== undefined);
  const opening = { calls: cut?.requests ?? 0, throttled: cut?.throttled ?? 0 };
  const startCut = at(samples, START_MS);
  return {
    opening,
    start: { calls: startCut?.requests ?? 0, throttled: startCut?.throttled ?? 0 },
    steady: {
      calls: (last?.requests ?? 0) - opening.calls,
      throttled: (last?.throttled ?? 0) - opening.throttled,
    },
    throttledPerSecond: perSecond(samples, 'throttled'),
    callsPerSecond: perSecond(samples, 'requests'),
    rate: {
      first: rates[0],
      min: rates.length === 0 ? undefined : Math.min(...rates),
      max: rates.length === 0 ? undefined : Math.max(...rates),
      last: rates[rates.length - 1],
    },
    firstCallMs: samples.find((sample) => sample.requests > 0)?.t,
    pacingEfficiency: pacingEfficiency(samples, backlog),
  };
}

const round = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(0));

/** Throttled calls over all calls, as a percentage. */
function share(part: { calls: number; throttled: number }): string {
  return part.calls === 0 ? '–' : `${((part.throttled / part.calls) * 100).toFixed(1)}%`;
}

/** One line per run: throttles in the opening vs the steady state, and the rate's course. */
export function formatTimeline(index: number, summary: TimelineSummary): string {
  const { opening, steady, rate } = summary;
  return [
    `run ${index + 1}: opening ${OPENING_MS / 1000} s: ${opening.throttled} throttled of ${opening.calls} calls;`,
    `after: ${steady.throttled} of ${steady.calls};`,
    `first ${START_MS / 1000} s: ${summary.start.throttled} of ${summary.start.calls} (${share(summary.start)});`,
    `rate (req/s) first sample ${round(rate.first)}, min ${round(rate.min)}, max ${round(rate.max)}, last ${round(rate.last)};`,
    `first call answered by ${round(summary.firstCallMs)} ms;`,
    `calls/rate ${summary.pacingEfficiency === undefined ? '–' : `${(summary.pacingEfficiency * 100).toFixed(0)}%`};`,
    `throttled per second [${summary.throttledPerSecond.join(' ')}]`,
  ].join(' ');
}
