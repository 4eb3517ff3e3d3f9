/**
 * Turns what `validateCsv` accepts (a path, a Node Readable, any async iterable of bytes) into chunks of bytes.
 * @module
 */
import { createReadStream } from 'node:fs';

/** A CSV source: a file path, or a stream of bytes (a Node `Readable` is an `AsyncIterable`). */
export type CsvSource = string | AsyncIterable<Uint8Array | string>;

/** Bytes read from a file per chunk: large chunks keep the per-chunk overhead negligible. */
const FILE_CHUNK_BYTES = 1024 * 1024;

/** Yields the source's bytes chunk by chunk. */
export async function* readChunks(source: CsvSource): AsyncGenerator<Uint8Array> {
  const iterable = typeof source === 'string' ? createReadStream(source, { highWaterMark: FILE_CHUNK_BYTES }) : source;
  for await (const chunk of iterable as AsyncIterable<Uint8Array | string>) {
    yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
  }
}
