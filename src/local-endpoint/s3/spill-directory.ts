/**
 * The temporary directory where the endpoint's S3 keeps bodies over `objectSpillBytes`, made on first use and
 * removed, with every file in it, when the endpoint closes.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Files for spilled bodies, in one directory of the system's temporary directory (`TMPDIR`). */
export class SpillDirectory {
  #directory: Promise<string> | undefined;
  #closed = false;

  /** A new file path in the directory (the file is not created). */
  async newFile(): Promise<string> {
    if (this.#closed) throw new Error('The local endpoint has closed: it spills no more bodies to disk');
    this.#directory ??= mkdtemp(join(tmpdir(), 'personalize-import-s3-'));
    return join(await this.#directory, randomUUID());
  }

  /** Removes the directory and every file in it; objects spilled there can no longer be read. */
  async remove(): Promise<void> {
    this.#closed = true;
    const directory = await this.#directory?.catch(() => undefined);
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  }
}
