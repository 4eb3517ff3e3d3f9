// Issue 9's verdicts in `npm run bench`: read off the child programs' tables and computed on the run's figures.
import { describe, expect, it } from 'vitest';
import type { BackpressureRun } from '../../bench/backpressure-memory.js';
import type { QuotaRun } from '../../bench/documented-quota.js';
import { checkIssueNine, validateCsvSpeed, writerTargetLine } from '../../bench/issue-targets.js';
import type { PollingResult } from '../../bench/polling.js';
import { formatTargets } from '../../bench/targets.js';

function quotaRun(name: string, eventsPerSecond: number, extra: Partial<QuotaRun> = {}): QuotaRun {
  return {
    name,
    events: 50_000,
    wallSeconds: 50_000 / eventsPerSecond,
    eventsPerSecond,
    shareOfLimit: eventsPerSecond / 10_000,
    lost: 0,
    duplicated: 0,
    calls: 6000,
    throttledShare: 0,
    clientCpuPerCallMs: 0.4,
    recordsPerCall: 8.38,
    shareOfIdealFill: 8.38 / 8.46,
    firstAnswerSeconds: 0.1,
    throttledFirst5s: 0,
    sinkCpuPerCallMs: 0.2,
    ...extra,
  };
}

const memory: BackpressureRun[] = [
  { records: 100_000, peakRetainedHeapMiB: 48.4, peakHeapMiB: 80, peakRssMiB: 240, seconds: 3 },
  { records: 1_000_000, peakRetainedHeapMiB: 49.3, peakHeapMiB: 80, peakRssMiB: 218, seconds: 30 },
];

const polling: PollingResult[] = [
  {
    poller: 'library default (5 s doubling to 35 s, 3/4..1 of it)',
    jobMinutes: 60,
    calls: 122,
    medianDelaySeconds: 15.8,
    p90DelaySeconds: 26.8,
  },
  { poller: 'fixed 1 s', jobMinutes: 60, calls: 3628, medianDelaySeconds: 0.5, p90DelaySeconds: 0.9 },
  { poller: 'fixed 30 s', jobMinutes: 60, calls: 122, medianDelaySeconds: 15.7, p90DelaySeconds: 25.8 },
];

const csvTable = [
  '| step | MB/s | MB/s of CPU time | of read speed | peak RSS (MB) | records | reads the backslash escapes |',
  '|---|---:|---:|---:|---:|---:|---|',
  '| plain read | 2164.0 | 2000.1 | 100.0 % | 60 | 0 | n/a |',
  '| **validateCsv** (all checks) | 134.2 | 126.3 | 6.2 % | 91 | 21880001 | yes |',
].join('\n');

const writerOutput = formatTargets([
  { target: 'throttled in the first 5 s < 2% of their calls (median)', pass: false, measured: 'median 2.6%' },
  {
    target: 'first call answered within 100 ms + one latency (125 ms) of the first put (median)',
    pass: true,
    measured: 'median 41 ms',
  },
]);

function figures(overrides: { writer?: number; raw?: number; cpuRatio?: number; csv?: string } = {}) {
  return {
    documentedQuota: [
      quotaRun('RecordWriter over AwsTransport', overrides.writer ?? 7234),
      quotaRun('raw SDK, pre-chunked, 16 in flight', overrides.raw ?? 4734, { clientCpuPerCallMs: 1.25 }),
    ],
    bindingQuota: [quotaRun('RecordWriter over AwsTransport', 1720)],
    cpuPerRecord: {
      records: 100_000,
      floorMicros: 4,
      writerMicros: 4 * (overrides.cpuRatio ?? 2.4),
      ratio: overrides.cpuRatio ?? 2.4,
      heapPerHeldRecord: 476,
    },
    backpressure: memory,
    polling,
    childOutput: { validateCsv: overrides.csv ?? csvTable, writerThrottling: `table\n\n${writerOutput}\n` },
  };
}

describe("issue 9's targets in npm run bench", () => {
  it('reads validateCsv MB/s, wall and CPU, off its table', () => {
    expect(validateCsvSpeed(csvTable)).toEqual({ wall: 134.2, cpu: 126.3 });
    expect(validateCsvSpeed('no table')).toBeUndefined();
  });

  it("finds the writer benchmark's verdict lines by their text", () => {
    expect(writerTargetLine(writerOutput, 'throttled in the first 5 s')).toMatch(/^FAIL {2}throttled in the first 5 s/);
    expect(writerTargetLine(writerOutput, 'first call answered')).toMatch(/^PASS/);
    expect(writerTargetLine(writerOutput, 'nothing like it')).toBeUndefined();
  });

  it('judges each target on the figures, and names the ceiling this traffic allows', () => {
    const verdicts = checkIssueNine(figures());
    const pass = Object.fromEntries(verdicts.map((v) => [v.target, v.pass]));
    expect(Object.values(pass)).toEqual([false, false, true, false, true, true, false, true, false, true]);
    expect(verdicts[0]?.measured).toContain('at most 8460');
    expect(verdicts[0]?.measured).toContain('85.5% of it');
    expect(verdicts[6]?.measured).toBe('134.2 MB/s (126.3 of CPU time)');
  });

  it('passes the speed targets when the figures reach them', () => {
    const verdicts = checkIssueNine(
      figures({
        writer: 9100,
        raw: 3000,
        cpuRatio: 1.9,
        csv: csvTable.replace('| 134.2 | 126.3 |', '| 151.0 | 149.0 |'),
      }),
    );
    expect(verdicts.slice(0, 7).map((v) => v.pass)).toEqual([true, true, true, true, true, true, true]);
  });

  it('fails a target whose figures are missing rather than passing it', () => {
    const verdicts = checkIssueNine({ ...figures(), childOutput: {} });
    expect(verdicts[6]?.pass).toBe(false);
    expect(verdicts[8]?.pass).toBe(false);
    expect(verdicts[8]?.measured).toBe('not found in its output');
  });
});
