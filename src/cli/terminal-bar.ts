/**
 * A one-line progress bar for a terminal. It draws with a carriage return and an erase of the line only: no save
 * and restore of the cursor (which moved the summary back over the warnings printed while a bar ran), and a line
 * never wider than the terminal (a wrapped line cannot be erased by `\r`).
 * @module
 */
import type { Writable } from 'node:stream';

/** How a {@link TerminalBar} draws. */
export interface TerminalBarConfiguration {
  /** Cells of the bar; the bar is left out when the terminal is too narrow for it. @default 24 */
  barSize: number;
  /** Least time between two redraws on `update`, in ms; `clear`, `redraw` and `stop` always draw. @default 200 */
  redrawMs: number;
}

/** The defaults of {@link TerminalBarConfiguration}. */
export const terminalBarDefaults = { barSize: 24, redrawMs: 200 } as const satisfies TerminalBarConfiguration;

const ERASE_LINE = '\r\x1b[2K';

/** `12s`, `3m 05s`, `2h 07m`; `--` when there is no rate yet. */
export function etaText(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** A bar of `label` towards `total`, with the rate (formatted by `rate`), the ETA and details. */
export class TerminalBar {
  readonly #stream: Writable & { columns?: number };
  readonly #label: string;
  readonly #total: number;
  readonly #now: () => number;
  readonly #rate: (perSecond: number) => string;
  readonly #options: TerminalBarConfiguration;
  readonly #start: number;
  #value = 0;
  #details = '';
  #drawnAt = Number.NEGATIVE_INFINITY;

  constructor(
    stream: Writable & { columns?: number },
    bar: { label: string; total: number; now: () => number; rate: (perSecond: number) => string },
    options: Partial<TerminalBarConfiguration> = {},
  ) {
    this.#stream = stream;
    this.#label = bar.label;
    this.#total = Math.max(bar.total, 1);
    this.#now = bar.now;
    this.#rate = bar.rate;
    this.#options = { ...terminalBarDefaults, ...options };
    this.#start = this.#now();
  }

  /** Moves to `value`, redrawing at most once per `redrawMs`. */
  update(value: number, details: string): void {
    this.#value = Math.min(value, this.#total);
    this.#details = details;
    if (this.#now() - this.#drawnAt >= this.#options.redrawMs) this.redraw();
  }

  /** Erases the bar's line, so that another line can be printed in its place. */
  clear(): void {
    this.#stream.write(ERASE_LINE);
  }

  /** Draws the bar now. */
  redraw(): void {
    this.#drawnAt = this.#now();
    // A pseudo-terminal may report 0 columns: then assume the classic 80.
    const columns = this.#stream.columns ?? 0;
    const width = Math.max(20, (columns > 0 ? columns : 80) - 1);
    this.#stream.write(`${ERASE_LINE}${this.#text().slice(0, width)}`);
  }

  /** Draws the last state and ends the line, leaving the bar above what comes next. */
  stop(details?: string): void {
    if (details !== undefined) this.#details = details;
    this.redraw();
    this.#stream.write('\n');
  }

  #text(): string {
    const fraction = this.#total > 0 ? this.#value / this.#total : 0;
    const filled = Math.round(this.#options.barSize * fraction);
    const bar = '\u2588'.repeat(filled) + '\u2591'.repeat(this.#options.barSize - filled);
    const perSecond = (this.#value * 1000) / Math.max(1, this.#now() - this.#start);
    const eta = perSecond > 0 ? etaText((this.#total - this.#value) / perSecond) : etaText(Number.NaN);
    const details = this.#details === '' ? '' : ` | ${this.#details}`;
    return `${this.#label} [${bar}] ${Math.floor(100 * fraction)}% | ${this.#rate(perSecond)} | ETA ${eta}${details}`;
  }
}
