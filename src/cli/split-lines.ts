/**
 * Splits a byte stream into lines in linear time and bounded memory: a line is kept as the list of buffers it spans
 * and decoded once, at its end, so a long line costs its bytes once (appending to a string and searching it again
 * on every read was quadratic). A line longer than the bound is skipped to its end and reported by its length.
 * @module
 */

/** A line of the stream, or the note that one was longer than the bound. */
export type SplitLine = { line: number; bytes: number; text: string } | { line: number; bytes: number; tooLong: true };

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
    const result: SplitLine = tooLong
      ? { line, bytes, tooLong: true }
      : { line, bytes, text: Buffer.concat(parts, length).toString('utf8').replace(/\r$/, '') };
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
