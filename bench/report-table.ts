/**
 * The benchmark's markdown table: one row per run, and a median row (with min–max) for the writer's runs.
 * @module
 */
import type { RunMetrics, Spread } from './run-metrics.js';

const HEADER = [
  'run',
  'events sent',
  'wall s',
  'events/s',
  'good delivered once',
  'good lost',
  'dup',
  'rejected reported',
  'max recs/call',
  'calls',
  'throttled (% calls)',
  'quota use',
  'quota use incl. burst',
  'recs / delivered call',
  'extra calls / rejected',
];

const LABELS: Record<string, string> = {
  'one-per-call': 'raw SDK: 1 event per call, sequential',
  'chunks-sequential': 'raw SDK: chunks of 10 per session, sequential',
  'chunks-promise-all': 'raw SDK: all chunks at once (Promise.all)',
};

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const fixed = (digits: number) => (value: number) => value.toFixed(digits);

function label(run: RunMetrics, index: number | undefined): string {
  const name = LABELS[run.name] ?? (index === undefined ? run.name : `${run.name} #${index + 1}`);
  return run.budgeted ? `${name} (time budget: stopped at ${run.wallSeconds.toFixed(0)} s)` : name;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** One run's cells. */
function runCells(run: RunMetrics, index: number | undefined): string[] {
  const lostPct = run.goodSent === 0 ? 0 : run.goodLost / run.goodSent;
  return [
    label(run, index),
    String(run.eventsSent),
    run.wallSeconds.toFixed(1),
    run.eventsPerSecond.toFixed(0),
    `${run.goodDeliveredOnce}/${run.goodSent}`,
    `${run.goodLost} (${pct(lostPct)})`,
    String(run.goodDuplicated),
    `${run.rejectedReported}/${run.rejectedExpected}`,
    String(run.maxRecordsPerCall),
    String(run.calls),
    `${run.throttled} (${pct(run.throttledShare)})`,
    pct(run.quotaUtilisation),
    pct(run.quotaUtilisationWithBurst),
    run.recordsPerDeliveredCall === undefined ? 'n/a' : run.recordsPerDeliveredCall.toFixed(1),
    run.extraCallsPerRejected === undefined ? 'n/a' : run.extraCallsPerRejected.toFixed(2),
  ];
}

function spreadCell(
  spread: Record<string, Spread>,
  field: keyof RunMetrics,
  format: (value: number) => string,
): string {
  const s = spread[field];
  if (s === undefined || Number.isNaN(s.median)) return 'n/a';
  return s.min === s.max ? format(s.median) : `${format(s.median)} (${format(s.min)}–${format(s.max)})`;
}

/** The median row of the writer's runs. */
function medianCells(runs: readonly RunMetrics[], spread: Record<string, Spread>): string[] {
  return [
    `**RecordWriter, median of ${runs.length}** (min–max)`,
    spreadCell(spread, 'eventsSent', fixed(0)),
    spreadCell(spread, 'wallSeconds', fixed(1)),
    spreadCell(spread, 'eventsPerSecond', fixed(0)),
    `${spreadCell(spread, 'goodDeliveredOnce', fixed(0))}/${spreadCell(spread, 'goodSent', fixed(0))}`,
    spreadCell(spread, 'goodLost', fixed(0)),
    spreadCell(spread, 'goodDuplicated', fixed(0)),
    `${spreadCell(spread, 'rejectedReported', fixed(0))}/${spreadCell(spread, 'rejectedExpected', fixed(0))}`,
    spreadCell(spread, 'maxRecordsPerCall', fixed(0)),
    spreadCell(spread, 'calls', fixed(0)),
    `${spreadCell(spread, 'throttled', fixed(0))} (${spreadCell(spread, 'throttledShare', pct)})`,
    spreadCell(spread, 'quotaUtilisation', pct),
    spreadCell(spread, 'quotaUtilisationWithBurst', pct),
    spreadCell(spread, 'recordsPerDeliveredCall', fixed(1)),
    spreadCell(spread, 'extraCallsPerRejected', fixed(2)),
  ];
}

/** The whole table. */
export function formatTable(
  baselines: readonly RunMetrics[],
  writerRuns: readonly RunMetrics[],
  spread: Record<string, Spread>,
): string {
  const lines = [row(HEADER), row(HEADER.map(() => '---'))];
  for (const run of baselines) lines.push(row(runCells(run, undefined)));
  writerRuns.forEach((run, index) => {
    lines.push(row(runCells(run, index)));
  });
  if (writerRuns.length > 0) lines.push(row(medianCells(writerRuns, spread)));
  return lines.join('\n');
}
