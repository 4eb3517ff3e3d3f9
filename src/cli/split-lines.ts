/**
 * Splits a byte stream into lines in linear time and bounded memory: a line is kept as the list of buffers it spans
 * and decoded once, at its end, so a long line costs its bytes once (appending to a string and searching it again
 * on every read was quadratic). A line longer than the bound is skipped to its end and reported by its length.
 * @module
 */
import { isUtf8 } from 'node:buffer';

/** A line of the stream, or the note that one was longer than the bound. */
export type SplitLine =
  | { line: number; bytes: number; text: string }
  | { line: number; bytes: number; tooLong: true }
  | { line: number; bytes: number; notUtf8: true };

const NEWLINE = 0x0a;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Yields the lines of `chunks` (without their `\n` or `\r\n`), numbered from 1, with the bytes read so far. A
 * UTF-8 byte-order mark at the very start is dropped.
 */
export async function* splitLines(chunks: AsyncIterable<Buffer>, maxLineBytes: number): AsyncGenerator<SplitLine> {
  let parts: Buffer[] = [];
  let length = 0;
  let tooLong = false;
  let line = 0;
  let bytes = 0;
  let first = true;
  const end = (): SplitLine => {
    line += 1;
    let result: SplitLine;
    if (tooLong) {
      result = { line, bytes, tooLong: true };
    } else {
      const buffer = Buffer.concat(parts, length);
      // Decoding would put U+FFFD in place of a byte that is not UTF-8: the record would change unsaid.
      result = isUtf8(buffer)
        ? { line, bytes, text: buffer.toString('utf8').replace(/\r$/, '') }
        : { line, bytes, notUtf8: true };
    }
    parts = [];
    length = 0;
    tooLong = false;
    return result;
  };
  const add = (piece: Buffer) => {
    if (tooLong) return;
    if (length + piece.length > maxLineBytes) {
      tooLong = true;
      parts = [];
      length = 0;
      return;
    }
    parts.push(piece);
    length += piece.length;
  };
  for await (let chunk of chunks) {
    bytes += chunk.length;
    if (first) {
      first = false;
      if (chunk.subarray(0, 3).equals(BOM)) chunk = chunk.subarray(3);
    }
    let start = 0;
    let newline = chunk.indexOf(NEWLINE, start);
    while (newline !== -1) {
      add(chunk.subarray(start, newline));
      yield end();
      start = newline + 1;
      newline = chunk.indexOf(NEWLINE, start);
    }
    if (start < chunk.length) add(chunk.subarray(start));
  }
  if (length > 0 || tooLong) yield end();
}
