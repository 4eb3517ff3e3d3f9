/**
 * The `--rejected` file of `put`: one JSON line per record that did not get in (invalid here, rejected by the
 * service, or undelivered), with its line in the source file and the reason. `put` reads such a file back as it is,
 * so once the records are fixed the file can be sent again.
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
}

/** Writes rejected lines, honouring the stream's backpressure. A no-op without a path. */
export class RejectedFile {
  readonly path: string | undefined;
  readonly #stream: WriteStream | undefined;
  #written = 0;

  constructor(path: string | undefined) {
    this.path = path;
    this.#stream = path === undefined ? undefined : createWriteStream(path, { encoding: 'utf8' });
  }

  /** Lines written. */
  get written(): number {
    return this.#written;
  }

  /** Appends one line. */
  async write(entry: RejectedLine): Promise<void> {
    if (this.#stream === undefined) return;
    this.#written += 1;
    if (!this.#stream.write(`${JSON.stringify(entry)}\n`)) await once(this.#stream, 'drain');
  }

  /** Flushes and closes the file. */
  async close(): Promise<void> {
    const stream = this.#stream;
    if (stream === undefined) return;
    await new Promise<void>((resolve, reject) => {
      stream.once('error', reject);
      stream.end(() => resolve());
    });
  }
}
