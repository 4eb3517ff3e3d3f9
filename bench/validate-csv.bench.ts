/**
 * Benchmark of `validateCsv` against reading the file and against parsers parsing it without checks.
 *
 *   npm run bench:csv                      # a ~200 MB interactions file, 3 runs per step
 *   npm run bench:csv -- --mb 1024 --runs 1
 *   BENCH_CSV_MB=1024 npm run bench:csv
 *
 * Generates an interactions file on the fly under os.tmpdir() (deleted at the end), then runs every step in its own
 * child process, so each one's peak RSS (`process.resourceUsage().maxRSS`) is its own. Prints a Markdown table:
 * median MB/s of the runs, ratio to read-only, peak RSS, and whether the parser reads the service's dialect
 * (backslash escapes of `"` and `\` inside quotes). papaparse and udsv are optional dev dependencies: a step whose
 * package is missing is reported as such.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './validate-csv.file.js';
import { dialectOk, STEPS } from './validate-csv.steps.js';

// --- running ---------------------------------------------------------------------------------------------------

interface Sample {
  seconds: number;
  /** User + system CPU time: less sensitive than wall time to other processes on a busy machine. */
  cpuSeconds: number;
  rows: number;
  maxRssMb: number;
}

async function child(step: string, file: string): Promise<void> {
  const run = STEPS[step];
  if (run === undefined) throw new Error(`Unknown step ${step}`);
  const start = performance.now();
  const cpu = process.cpuUsage();
  const rows = await run.rows(file);
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const sample: Sample = { seconds, cpuSeconds, rows, maxRssMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(`${JSON.stringify(sample)}\n`);
}

function runChild(step: string, file: string): Sample {
  const self = fileURLToPath(import.meta.url);
  const result = spawnSync(process.execPath, [self, '--child', step, file], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${step} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as Sample;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

async function main(): Promise<void> {
  const mb = Number(argument('mb', process.env.BENCH_CSV_MB ?? '200'));
  const runs = Number(argument('runs', process.env.BENCH_CSV_RUNS ?? '3'));
  const steps = argument('steps', Object.keys(STEPS).join(',')).split(',');
  const file = join(tmpdir(), `personalize-import-bench-${process.pid}.csv`);
  try {
    process.stderr.write(`Generating ${mb} MB of interactions in ${file}…\n`);
    await generate(file, mb * 1e6);
    await report(file, steps, runs);
  } finally {
    rmSync(file, { force: true });
  }
}

async function report(file: string, steps: string[], runs: number): Promise<void> {
  const { size } = await import('node:fs').then((fs) => fs.statSync(file));
  const rows: string[] = [];
  let readMbs = Number.NaN;
  for (const step of steps) {
    process.stderr.write(`${step}: ${runs} run(s)…\n`);
    const samples = Array.from({ length: runs }, () => runChild(step, file));
    const mbs = median(samples.map((s) => size / 1e6 / s.seconds));
    const cpuMbs = median(samples.map((s) => size / 1e6 / s.cpuSeconds));
    if (step === 'read') readMbs = mbs;
    const rss = Math.max(...samples.map((s) => s.maxRssMb));
    const rowsRead = samples[0]?.rows ?? 0;
    const speed = Number.isNaN(rowsRead) ? 'not installed' : `${mbs.toFixed(1)} | ${cpuMbs.toFixed(1)}`;
    const ratio = Number.isNaN(rowsRead) ? '' : `${((mbs / readMbs) * 100).toFixed(1)} %`;
    const label = STEPS[step]?.label ?? step;
    rows.push(`| ${label} | ${speed} | ${ratio} | ${rss.toFixed(0)} | ${rowsRead} | ${await dialectOk(step)} |`);
  }
  const load = loadavg()[0]?.toFixed(1);
  const heading =
    `File: ${(size / 1e6).toFixed(0)} MB, ${runs} run(s) per step (median), Node ${process.version}, ` +
    `${cpus().length} CPUs, load average ${load} at the end`;
  process.stdout.write(
    `\n${heading}\n\n| step | MB/s | MB/s of CPU time | of read speed | peak RSS (MB) | records | reads the backslash escapes |\n`,
  );
  process.stdout.write(`|---|---:|---:|---:|---:|---:|---|\n${rows.join('\n')}\n`);
}

if (process.argv[2] === '--child') await child(process.argv[3] ?? '', process.argv[4] ?? '');
// Keeps a generated file for profiling: `node .tmp/bench/validate-csv.bench.js --generate <path> [mb]`.
else if (process.argv[2] === '--generate')
  await generate(process.argv[3] ?? 'bench.csv', Number(process.argv[4] ?? 200) * 1e6);
else await main();
