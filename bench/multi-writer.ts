/**
 * Many writers, one quota (issue 11 item 2): N writer processes (`multi-writer-child.ts`, a `RecordWriter` over
 * `AwsTransport` each) against ONE local endpoint in its own process (`endpoint-child.ts`) whose PutEvents quota,
 * 100 requests/s with a bucket of one second's worth, they share. Nothing is shared between the writers but the
 * endpoint: each adapts to the throttles it sees. The writers start together (one `go` to all), put for a window,
 * then close; the endpoint's counters at `go` and at the window's end give the quota used and the throttled share,
 * the writers' deliveries within the window give Jain's fairness index, and the endpoint's store after every
 * writer closed gives what was lost.
 *
 * Run: `npm run bench:multi` (quick: 1, 2 and 4 writers, one run of 20 s each), `npm run bench:multi -- --full`
 * (1, 2, 4 and 16 writers, medians of 3 runs of 60 s), or `--writers 1,8 --runs 2 --seconds 30`; `--json` for
 * the figures as JSON. Part of `npm run bench` (its `--full` too). Prints one table; exits 1 when a target fails.
 * @module
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { BenchService, ServiceConditions } from './bench-endpoint.js';
import type { WriterChildReport, WriterChildSettings } from './multi-writer-child.js';
import { startRemoteService } from './remote-service.js';
import { median } from './run-metrics.js';

/** The shared quota: ten times below the documented one, as in `bench:writer`, with no faults (pacing only). */
const CONDITIONS: ServiceConditions = { requestsPerSecond: 100, latencyMs: 25, transientFaultRate: 0 };
/** The endpoint's bucket holds one second of its rate (resolveQuotaRule's default) and starts full. */
const BURST = CONDITIONS.requestsPerSecond;
const SESSIONS_PER_WRITER = 100;

/** The targets of issue 11 item 2. */
const TARGETS = { quotaShare: 0.95, throttledShare: 0.05, jain: 0.9 } as const;

/** One run of N writers. */
export interface MultiWriterRun {
  writers: number;
  windowSeconds: number;
  /** Events delivered within the window, all writers, per second. */
  eventsPerSecond: number;
  /** PutEvents calls admitted within the window ÷ (quota × window + the bucket it starts with). */
  quotaShare: number;
  /** The same without counting the starting bucket: admitted ÷ (quota × window). */
  quotaShareWithoutBurst: number;
  /** Throttled ÷ all PutEvents calls within the window. */
  throttledShare: number;
  /** Throttled calls in the window's first 5 s. */
  throttledFirst5s: number;
  /** Jain's fairness index over the writers' events delivered within the window: 1 = equal shares, 1/N = one took all. */
  jain: number;
  /** Good events put and not stored once every writer closed. */
  lost: number;
  /** Events stored more than once. */
  duplicated: number;
  perWriter: WriterChildReport[];
}

/** Jain's fairness index of `values`: (Σx)² / (n·Σx²). */
export function jainIndex(values: readonly number[]): number {
  const sum = values.reduce((a, b) => a + b, 0);
  const squares = values.reduce((a, b) => a + b * b, 0);
  return squares === 0 ? 1 : (sum * sum) / (values.length * squares);
}

interface WriterChild {
  child: ChildProcess;
  report: Promise<WriterChildReport>;
}

async function startWriter(script: URL, settings: WriterChildSettings): Promise<WriterChild> {
  const child = fork(script, [JSON.stringify(settings)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const report = new Promise<WriterChildReport>((resolve, reject) => {
    child.on('message', (message: { type: string; report?: WriterChildReport; message?: string }) => {
      if (message.type === 'report' && message.report !== undefined) resolve(message.report);
      if (message.type === 'error') reject(new Error(`writer ${settings.index}: ${message.message}`));
    });
    child.on('exit', (code) => reject(new Error(`writer ${settings.index} exited (${code}) before its report`)));
  });
  report.catch(() => undefined);
  const [ready] = (await once(child, 'message')) as [{ type: string }];
  if (ready.type !== 'ready') throw new Error(`writer ${settings.index}: expected ready, got ${ready.type}`);
  return { child, report };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function putEventsOf(stats: Awaited<ReturnType<BenchService['stats']>>) {
  return stats.byCall.putEvents ?? { requests: 0, throttled: 0, faults: 0, ok: 0, errors: 0 };
}

/** One run: a fresh endpoint, `writers` processes, a window of `seconds`. */
export async function runWriters(here: URL, writers: number, seconds: number, seed: number): Promise<MultiWriterRun> {
  const service = await startRemoteService(new URL('endpoint-child.js', here), CONDITIONS, seed);
  const children: WriterChild[] = [];
  let finished = false;
  try {
    for (let index = 0; index < writers; index += 1) {
      children.push(
        await startWriter(new URL('multi-writer-child.js', here), {
          url: service.url,
          index,
          windowMs: seconds * 1000,
          sessions: SESSIONS_PER_WRITER,
          seed,
          maxBufferedRecords: 500,
        }),
      );
    }
    // The warm-up calls took tokens from the bucket: let it fill again, so that every N starts from the same state.
    await sleep(1500);
    const before = putEventsOf(await service.stats());
    for (const { child } of children) child.send({ type: 'go' });
    await sleep(5000);
    const at5 = putEventsOf(await service.stats());
    await sleep(seconds * 1000 - 5000);
    const after = putEventsOf(await service.stats());
    const reports = await Promise.all(children.map((c) => c.report));
    const outcome = await service.finish();
    finished = true;
    const stored = new Map<number, number>();
    let duplicated = 0;
    for (const [key, count] of outcome.stored) {
      const index = Number(/^w(\d+)-/.exec(key)?.[1]); // NaN for the warm-up calls' events
      stored.set(index, (stored.get(index) ?? 0) + count);
      duplicated += count - 1;
    }
    const requests = after.requests - before.requests;
    const throttled = after.throttled - before.throttled;
    const admitted = requests - throttled;
    const delivered = reports.map((r) => r.deliveredInWindow);
    return {
      writers,
      windowSeconds: seconds,
      eventsPerSecond: delivered.reduce((a, b) => a + b, 0) / seconds,
      quotaShare: admitted / (CONDITIONS.requestsPerSecond * seconds + BURST),
      quotaShareWithoutBurst: admitted / (CONDITIONS.requestsPerSecond * seconds),
      throttledShare: requests === 0 ? 0 : throttled / requests,
      throttledFirst5s: at5.throttled - before.throttled,
      jain: jainIndex(delivered),
      lost: reports.reduce((sum, r) => sum + Math.max(0, r.put - (stored.get(r.index) ?? 0)), 0),
      duplicated,
      perWriter: reports,
    };
  } finally {
    for (const { child } of children) if (child.exitCode === null) child.kill();
    if (!finished) await service.finish().catch(() => undefined);
  }
}

/** Every run of every N, in the order run (N after N, `runs` times each). */
export async function measureMultiWriter(
  here: URL,
  options: { writers: readonly number[]; runs: number; seconds: number; log?: (line: string) => void },
): Promise<MultiWriterRun[]> {
  const results: MultiWriterRun[] = [];
  for (let run = 0; run < options.runs; run += 1) {
    for (const writers of options.writers) {
      options.log?.(`${writers} writer(s), run ${run + 1}/${options.runs}…`);
      results.push(await runWriters(here, writers, options.seconds, 11 + run));
    }
  }
  return results;
}

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

/** The table: one row per N, medians over its runs. */
export function formatMultiWriter(runs: readonly MultiWriterRun[]): string {
  const header = [
    'writers',
    'runs',
    'total events/s',
    'share of quota (incl. its bucket)',
    'without the bucket',
    'throttled',
    'throttled in first 5 s (calls)',
    "Jain's index",
    'lost',
    'dup',
  ];
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const rows = [...new Set(runs.map((r) => r.writers))].map((writers) => {
    const mine = runs.filter((r) => r.writers === writers);
    const m = (pick: (r: MultiWriterRun) => number) => median(mine.map(pick));
    return line([
      String(writers),
      String(mine.length),
      m((r) => r.eventsPerSecond).toFixed(0),
      pct(m((r) => r.quotaShare)),
      pct(m((r) => r.quotaShareWithoutBurst)),
      pct(m((r) => r.throttledShare)),
      m((r) => r.throttledFirst5s).toFixed(0),
      m((r) => r.jain).toFixed(3),
      String(Math.max(...mine.map((r) => r.lost))),
      String(Math.max(...mine.map((r) => r.duplicated))),
    ]);
  });
  const perWriter = runs.map(
    (r) =>
      `- ${r.writers} writer(s): events delivered in the window per writer ${r.perWriter.map((w) => w.deliveredInWindow).join(', ')}; rate at the window's end ${r.perWriter.map((w) => (w.rateAtEnd ?? 0).toFixed(1)).join(', ')} requests/s`,
  );
  return [line(header), line(header.map(() => '---')), ...rows, '', ...perWriter].join('\n');
}

/** PASS/FAIL per N on the medians; lost and duplicated on every run. */
export function checkMultiWriter(runs: readonly MultiWriterRun[]): string[] {
  const lines: string[] = [];
  for (const writers of new Set(runs.map((r) => r.writers))) {
    const mine = runs.filter((r) => r.writers === writers);
    const share = median(mine.map((r) => r.quotaShare));
    const throttled = median(mine.map((r) => r.throttledShare));
    const jain = median(mine.map((r) => r.jain));
    const intact = mine.every((r) => r.lost === 0 && r.duplicated === 0);
    const pass = share >= TARGETS.quotaShare && throttled < TARGETS.throttledShare && jain >= TARGETS.jain && intact;
    lines.push(
      `${pass ? 'PASS' : 'FAIL'}  ${writers} writer(s): quota ${pct(share)} (≥ 95%), throttled ${pct(throttled)} (< 5%), Jain ${jain.toFixed(3)} (≥ 0.9), ${intact ? 'nothing lost or duplicated' : 'LOST OR DUPLICATED'}`,
    );
  }
  return lines;
}

async function main(): Promise<number> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      full: { type: 'boolean' },
      writers: { type: 'string' },
      runs: { type: 'string' },
      seconds: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const full = values.full === true;
  const writers = (values.writers ?? (full ? '1,2,4,16' : '1,2,4')).split(',').map(Number);
  const runs = Number(values.runs ?? (full ? 3 : 1));
  const seconds = Number(values.seconds ?? (full ? 60 : 20));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const load = loadavg();
  const results = await measureMultiWriter(new URL('./', import.meta.url), { writers, runs, seconds, log });
  const targets = checkMultiWriter(results);
  if (values.json === true) {
    process.stdout.write(`${JSON.stringify({ conditions: CONDITIONS, results, targets }, null, 2)}\n`);
  } else {
    process.stdout.write(
      [
        `### Many writers, one quota (${CONDITIONS.requestsPerSecond} PutEvents/s shared, bucket ${BURST}, ${CONDITIONS.latencyMs} ms; one endpoint process, one process per writer; windows of ${seconds} s, medians of ${runs})`,
        '',
        formatMultiWriter(results),
        '',
        ...targets,
        `load average at start ${load.map((l) => l.toFixed(2)).join(' ')}, at end ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
        '',
      ].join('\n'),
    );
  }
  return targets.every((line) => line.startsWith('PASS')) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);
