/**
 * Where the CLI writes: human progress and messages on stderr (a progress bar on a terminal, plain periodic lines
 * otherwise, nothing but warnings and errors with `--quiet`), and the result on stdout (exactly one JSON document
 * with `--json`, a few human lines without). Every line is made safe first (one line, values cut, secrets redacted:
 * see safe-text.ts), and every string of a JSON document is redacted.
 * @module
 */
import type { Writable } from 'node:stream';
import { redact, safeLine } from './safe-text.js';
import { TerminalBar } from './terminal-bar.js';

/** A stream that may be a terminal. */
export type OutputStream = Writable & { isTTY?: boolean; columns?: number };

/** How the CLI writes. */
export interface OutputConfiguration {
  /** Print the result as one JSON document on stdout, and nothing else there. @default false */
  json: boolean;
  /** No progress and no informational lines on stderr; warnings and errors still go there. @default false */
  quiet: boolean;
  /** Error lines may include record contents. @default false */
  verbose: boolean;
  /** Where the result goes. @default process.stdout (read when the `Output` is made) */
  stdout: OutputStream;
  /** Where progress, warnings and errors go; a terminal gets a progress bar. @default process.stderr */
  stderr: OutputStream;
  /** Time between two plain progress lines when stderr is not a terminal, in ms. @default 2000 */
  plainIntervalMs: number;
  /** The time, in ms since the epoch, for progress rates and intervals (tests pass a fake). @default Date.now */
  now: () => number;
}

/** Options of an `Output`: any of {@link OutputConfiguration}. */
export type OutputOptions = Partial<OutputConfiguration>;

/**
 * The defaults of {@link OutputConfiguration}. The streams are getters, so that an `Output` made after a test swapped
 * `process.stdout` writes to the swapped one.
 */
export const outputDefaults = {
  json: false,
  quiet: false,
  verbose: false,
  get stdout(): OutputStream {
    return process.stdout;
  },
  get stderr(): OutputStream {
    return process.stderr;
  },
  plainIntervalMs: 2000,
  now: Date.now,
} as const satisfies OutputConfiguration;

/** A running progress display. */
export interface Progress {
  /** Moves to `value` (of `total`), with `details` shown after the bar (e.g. `"1,200 delivered, 3 rejected"`). */
  update(value: number, details?: string): void;
  /** Ends the display, leaving a last line. */
  stop(details?: string): void;
}

const NO_PROGRESS: Progress = { update() {}, stop() {} };

/** Formats a rate of records per second: `12 records/s`, `1,234 records/s`. */
export function recordRate(recordsPerSecond: number): string {
  return `${Math.round(recordsPerSecond).toLocaleString('en-US')} records/s`;
}

/** Formats a rate of bytes per second: `512 B/s`, `3.4 KB/s`, `12.7 MB/s`. */
export function byteRate(bytesPerSecond: number): string {
  if (bytesPerSecond < 1024) return `${Math.round(bytesPerSecond)} B/s`;
  if (bytesPerSecond < 1024 * 1024) return `${(bytesPerSecond / 1024).toFixed(1)} KB/s`;
  return `${(bytesPerSecond / (1024 * 1024)).toFixed(1)} MB/s`;
}

/** Formats a count with thousands separators, the same on every machine. */
export function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** The CLI's writer of progress, messages and results. */
export class Output {
  readonly json: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
  readonly #stdout: OutputStream;
  readonly #stderr: OutputStream;
  readonly #plainIntervalMs: number;
  readonly #now: () => number;
  #active: Progress | undefined;
  /** The bar being drawn on the terminal, cleared before any other line and redrawn after it. */
  #bar: TerminalBar | undefined;

  constructor(options: OutputOptions = {}) {
    const resolved: OutputConfiguration = { ...outputDefaults, ...options };
    this.json = resolved.json;
    this.quiet = resolved.quiet;
    this.verbose = resolved.verbose;
    this.#stdout = resolved.stdout;
    this.#stderr = resolved.stderr;
    this.#plainIntervalMs = resolved.plainIntervalMs;
    this.#now = resolved.now;
  }

  /** True when stderr is a terminal (a progress bar is drawn). */
  get isTerminal(): boolean {
    return this.#stderr.isTTY === true;
  }

  /** An informational line on stderr (not with `--quiet`). */
  info(message: string): void {
    if (!this.quiet) this.#line(message);
  }

  /** A warning on stderr, even with `--quiet`. */
  warn(message: string): void {
    this.#line(`warning: ${message}`);
  }

  /** An error line on stderr, always. */
  error(message: string): void {
    this.#line(`error: ${message}`);
  }

  /** The command's result: `value` as JSON with `--json`, else the `human` lines. Call once per command. */
  result(value: unknown, human: readonly string[]): void {
    this.#stopActive();
    if (this.json) this.#stdout.write(`${JSON.stringify(value, safeJsonValue, 2)}\n`);
    else if (human.length > 0) this.#stdout.write(`${human.map((line) => safeLine(line)).join('\n')}\n`);
  }

  /**
   * The command's result as one line of JSON on stdout, with or without `--json`: for a program to read as soon as
   * it comes (`serve` prints its URL so, then runs on). Call once per command, instead of `result`.
   */
  resultLine(value: unknown): void {
    this.#stopActive();
    this.#stdout.write(`${JSON.stringify(value, safeJsonValue)}\n`);
  }

  /**
   * Starts a progress display of `label` towards `total` (bytes by default; `rate` formats the rate of another
   * unit); a no-op with `--quiet`.
   */
  progress(label: string, total: number, rate: (perSecond: number) => string = byteRate): Progress {
    this.#stopActive();
    if (this.quiet) return NO_PROGRESS;
    this.#active = this.isTerminal ? this.#startBar(label, total, rate) : this.#plain(label, total, rate);
    return this.#active;
  }

  #line(message: string): void {
    // A bar redraws its own line: clear it first so the message does not land in the middle of it, then draw the
    // bar again under the message.
    this.#bar?.clear();
    this.#stderr.write(`${safeLine(message)}\n`);
    this.#bar?.redraw();
  }

  #stopActive(): void {
    this.#active?.stop();
    this.#active = undefined;
  }

  #startBar(label: string, total: number, rate: (perSecond: number) => string): Progress {
    const bar = new TerminalBar(this.#stderr, { label: safeLine(label), total, now: this.#now, rate });
    this.#bar = bar;
    bar.redraw();
    let stopped = false;
    return {
      update: (value, details = '') => {
        if (!stopped) bar.update(value, details);
      },
      stop: (details) => {
        if (stopped) return;
        stopped = true;
        this.#bar = undefined;
        bar.stop(details);
        if (this.#active !== undefined) this.#active = undefined;
      },
    };
  }

  /** The average rate since `start`, for a value reached now. */
  #rateSince(start: number, format: (perSecond: number) => string): (value: number) => string {
    return (value) => format((value * 1000) / Math.max(1, this.#now() - start));
  }

  #plain(label: string, total: number, format: (perSecond: number) => string): Progress {
    let last = this.#now();
    const rate = this.#rateSince(last, format);
    let latest = { value: 0, details: '' };
    let stopped = false;
    const print = () => {
      const pct = total > 0 ? ` ${Math.floor((100 * Math.min(latest.value, total)) / total)}% |` : '';
      const details = latest.details === '' ? '' : ` | ${latest.details}`;
      this.#stderr.write(`${safeLine(`${label}:${pct} ${rate(latest.value)}${details}`)}\n`);
    };
    return {
      update: (value, details = '') => {
        latest = { value, details };
        if (stopped || this.#now() - last < this.#plainIntervalMs) return;
        last = this.#now();
        print();
      },
      stop: (details) => {
        if (stopped) return;
        stopped = true;
        latest = { value: latest.value, details: details ?? latest.details };
        print();
      },
    };
  }
}

/** Keys of a JSON document whose values are messages: cut like any printed line. */
const MESSAGE_KEYS = new Set(['message', 'failureReason']);

/** `JSON.stringify` replacer: redacts every string; a message is also folded to one line and its values cut. */
function safeJsonValue(key: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return MESSAGE_KEYS.has(key) ? safeLine(value) : redact(value);
}
