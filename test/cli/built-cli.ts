/**
 * Runs the BUILT CLI as a subprocess, as users and scripts do. The build goes to `.tmp/cli-test/` (with a
 * package.json named `personalize-import`, so the CLI's import of the package resolves there by self-reference),
 * never to `dist/`, so that tests never race another build of the real output. It is built once per change of
 * `src/`: the first test file to get the lock builds, the others wait for it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { build, type Options } from 'tsup';
import config from '../../tsup.config.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BUILD_DIR = join(ROOT, '.tmp/cli-test');
export const CLI = join(BUILD_DIR, 'dist/cli.js');
const STAMP = join(BUILD_DIR, 'stamp');
const LOCK = join(ROOT, '.tmp/cli-test.lock');

function sourceStamp(dir = join(ROOT, 'src')): number {
  let newest = statSync(join(ROOT, 'tsup.config.ts')).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? sourceStamp(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function upToDate(stamp: string): boolean {
  return existsSync(CLI) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === stamp;
}

async function buildOnce(stamp: string): Promise<void> {
  rmSync(join(BUILD_DIR, 'dist'), { recursive: true, force: true });
  mkdirSync(BUILD_DIR, { recursive: true });
  writeFileSync(
    join(BUILD_DIR, 'package.json'),
    JSON.stringify({
      name: 'personalize-import',
      version: '0.0.0-test',
      type: 'module',
      exports: { '.': './dist/index.js', './testing': './dist/testing.js' },
    }),
  );
  // ESM only and no declarations: what the CLI runs on, in about a second.
  for (const entry of config as Options[]) {
    await build({
      ...entry,
      format: ['esm'],
      dts: false,
      sourcemap: false,
      clean: false,
      silent: true,
      outDir: join(BUILD_DIR, 'dist'),
      config: false,
    });
  }
  writeFileSync(STAMP, stamp);
}

/** Builds the CLI into `.tmp/cli-test` unless it is up to date with `src/`. */
export async function ensureBuilt(): Promise<void> {
  const stamp = String(sourceStamp());
  if (upToDate(stamp)) return;
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Another test file is building: wait for it, then use its build. A lock older than a build can take was left
      // by a run that died mid-build: take it over.
      const lockedAt = statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - lockedAt > 60_000) rmSync(LOCK, { recursive: true, force: true });
      await delay(100);
      if (upToDate(stamp)) return;
    }
  }
  try {
    if (!upToDate(stamp)) await buildOnce(stamp);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** What a finished run of the CLI left. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Environment of every run: no real AWS settings leak in from the machine. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  return { ...env, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', ...extra };
}

/** Starts the CLI with `args`; stdin is closed, stdout and stderr are pipes (not terminals). */
export function startCli(
  args: readonly string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env: cliEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Collects a started CLI's output until it exits. */
export function finished(child: ChildProcess): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  return new Promise((resolvePromise, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** Runs the CLI to its end. */
export function runCli(
  args: readonly string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): Promise<CliRun> {
  return finished(startCli(args, options));
}

/** Resolves once `stream` has printed text matching `pattern`, with everything printed so far. */
export function waitForOutput(stream: NodeJS.ReadableStream, pattern: RegExp): Promise<string> {
  let text = '';
  return new Promise((resolvePromise, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (pattern.test(text)) {
        stream.off('data', onData);
        resolvePromise(text);
      }
    };
    stream.on('data', onData);
    stream.once('end', () => reject(new Error(`stream ended before ${pattern}: ${text}`)));
  });
}

/**
 * Puts the fake transport module (fixtures/fake-transport.mjs) beside the built CLI and returns the environment
 * that makes the CLI use it instead of AWS.
 */
export function fakeTransportHook(): Record<string, string> {
  const module = join(BUILD_DIR, 'fake-transport.mjs');
  copyFileSync(join(import.meta.dirname, 'fixtures/fake-transport.mjs'), module);
  return { PERSONALIZE_IMPORT_CLI_TRANSPORT_MODULE: module };
}
