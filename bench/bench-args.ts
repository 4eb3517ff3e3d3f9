/**
 * The benchmark's settings, from command-line flags or environment variables (flags win).
 * @module
 */
import { parseArgs } from 'node:util';
import type { WriterTuning } from './writer-run.js';

/** Settings of one benchmark invocation. */
export interface BenchSettings {
  /** Writer runs, each on a fresh service; medians are taken over them. */
  runs: number;
  seed: number;
  events: number;
  sessions: number;
  baselines: boolean;
  /** Time budget of each sequential baseline, in ms. */
  baselineBudgetMs: number;
  /** Writer options on top of the defaults (JSON), to try settings without editing the writer. */
  writerOptions: WriterTuning;
  /** Run the endpoint in this process instead of a child process. */
  inlineEndpoint: boolean;
  /** Directory of the JSON results. */
  outDir: string;
  /** Added to the results file's name. */
  label: string | undefined;
}

export const USAGE = `Usage: npm run bench:writer -- [options]
  --runs N                 writer runs, medians over them (env BENCH_RUNS, default 3)
  --seed N                 workload and fault seed (env BENCH_SEED, default 2)
  --events N               events in the workload (env BENCH_EVENTS, default 12000)
  --sessions N             sessions they come from (env BENCH_SESSIONS, default 300)
  --no-baselines           skip the raw-SDK baselines (env BENCH_BASELINES=0)
  --baseline-budget-s N    time budget of each sequential baseline (env BENCH_BASELINE_BUDGET_S, default 15)
  --writer-options JSON    RecordWriter options to add, e.g. '{"rate":{"initialRequestsPerSecond":{"putEvents":100}}}'
                           (env BENCH_WRITER_OPTIONS)
  --inline-endpoint        run the endpoint in the benchmark's process (default: a child process)
  --out DIR                where the JSON results go (default bench/results)
  --label NAME             added to the results file name`;

function positiveInt(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`Expected \`${name}\` to be an integer >= 1, got \`${text}\``);
  return value;
}

function tuning(text: string | undefined): WriterTuning {
  if (text === undefined || text === '') return {};
  const parsed: unknown = JSON.parse(text);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`Expected \`--writer-options\` to be a JSON object, got \`${text}\``);
  }
  return parsed as WriterTuning;
}

/** Reads the settings; throws with a message on a bad value. */
export function readSettings(argv: readonly string[], env: NodeJS.ProcessEnv): BenchSettings {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      runs: { type: 'string' },
      seed: { type: 'string' },
      events: { type: 'string' },
      sessions: { type: 'string' },
      'no-baselines': { type: 'boolean' },
      'baseline-budget-s': { type: 'string' },
      'writer-options': { type: 'string' },
      'inline-endpoint': { type: 'boolean' },
      out: { type: 'string' },
      label: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help === true) throw new Error(USAGE);
  return {
    runs: positiveInt('runs', values.runs ?? env.BENCH_RUNS, 3),
    seed: positiveInt('seed', values.seed ?? env.BENCH_SEED, 2),
    events: positiveInt('events', values.events ?? env.BENCH_EVENTS, 12_000),
    sessions: positiveInt('sessions', values.sessions ?? env.BENCH_SESSIONS, 300),
    baselines: values['no-baselines'] !== true && env.BENCH_BASELINES !== '0',
    baselineBudgetMs:
      1000 * positiveInt('baseline-budget-s', values['baseline-budget-s'] ?? env.BENCH_BASELINE_BUDGET_S, 15),
    writerOptions: tuning(values['writer-options'] ?? env.BENCH_WRITER_OPTIONS),
    inlineEndpoint: values['inline-endpoint'] === true || env.BENCH_INLINE_ENDPOINT === '1',
    outDir: values.out ?? 'bench/results',
    label: values.label,
  };
}
