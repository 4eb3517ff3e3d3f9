/**
 * `personalize-import serve` started as a subprocess (the built CLI), as a user or a test in another language starts
 * it, for the whole-flow tests: one per test file, read from the one line of JSON it prints.
 * @module
 */
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliRun, ensureBuilt, finished, startCli, waitForOutput } from '../cli/built-cli.js';

/** What `serve` printed on start (docs/local-endpoint.md, "Start it"), and a scratch directory of the test. */
export interface ServeProcess {
  url: string;
  printed: Record<string, unknown>;
  /** A scratch directory, removed by `stop()`. */
  dir: string;
  /** Everything `serve` wrote on stderr so far (the `--verbose` request log). */
  stderr(): string;
  /** Stops `serve` with Ctrl-C (SIGINT) and returns how it ended. */
  stop(): Promise<CliRun>;
}

/**
 * Builds the CLI if needed, then starts `serve --verbose` with `args` (by default an empty state, the client builds
 * everything, and import jobs of 200 ms) and waits for its start line.
 */
export async function startServe(args: readonly string[] = []): Promise<ServeProcess> {
  await ensureBuilt();
  const dir = await mkdtemp(join(tmpdir(), 'serve-flow-'));
  const state = join(dir, 'empty-state.json');
  writeFileSync(state, '{}\n');
  const setUp = args.length === 0 ? ['--state', state, '--job-ms', '200'] : args;
  const child = startCli(['--json', '--verbose', 'serve', ...setUp]);
  const ended = finished(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const firstLine = child.stdout ? await waitForOutput(child.stdout, /\n/) : '';
  const printed = JSON.parse(firstLine.split('\n')[0] ?? '') as Record<string, unknown>;
  return {
    url: String(printed.url),
    printed,
    dir,
    stderr: () => stderr,
    stop: async () => {
      child.kill('SIGINT');
      const run = await ended;
      await rm(dir, { recursive: true, force: true });
      return run;
    },
  };
}

/** GET /_fake/state of a started `serve`, with a plain `fetch`. */
export async function fakeState(url: string): Promise<FakeState> {
  const res = await fetch(`${url}/_fake/state`);
  if (res.status !== 200) throw new Error(`GET /_fake/state answered ${res.status}`);
  return (await res.json()) as FakeState;
}

/** The members of GET /_fake/state the flow tests read. */
export interface FakeState {
  datasetGroups: { name: string; datasetGroupArn: string; domain?: string }[];
  datasets: { datasetArn: string; datasetType: string; bulkRowCount: number }[];
  eventTrackers: { trackingId: string; events: Record<string, unknown>[] }[];
  importJobs: { jobName: string; status: string; failureReason?: string }[];
  buckets: { name: string; objects: { key: string; size: number; etag: string }[] }[];
}

/**
 * An interactions CSV of at least `bytes` bytes, of the schema of examples/local-endpoint/interactions-schema.json:
 * distinct rows, so that FULL and INCREMENTAL imports count them all.
 */
export function interactionsCsvOf(bytes: number, salt = ''): { text: string; rows: number } {
  const lines = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE'];
  let size = lines[0]?.length ?? 0;
  let rows = 0;
  while (size < bytes) {
    const line = `user${rows % 500}${salt},item${rows % 3000},${1_735_689_600 + rows},watch`;
    lines.push(line);
    size += line.length + 1;
    rows++;
  }
  return { text: `${lines.join('\n')}\n`, rows };
}
