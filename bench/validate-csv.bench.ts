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
import { once } from 'node:events';
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as csvParse } from 'csv-parse';
import { parse as csvParseSync } from 'csv-parse/sync';
import { CsvTokenizer, fieldText } from '../src/csv/csv-reader.js';
import { validateCsv } from '../src/csv/validate-csv.js';

const MIB = 1024 * 1024;
const CHUNK = MIB;

const SCHEMA = {
  type: 'record',
  name: 'Interactions',
  fields: [
    { name: 'USER_ID', type: 'string' },
    { name: 'ITEM_ID', type: 'string' },
    { name: 'EVENT_TYPE', type: 'string' },
    { name: 'EVENT_VALUE', type: ['null', 'float'] },
    { name: 'TIMESTAMP', type: 'long' },
    { name: 'RECOMMENDATION_ID', type: ['null', 'string'] },
  ],
};

type Rows = (file: string) => Promise<number>;
type Parser = (text: string) => string[][];

// --- steps ---------------------------------------------------------------------------------------------------

async function readOnly(file: string): Promise<number> {
  let bytes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK })) bytes += (chunk as Buffer).length;
  return bytes > 0 ? 0 : -1;
}

async function csvParseRows(file: string): Promise<number> {
  let rows = 0;
  const parser = createReadStream(file, { highWaterMark: CHUNK }).pipe(csvParse({ escape: '\\' }));
  for await (const _record of parser) rows++;
  return rows;
}

interface PapaModule {
  NODE_STREAM_INPUT: number;
  parse(input: unknown, config: object): NodeJS.ReadWriteStream & { on(event: string, cb: (x: unknown) => void): void };
}

interface UdsvParser {
  stringArrs: unknown;
  chunk(text: string, parse: unknown, cb: () => boolean): void;
  end(): unknown;
}
interface UdsvModule {
  inferSchema(text: string, options: object): unknown;
  initParser(schema: unknown): UdsvParser;
}

async function optional<T>(name: string): Promise<T | undefined> {
  const specifier: string = name;
  try {
    const mod = await import(specifier);
    return (mod.default ?? mod) as T;
  } catch {
    return undefined;
  }
}

async function papaRows(file: string): Promise<number> {
  const papa = await optional<PapaModule>('papaparse');
  if (papa === undefined) return Number.NaN;
  return new Promise((resolve, reject) => {
    let rows = 0;
    const stream = papa.parse(papa.NODE_STREAM_INPUT, { escapeChar: '\\' });
    stream.on('data', () => rows++);
    stream.on('end', () => resolve(rows));
    stream.on('error', reject);
    createReadStream(file, { highWaterMark: CHUNK }).pipe(stream);
  });
}

async function udsvRows(file: string): Promise<number> {
  const udsv = await optional<UdsvModule>('udsv');
  if (udsv === undefined) return Number.NaN;
  const decoder = new TextDecoder();
  let rows = 0;
  const count = () => {
    rows++;
    return true;
  };
  let parser: UdsvParser | undefined;
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK })) {
    const text = decoder.decode(chunk as Buffer, { stream: true });
    parser ??= udsv.initParser(udsv.inferSchema(text, { encl: '"', esc: '\\' }));
    parser.chunk(text, parser.stringArrs, count);
  }
  parser?.end();
  return rows;
}

async function tokenizerRows(file: string): Promise<number> {
  let rows = 0;
  const tokenizer = new CsvTokenizer(() => rows++);
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK })) tokenizer.push(chunk as Buffer);
  tokenizer.end();
  return rows;
}

async function validateRows(file: string): Promise<number> {
  const report = await validateCsv(file, { schema: SCHEMA, datasetType: 'Interactions', mode: 'FULL' });
  if (!report.valid) throw new Error(`The generated file is invalid: ${JSON.stringify(report.errors.slice(0, 3))}`);
  return report.rows + 1;
}

const STEPS: Record<string, { label: string; rows: Rows }> = {
  read: { label: 'read only (fs stream, 1 MiB chunks)', rows: readOnly },
  'csv-parse': { label: 'csv-parse 7.0.3, parse only', rows: csvParseRows },
  papaparse: { label: 'papaparse 5.7.1, parse only', rows: papaRows },
  udsv: { label: 'udsv 0.7.3, parse only', rows: udsvRows },
  tokenizer: { label: 'our tokenizer (CsvTokenizer), parse only', rows: tokenizerRows },
  validate: { label: '**validateCsv** (all checks)', rows: validateRows },
};

// --- the dialect: can each parser read the service's backslash escapes? ------------------------------------------

const DIALECT_SAMPLE = 'a,"b\\\\",c\n"x\\"y",z,"p\\\\\\"q"\n';
const DIALECT_EXPECTED = [
  ['a', 'b\\', 'c'],
  ['x"y', 'z', 'p\\"q'],
];

async function dialectParsers(): Promise<Record<string, Parser | undefined>> {
  const papa = await optional<{ parse(text: string, config: object): { data: string[][] } }>('papaparse');
  const udsv = await optional<UdsvModule>('udsv');
  return {
    'csv-parse': (text) => csvParseSync(text, { escape: '\\' }),
    papaparse: papa && ((text) => papa.parse(text.trimEnd(), { escapeChar: '\\' }).data),
    udsv:
      udsv &&
      ((text) => {
        // udsv skips one header row: give it one.
        const withHeader = `h1,h2,h3\n${text}`;
        const parser = udsv.initParser(udsv.inferSchema(withHeader, { encl: '"', esc: '\\' }));
        return (parser.stringArrs as (t: string) => string[][])(withHeader);
      }),
    tokenizer: (text) => {
      const rows: string[][] = [];
      const tokenizer = new CsvTokenizer((record) => {
        rows.push(Array.from({ length: record.fieldCount }, (_, i) => fieldText(record, i)));
      });
      tokenizer.push(Buffer.from(text));
      tokenizer.end();
      return rows;
    },
  };
}

async function dialectOk(step: string): Promise<string> {
  if (step === 'read') return '';
  if (step === 'validate') return 'yes';
  const parser = (await dialectParsers())[step];
  if (parser === undefined) return 'not installed';
  try {
    const got = parser(DIALECT_SAMPLE);
    return JSON.stringify(got) === JSON.stringify(DIALECT_EXPECTED) ? 'yes' : `no: ${JSON.stringify(got)}`;
  } catch (error) {
    return `no: ${(error as Error).message}`;
  }
}

// --- the file ------------------------------------------------------------------------------------------------------

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EVENT_TYPES = ['View', 'View', 'View', 'AddToCart', 'Purchase'];

/** Writes an interactions file of about `bytes` bytes: 6 columns, 2% of rows with a quoted, escaped value. */
async function generate(path: string, bytes: number): Promise<void> {
  const next = random(42);
  const out = createWriteStream(path, { highWaterMark: 4 * MIB });
  out.write('USER_ID,ITEM_ID,EVENT_TYPE,EVENT_VALUE,TIMESTAMP,RECOMMENDATION_ID\n');
  let written = 0;
  let ts = 1_600_000_000;
  while (written < bytes) {
    const lines: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const r = next();
      ts += Math.floor(r * 3);
      const rec = r < 0.02 ? `"rec \\"${Math.floor(r * 1e6)}\\""` : r < 0.2 ? `rec-${Math.floor(r * 1e7)}` : '';
      const value = r < 0.5 ? (r * 10).toFixed(1) : '';
      const type = EVENT_TYPES[Math.floor(next() * EVENT_TYPES.length)];
      lines.push(`user-${Math.floor(next() * 1e6)},item-${Math.floor(next() * 2e5)},${type},${value},${ts},${rec}`);
    }
    const block = `${lines.join('\n')}\n`;
    written += Buffer.byteLength(block);
    if (!out.write(block)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

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
