/**
 * The benchmark behind issue 2's "Done when": ~12,000 interleaved events from ~300 sessions against a local endpoint
 * with a PutEvents quota of 100 requests/s, 25 ms latency, 3% transient faults and 0.5% of records refused. Runs the
 * naive raw-SDK baselines and then the RecordWriter N times, prints a markdown table and the PASS/FAIL lines of the
 * targets, and writes everything as JSON to bench/results/. Exits 1 when a target fails.
 *
 * Run: `npm run bench:writer` (or `npm run bench:writer -- --runs 5 --no-baselines`; `--help` lists the options).
 * @module
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { WRITER_DEFAULTS } from '../src/index.js';
import { type BaselineMode, runBaseline } from './baselines.js';
import { readSettings } from './bench-args.js';
import { ISSUE_CONDITIONS } from './bench-endpoint.js';
import { serviceStarter } from './remote-service.js';
import { formatTable } from './report-table.js';
import { type RunMetrics, spreadOf, toMetrics } from './run-metrics.js';
import { checkTargets, formatTargets } from './targets.js';
import { formatTimeline, summariseTimeline, type TimelineSummary } from './timeline.js';
import { makeWorkload } from './workload.js';
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

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<number> {
  // The SDK warns on Node 20 about its future Node 22 requirement; it says nothing about this benchmark.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const settings = readSettings(process.argv.slice(2), process.env);
  const startedAt = new Date();
  const workload = makeWorkload(settings);
  const conditions = ISSUE_CONDITIONS;
  const startService = serviceStarter(settings.inlineEndpoint);
  log(
    `workload: ${workload.events.length} events, ${workload.sessions} sessions, seed ${workload.seed}, ` +
      `${workload.bad.size} refused by the service (${((workload.bad.size / workload.events.length) * 100).toFixed(2)}%)`,
  );
  const baselines: RunMetrics[] = [];
  if (settings.baselines) {
    for (const mode of BASELINES) {
      log(`baseline ${mode}…`);
      baselines.push(
        toMetrics(
          await runBaseline(workload, mode, conditions, settings.baselineBudgetMs, startService),
          conditions.requestsPerSecond,
        ),
      );
    }
  }
  const writerRuns: WriterRun[] = [];
  for (let index = 0; index < settings.runs; index += 1) {
    log(`RecordWriter run ${index + 1}/${settings.runs}…`);
    writerRuns.push(await runWriter(workload, conditions, settings.writerOptions, index, startService));
  }
  const writerMetrics = writerRuns.map((run) => toMetrics(run.raw, conditions.requestsPerSecond));
  const timelines: TimelineSummary[] = writerRuns.map((run) =>
    summariseTimeline(run.timeline, workload.sessions * 9 + 100),
  );
  const spread = spreadOf(writerMetrics);
  const targets = checkTargets(writerMetrics);

  const heading = `Quota ${conditions.requestsPerSecond} PutEvents/s, latency ${conditions.latencyMs} ms, ${conditions.transientFaultRate * 100}% transient faults, ${workload.bad.size} of ${workload.events.length} events refused; writer options: ${JSON.stringify(settings.writerOptions)}; endpoint ${settings.inlineEndpoint ? 'in the same process' : 'in a child process'}`;
  const out = [
    `## RecordWriter under throttling (${startedAt.toISOString()})`,
    '',
    heading,
    '',
    formatTable(baselines, writerMetrics, spread),
    '',
    'Writer timeline (throttles in the opening vs the steady state):',
    ...timelines.map((summary, index) => {
      const delay = writerRuns[index]?.eventLoopDelayMs;
      const lag =
        delay === undefined
          ? ''
          : `; event-loop delay mean ${delay.mean.toFixed(1)} ms, p99 ${delay.p99.toFixed(0)} ms`;
      return `- ${formatTimeline(index, summary)}${lag}`;
    }),
    '',
    'Targets (issue 2, "Done when"):',
    formatTargets(targets),
  ];
  process.stdout.write(`${out.join('\n')}\n`);

  const results = {
    startedAt: startedAt.toISOString(),
    machine: machine(),
    conditions,
    settings,
    writerDefaults: WRITER_DEFAULTS,
    workload: {
      events: workload.events.length,
      sessions: workload.sessions,
      seed: workload.seed,
      refused: workload.bad.size,
    },
    baselines,
    writerRuns: writerRuns.map((run, index) => ({
      metrics: writerMetrics[index],
      timeline: timelines[index],
      finalRate: run.finalRate,
      eventLoopDelayMs: run.eventLoopDelayMs,
      samples: run.timeline,
    })),
    writerSpread: spread,
    targets,
  };
  await mkdir(settings.outDir, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const file = join(
    settings.outDir,
    `writer-throttling-${stamp}${settings.label === undefined ? '' : `-${settings.label}`}.json`,
  );
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  log(`results: ${file}`);
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
