/**
 * The "Done when" targets of issue 9 (fast at the documented quota), checked on one run of `npm run bench`: one
 * line each, PASS or FAIL, with the figure behind it. The figures of the benchmarks that run as child programs
 * (validateCsv, the writer under throttling) are read off their tables. A quick run checks the same targets on
 * smaller inputs (100 MB of CSV, not 1 GB; 20,000 events, not 50,000): only the full run's verdicts are the issue's.
 * @module
 */
import type { BackpressureRun } from './backpressure-memory.js';
import type { CpuPerRecordResult } from './cpu-per-record.js';
import type { QuotaRun } from './documented-quota.js';
import type { PollingResult } from './polling.js';
import { median } from './run-metrics.js';
import type { TargetResult } from './targets.js';

/** What the targets are checked on. */
export interface IssueNineFigures {
  documentedQuota: readonly QuotaRun[];
  bindingQuota: readonly QuotaRun[];
  cpuPerRecord: CpuPerRecordResult;
  backpressure: readonly BackpressureRun[];
  polling: readonly PollingResult[];
  /** The child programs' standard output, by name. */
  childOutput: Readonly<Record<string, string>>;
}

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

function medianOf(runs: readonly QuotaRun[], prefix: string, pick: (run: QuotaRun) => number): number {
  return median(runs.filter((run) => run.name.startsWith(prefix)).map(pick));
}

/** The MB/s (wall, CPU) of the validateCsv row of `validate-csv.bench.ts`'s table. */
export function validateCsvSpeed(output: string): { wall: number; cpu: number } | undefined {
  const row = output.split('\n').find((line) => line.startsWith('| **validateCsv**'));
  const cells = row?.split('|').map((cell) => cell.trim());
  const wall = Number(cells?.[2]);
  const cpu = Number(cells?.[3]);
  return Number.isFinite(wall) && Number.isFinite(cpu) ? { wall, cpu } : undefined;
}

/** The verdict line of one of `writer-throttling.ts`'s targets, found by the start of its text. */
export function writerTargetLine(output: string, startsWith: string): string | undefined {
  return output.split('\n').find((line) => /^(PASS|FAIL) {2}/.test(line) && line.slice(6).startsWith(startsWith));
}

/** Checks issue 9's targets on one run's figures. */
export function checkIssueNine(figures: IssueNineFigures): TargetResult[] {
  const { documentedQuota: quota, bindingQuota: binding, cpuPerRecord: cpu, backpressure, polling } = figures;
  const writerRate = medianOf(quota, 'RecordWriter', (run) => run.eventsPerSecond);
  const rawRate = medianOf(quota, 'raw SDK', (run) => run.eventsPerSecond);
  const ideal = medianOf(quota, 'RecordWriter', (run) => run.recordsPerCall / run.shareOfIdealFill);
  // What this traffic allows at 1,000 calls/s: the ideal records per call in every call.
  const ceiling = ideal * 1000;
  const lost = quota.reduce((sum, run) => sum + run.lost + run.duplicated, 0);
  const cpuPerCall = medianOf(quota, 'RecordWriter', (run) => run.clientCpuPerCallMs);
  const fill = medianOf(binding, 'RecordWriter', (run) => run.shareOfIdealFill);
  const small = backpressure[0];
  const large = backpressure[backpressure.length - 1];
  const growth =
    small === undefined || large === undefined ? Number.NaN : large.peakRetainedHeapMiB / small.peakRetainedHeapMiB;
  const hour = (poller: string) => polling.find((row) => row.jobMinutes === 60 && row.poller.startsWith(poller));
  const ours = hour('library default');
  const every30 = hour('fixed 30 s');
  const every1 = hour('fixed 1 s');
  const csv = validateCsvSpeed(figures.childOutput.validateCsv ?? '');
  const writerOutput = figures.childOutput.writerThrottling ?? '';
  const fromChild = (target: string, startsWith: string): TargetResult => {
    const line = writerTargetLine(writerOutput, startsWith);
    return { target, pass: line?.startsWith('PASS') === true, measured: line?.slice(6) ?? 'not found in its output' };
  };
  return [
    {
      target: '≥ 9,000 events/s at the documented quota, nothing lost',
      pass: writerRate >= 9000 && lost === 0,
      measured: `${writerRate.toFixed(0)} events/s, ${lost} lost or duplicated; this traffic allows at most ${ceiling.toFixed(0)} (${ideal.toFixed(2)} records a call at 1,000 calls/s): ${pct(writerRate / ceiling)} of it`,
    },
    {
      target: '≥ 3× the raw SDK (pre-chunked, 16 in flight)',
      pass: writerRate >= 3 * rawRate,
      measured: `${(writerRate / rawRate).toFixed(2)}× (raw SDK ${rawRate.toFixed(0)} events/s; 3× would be ${(3 * rawRate).toFixed(0)})`,
    },
    {
      target: 'client CPU per call < 0.5 ms',
      pass: cpuPerCall < 0.5,
      measured: `${cpuPerCall.toFixed(2)} ms (raw SDK ${medianOf(quota, 'raw SDK', (run) => run.clientCpuPerCallMs).toFixed(2)})`,
    },
    {
      target: "the writer's CPU per record within 2× of the floor loop",
      pass: cpu.ratio <= 2,
      measured: `${cpu.ratio.toFixed(2)}× (${cpu.writerMicros.toFixed(2)} µs against ${cpu.floorMicros.toFixed(2)})`,
    },
    {
      target: 'records per call ≥ 97% of the ideal when the quota binds',
      pass: fill >= 0.97,
      measured: pct(fill),
    },
    {
      target: 'memory flat from the fewest to the most records (retained heap within 10%)',
      pass: growth <= 1.1,
      measured: `${small?.peakRetainedHeapMiB.toFixed(1)} MiB at ${small?.records} records, ${large?.peakRetainedHeapMiB.toFixed(1)} at ${large?.records}`,
    },
    {
      target: 'validateCsv ≥ 150 MB/s',
      pass: csv !== undefined && csv.wall >= 150,
      measured:
        csv === undefined
          ? 'not found in its output'
          : `${csv.wall.toFixed(1)} MB/s (${csv.cpu.toFixed(1)} of CPU time)`,
    },
    {
      target:
        'polling a 1-hour job: no more calls than fixed 30 s, its median delay within 5%, ≥ 10× fewer calls than 1 s',
      pass:
        ours !== undefined &&
        every30 !== undefined &&
        every1 !== undefined &&
        ours.calls <= every30.calls &&
        ours.medianDelaySeconds <= every30.medianDelaySeconds * 1.05 &&
        every1.calls >= 10 * ours.calls,
      measured:
        ours === undefined || every30 === undefined || every1 === undefined
          ? 'missing'
          : `${ours.calls} calls, median ${ours.medianDelaySeconds.toFixed(1)} s; fixed 30 s ${every30.calls}, ${every30.medianDelaySeconds.toFixed(1)} s; fixed 1 s ${every1.calls} (${(every1.calls / ours.calls).toFixed(1)}×)`,
    },
    fromChild('the start: < 2% of the first 5 s throttled (bench:writer)', 'throttled in the first 5 s'),
    fromChild('the first call answered within 100 ms + one latency (bench:writer)', 'first call answered'),
  ];
}
