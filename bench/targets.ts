/**
 * The "Done when" targets of issue 2, checked on the writer's runs. What must never happen (a lost, duplicated or
 * silently dropped record, a call over 10 records) is checked on every run; the rates, which a shared machine
 * makes noisy, on the median of the runs.
 * @module
 */
import { median, type RunMetrics } from './run-metrics.js';
import type { TimelineSummary } from './timeline.js';
import type { WriterRun } from './writer-run.js';

/** One target and whether the runs met it. */
export interface TargetResult {
  target: string;
  pass: boolean;
  /** The measured value(s) behind the verdict. */
  measured: string;
}

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

function everyRun(
  runs: readonly RunMetrics[],
  target: string,
  ok: (run: RunMetrics) => boolean,
  show: (run: RunMetrics) => string,
): TargetResult {
  return { target, pass: runs.length > 0 && runs.every(ok), measured: runs.map(show).join('; ') };
}

function onMedian(
  runs: readonly RunMetrics[],
  target: string,
  value: (run: RunMetrics) => number,
  ok: (value: number) => boolean,
  format: (value: number) => string,
): TargetResult {
  const values = runs.map(value);
  const mid = median(values);
  const range = `${format(Math.min(...values))}–${format(Math.max(...values))}`;
  return { target, pass: runs.length > 0 && ok(mid), measured: `median ${format(mid)} (runs ${range})` };
}

/** Checks the six targets on the writer's runs. */
export function checkTargets(runs: readonly RunMetrics[]): TargetResult[] {
  return [
    everyRun(
      runs,
      'every good record delivered exactly once (every run)',
      (r) =>
        r.goodLost === 0 &&
        r.goodDuplicated === 0 &&
        r.unexpectedStored === 0 &&
        r.undelivered === 0 &&
        r.goodDeliveredOnce === r.goodSent,
      (r) =>
        `${r.goodDeliveredOnce}/${r.goodSent} once, ${r.goodLost} lost, ${r.goodDuplicated} dup, ${r.undelivered} undelivered, ${r.unexpectedStored} unexpected`,
    ),
    everyRun(
      runs,
      "every rejected record reported with the service's message (every run)",
      (r) => r.rejectedReported === r.rejectedExpected && r.rejectedWronglyReported === 0,
      (r) => `${r.rejectedReported}/${r.rejectedExpected}, ${r.rejectedWronglyReported} wrongly`,
    ),
    everyRun(
      runs,
      'no call over 10 records (every run)',
      (r) => r.maxRecordsPerCall <= 10,
      (r) => `max ${r.maxRecordsPerCall}`,
    ),
    onMedian(
      runs,
      'throttled < 10% of calls (median)',
      (r) => r.throttledShare,
      (v) => v < 0.1,
      pct,
    ),
    onMedian(
      runs,
      'quota utilisation ≥ 90% (median)',
      (r) => r.quotaUtilisation,
      (v) => v >= 0.9,
      pct,
    ),
    onMedian(
      runs,
      '≤ 8 extra calls per rejected record (median)',
      (r) => r.extraCallsPerRejected ?? Number.NaN,
      (v) => v <= 8,
      (v) => v.toFixed(2),
    ),
  ];
}

function medianTarget(
  target: string,
  values: readonly number[],
  ok: (value: number) => boolean,
  format: (value: number) => string,
): TargetResult {
  const mid = median(values);
  const range = `${format(Math.min(...values))}–${format(Math.max(...values))}`;
  return { target, pass: values.length > 0 && ok(mid), measured: `median ${format(mid)} (runs ${range})` };
}

/**
 * Issue 9 item 4, on the writer's runs: throttled calls in the first 5 s under 2%, and the first call answered
 * within 100 ms plus one latency of the first put (medians).
 */
export function checkStartTargets(
  timelines: readonly TimelineSummary[],
  runs: readonly WriterRun[],
  latencyMs: number,
): TargetResult[] {
  const shares = timelines.map(({ start }) => (start.calls === 0 ? 0 : start.throttled / start.calls));
  const firsts = runs.map((run) => run.firstAnswerMs ?? Number.POSITIVE_INFINITY);
  return [
    medianTarget('throttled in the first 5 s < 2% of their calls (median)', shares, (v) => v < 0.02, pct),
    medianTarget(
      `first call answered within 100 ms + one latency (${100 + latencyMs} ms) of the first put (median)`,
      firsts,
      (v) => v <= 100 + latencyMs,
      (v) => `${v.toFixed(0)} ms`,
    ),
  ];
}

/** The PASS/FAIL lines. */
export function formatTargets(results: readonly TargetResult[]): string {
  return results.map((r) => `${r.pass ? 'PASS' : 'FAIL'}  ${r.target}: ${r.measured}`).join('\n');
}
