/**
 * The benchmark behind issue 2's "Done when": ~12,000 interleaved events from ~300 sessions against a local endpoint
 * with a PutEvents quota of 100 requests/s, 25 ms latency, 3% transient faults and 0.5% of records refused. Runs the
 * naive raw-SDK baselines and then the RecordWriter N times, prints a markdown table and the PASS/FAIL lines of the
 * targets, and writes everything as JSON to bench/results/. Exits 1 when a target fails.
 *
 * Run: `npm run bench:writer` (or `npm run bench:writer -- --runs 5 --no-baselines`; `--help` lists the options).
 * @module
 */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { recordWriterDefaults } from '../src/index.js';
import { type BaselineMode, runBaseline } from './baselines.js';
import { type BenchSettings, readSettings } from './bench-args.js';
import { ISSUE_CONDITIONS, type ServiceConditions } from './bench-endpoint.js';
import { serviceStarter } from './remote-service.js';
import { formatTable } from './report-table.js';
import { type RunMetrics, spreadOf, toMetrics } from './run-metrics.js';
import { checkStartTargets, checkTargets, formatTargets, type TargetResult } from './targets.js';
import { formatTimeline, summariseTimeline, type TimelineSummary } from './timeline.js';
import { makeWorkload, type Workload } from './workload.js';
import { runWriter, type WriterRun } from './writer-run.js';

const BASELINES: readonly BaselineMode[] = ['one-per-call', 'chunks-sequential', 'chunks-promise-all'];

function machine() {
  const cpu = cpus();
  return {
    cpus: cpu.length,
    cpuModel: cpu[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverageAtStart: loadavg().map((load) => Number(load.toFixed(2))),
  };
}

/** The commit measured, and whether the library's sources differ from it (others edit the tree too). */
interface SourceVersion {
  commit: string;
  srcDirty: boolean;
}

function sourceVersion(): SourceVersion | undefined {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { encoding: 'utf8' }).trim() !== '';
    return { commit, srcDirty: dirty };
  } catch {
    return undefined;
  }
}

const log = (line: string) => process.stderr.write(`${line}\n`);

/** Everything one invocation measured. */
interface Measured {
  settings: BenchSettings;
  startedAt: Date;
  workload: Workload;
  conditions: ServiceConditions;
  baselines: RunMetrics[];
  writerRuns: WriterRun[];
  writerMetrics: RunMetrics[];
  timelines: TimelineSummary[];
}

async function measure(settings: BenchSettings): Promise<Measured> {
  const startedAt = new Date();
  const workload = makeWorkload(settings);
  const conditions = ISSUE_CONDITIONS;
  const startService = serviceStarter(settings.inlineEndpoint);
  const share = ((workload.bad.size / workload.events.length) * 100).toFixed(2);
  log(
    `workload: ${workload.events.length} events, ${workload.sessions} sessions, seed ${workload.seed}, ${workload.bad.size} refused (${share}%)`,
  );
  const baselines: RunMetrics[] = [];
  for (const mode of settings.baselines ? BASELINES : []) {
    log(`baseline ${mode}…`);
    const raw = await runBaseline(workload, mode, conditions, settings.baselineBudgetMs, startService);
    baselines.push(toMetrics(raw, conditions.requestsPerSecond));
  }
  const writerRuns: WriterRun[] = [];
  for (let index = 0; index < settings.runs; index += 1) {
    log(`RecordWriter run ${index + 1}/${settings.runs}…`);
    writerRuns.push(await runWriter(workload, conditions, settings.writerOptions, index, startService));
  }
  const writerMetrics = writerRuns.map((run) => toMetrics(run.raw, conditions.requestsPerSecond));
  // Up to 9 records per session can sit in partly filled groups; above that, sealed calls are waiting.
  const timelines = writerRuns.map((run) => summariseTimeline(run.timeline, workload.sessions * 9 + 100));
  return { settings, startedAt, workload, conditions, baselines, writerRuns, writerMetrics, timelines };
}

function timelineLines(m: Measured): string[] {
  return m.timelines.map((summary, index) => {
    const run = m.writerRuns[index];
    const delay = run?.eventLoopDelayMs;
    const first =
      run?.firstAnswerMs === undefined
        ? ''
        : `; first call sent ${run.firstSentMs?.toFixed(0) ?? '–'} ms and answered ${run.firstAnswerMs.toFixed(0)} ms after the first put`;
    const lag =
      delay === undefined ? '' : `; event-loop delay mean ${delay.mean.toFixed(1)} ms, p99 ${delay.p99.toFixed(0)} ms`;
    return `- ${formatTimeline(index, summary)}${first}${lag}`;
  });
}

function render(m: Measured, targets: TargetResult[], source: SourceVersion | undefined): string {
  const { conditions: c, workload: w, settings } = m;
  const version = source === undefined ? '' : ` (commit ${source.commit}${source.srcDirty ? ', src/ modified' : ''})`;
  const where = settings.inlineEndpoint ? 'in the same process' : 'in a child process';
  return [
    `## RecordWriter under throttling (${m.startedAt.toISOString()}${version})`,
    '',
    `Quota ${c.requestsPerSecond} PutEvents/s, latency ${c.latencyMs} ms, ${c.transientFaultRate * 100}% transient faults, ${w.bad.size} of ${w.events.length} events refused; writer options: ${JSON.stringify(settings.writerOptions)}; endpoint ${where}`,
    '',
    formatTable(m.baselines, m.writerMetrics, spreadOf(m.writerMetrics)),
    '',
    'Writer timeline (throttles in the opening vs the steady state):',
    ...timelineLines(m),
    '',
    'Targets (issue 2, "Done when"; issue 9 item 4, the start):',
    formatTargets(targets),
  ].join('\n');
}

async function save(m: Measured, targets: TargetResult[], source: SourceVersion | undefined): Promise<string> {
  const { workload, settings } = m;
  const results = {
    startedAt: m.startedAt.toISOString(),
    machine: machine(),
    source,
    conditions: m.conditions,
    settings,
    writerDefaults: recordWriterDefaults,
    workload: {
      events: workload.events.length,
      sessions: workload.sessions,
      seed: workload.seed,
      refused: workload.bad.size,
    },
    baselines: m.baselines,
    writerRuns: m.writerRuns.map((run, index) => ({
      metrics: m.writerMetrics[index],
      timeline: m.timelines[index],
      finalRate: run.finalRate,
      eventLoopDelayMs: run.eventLoopDelayMs,
      samples: run.timeline,
    })),
    writerSpread: spreadOf(m.writerMetrics),
    targets,
  };
  await mkdir(settings.outDir, { recursive: true });
  const stamp = m.startedAt.toISOString().replace(/[:.]/g, '-');
  const name = `writer-throttling-${stamp}${settings.label === undefined ? '' : `-${settings.label}`}.json`;
  const file = join(settings.outDir, name);
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}

async function main(): Promise<number> {
  // The SDK warns on Node 20 about its future Node 22 requirement; it says nothing about this benchmark.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const measured = await measure(readSettings(process.argv.slice(2), process.env));
  const targets = [
    ...checkTargets(measured.writerMetrics),
    ...checkStartTargets(measured.timelines, measured.writerRuns, measured.conditions.latencyMs),
  ];
  const source = sourceVersion();
  process.stdout.write(`${render(measured, targets, source)}\n`);
  log(`results: ${await save(measured, targets, source)}`);
  return targets.every((target) => target.pass) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
