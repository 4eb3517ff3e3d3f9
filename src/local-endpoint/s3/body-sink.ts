/**
 * Where a received S3 body goes: memory up to a bound, then one spill file that holds the whole body (what was in
 * memory is written first), so that a large upload never sits in memory.
 * @module
 */
import { type FileHandle, open, rm } from 'node:fs/promises';
import type { ObjectSegment } from '../../transport/memory/memory-objects.js';
import type { SpillDirectory } from './spill-directory.js';

interface SpillFile {
  readonly path: string;
  readonly handle: FileHandle;
  size: number;
}

/** Where the bytes go: memory until `memoryBytes`, then one file. */
export class BodySink {
  #buffers: Buffer[] = [];
  #memory = 0;
  #file: SpillFile | undefined;

  constructor(
    /** Bytes kept in memory; past them the whole body goes to one file of `spill`. */
    readonly memoryBytes: number,
    readonly spill: SpillDirectory,
  ) {}

  async write(bytes: Buffer): Promise<void> {
    if (this.#file === undefined && this.#memory + bytes.length <= this.memoryBytes) {
      this.#buffers.push(bytes);
      this.#memory += bytes.length;
      return;
    }
    if (this.#file === undefined) {
      const path = await this.spill.newFile();
      this.#file = { path, handle: await open(path, 'w'), size: 0 };
      // What was in memory goes first, so that the file holds the body from its start.
      for (const buffer of this.#buffers) await this.#append(buffer);
      this.#buffers = [];
      this.#memory = 0;
    }
    await this.#append(bytes);
  }

  async #append(bytes: Buffer): Promise<void> {
    const file = this.#file as SpillFile;
    // A write may take fewer bytes than given: write the rest.
    for (let at = 0; at < bytes.length; ) {
      const { bytesWritten } = await file.handle.write(bytes, at, bytes.length - at);
      at += bytesWritten;
    }
    file.size += bytes.length;
  }

  /** The body's segments once every byte is in. */
  async finish(): Promise<ObjectSegment[]> {
    if (this.#file === undefined) return this.#memory === 0 ? [] : [{ bytes: Buffer.concat(this.#buffers) }];
    await this.#file.handle.close();
    return [{ file: this.#file.path, size: this.#file.size }];
  }

  /** Drops what was received (the file, when there is one). */
  async discard(): Promise<void> {
    this.#buffers = [];
    if (this.#file === undefined) return;
    await this.#file.handle.close().catch(() => {});
    await rm(this.#file.path, { force: true });
  }
}
