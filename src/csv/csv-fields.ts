/**
 * Reading one field of a record that holds a quote: the slow path of the tokenizer, byte by byte.
 * @module
 */
import { FIELD_ESCAPED, FIELD_MALFORMED, FIELD_NEWLINE, FIELD_QUOTED, FIELD_UNCLOSED } from './csv-record.js';

const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const BACKSLASH = 92;

/** The field `readQuoted`/`readPlain` just read: its content, flags, line breaks, and the offset after it. */
export const scratch = { start: 0, end: 0, next: 0, flags: 0, lines: 0 };

/** Reads an unquoted field at `from`; false when it may go on in the next chunk. */
export function readPlain(buf: Buffer, from: number, final: boolean): boolean {
  const len = buf.length;
  let next = from;
  while (next < len && buf[next] !== COMMA && buf[next] !== LF) next++;
  if (next >= len && !final) return false;
  let end = next;
  // Only the last field of a line loses a CR before the LF; a CR before a comma is data.
  if (buf[next] !== COMMA && end > from && buf[end - 1] === CR) end--;
  scratch.start = from;
  scratch.end = end;
  scratch.next = next;
  scratch.flags = 0;
  scratch.lines = 0;
  return true;
}

/** Reads a quoted field whose opening quote is at `quote`; false when it may go on in the next chunk. */
export function readQuoted(buf: Buffer, quote: number, final: boolean): boolean {
  const len = buf.length;
  if (!scanQuoted(buf, quote + 1, final)) return false;
  let next = Math.min(scratch.end + 1, len);
  // The byte after the closing quote (and the one after a CR) decide what follows: wait until both are here.
  if (next + 1 >= len && !final) return false;
  const after = buf[next];
  if (next < len && after !== COMMA && after !== LF && !(after === CR && buf[next + 1] === LF)) {
    scratch.flags |= FIELD_MALFORMED;
    while (next < len && buf[next] !== COMMA && buf[next] !== LF) next++;
    if (next >= len && !final) return false;
  }
  if (next < len && buf[next] === CR) next++;
  scratch.start = quote + 1;
  scratch.next = next;
  return true;
}

/** Scans a quoted field's content from `from` to its closing quote (or the end of input, if unclosed). */
function scanQuoted(buf: Buffer, from: number, final: boolean): boolean {
  const len = buf.length;
  let flags = FIELD_QUOTED;
  let lines = 0;
  let j = from;
  for (;;) {
    if (j >= len) {
      if (!final) return false;
      flags |= FIELD_MALFORMED | FIELD_UNCLOSED;
      // The file's final line break ends its last line; it does not start another one.
      if (lines > 0 && buf[len - 1] === LF) lines--;
      break;
    }
    const b = buf[j];
    if (b === QUOTE) {
      if (j + 1 >= len && !final) return false;
      if (buf[j + 1] !== QUOTE) break;
      flags |= FIELD_ESCAPED;
      j += 2;
    } else if (b === BACKSLASH) {
      if (j + 1 >= len && !final) return false;
      if (buf[j + 1] === LF) {
        lines++;
        flags |= FIELD_NEWLINE;
      }
      flags |= FIELD_ESCAPED;
      j += 2;
    } else {
      if (b === LF) {
        lines++;
        flags |= FIELD_NEWLINE;
      }
      j++;
    }
  }
  scratch.end = Math.min(j, len);
  scratch.flags = flags;
  scratch.lines = lines;
  return true;
}
