/**
 * The `--rejected` file of `put`: one JSON line per record that did not get in (invalid here, rejected by the
 * service, or undelivered), with its line in the source file and the reason. `put` reads such a file back as it is,
 * so once the records are fixed the file can be sent again.
 *
 * A write failure (a full disk, `/dev/full`) never ends the run: the file stops taking lines, `failure` says why,
 * and `put` still reports what it delivered.
 * @module
 */

import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import type { RecordKind } from './library.js';

/** One line of the rejected file. */
export interface RejectedLine {
  /** Line of the record in the source file. */
  line: number | undefined;
  kind: RecordKind;
  /** `RECORD_VALIDATION` and `UNREADABLE` (refused here), `INVALID_INPUT` … (the service), `THROTTLED` … (undelivered). */
  code: string;
  /** Why. */
  message: string;
  /** The record (times as ISO strings); absent when the line could not be read at all. */
  record?: unknown;
  /** True when `record` holds a CSV row's cells as text: read back, they are converted as CSV cells are. */
  csv?: boolean;
}

/** The entry as one JSON line; a record JSON cannot write (nested too deep for the stack) is left out, saying so. */
function lineText(entry: RejectedLine): string {
  try {
    return JSON.stringify(entry);
  } catch {
    const { record: _left, ...rest } = entry;
    return JSON.stringify({ ...rest, message: `${entry.message} (the record is too deeply nested to write here)` });
  }
}

/** Writes rejected lines, honouring the stream's backpressure. A no-op without a path. */
export class RejectedFile {
  readonly path: string | undefined;
  readonly #stream: WriteStream | undefined;
  #written = 0;
  #failure: string | undefined;

  /**
   * Opens `path` (check it first with `checkOutputFile`): truncated, or appended to when `append` (a resumed run
   * keeps the lines of the run it resumes).
   */
  constructor(path: string | undefined, options: { append?: boolean } = {}) {
    this.path = path;
    if (path === undefined) return;
    this.#stream = createWriteStream(path, { encoding: 'utf8', flags: options.append === true ? 'a' : 'w' });
    this.#stream.on('error', (error: NodeJS.ErrnoException) => {
      this.#failure ??= `could not write ${path}: ${error.code ?? error.message}`;
    });
  }

  /** Lines written. */
  get written(): number {
    return this.#written;
  }

  /** Why the file could not be written, once a write failed: the lines from then on are not in it. */
  get failure(): string | undefined {
    return this.#failure;
  }

  /** Appends one line; after a failure, does nothing. */
  async write(entry: RejectedLine): Promise<void> {
    const stream = this.#stream;
    if (stream === undefined || this.#failure !== undefined) return;
    this.#written += 1;
    if (!stream.write(`${lineText(entry)}\n`)) await this.#drained(stream);
  }

  async #drained(stream: WriteStream): Promise<void> {
    const failed = once(stream, 'error').then(() => undefined);
    await Promise.race([once(stream, 'drain'), failed, once(stream, 'close')]);
  }

  /** Flushes and closes the file; resolves even when a write failed (see `failure`). */
  async close(): Promise<void> {
    const stream = this.#stream;
    if (stream === undefined) return;
    if (stream.destroyed) return;
    await new Promise<void>((resolve) => {
      stream.once('error', () => resolve());
      stream.once('close', () => resolve());
      stream.end();
    });
  }
}
