/**
 * The fast path of `validateCsv`: a line whose every value passes its check is split, checked and counted in one pass
 * over its bytes; a text value may be quoted (on one line, closed right before a comma or the line break). Any other
 * line (a value that may be wrong, another quote, a wrong field count, an event type not seen yet or quoted, the users
 * still being counted) is declined before anything is counted, and the full path
 * (tokenizer record, `checkRow`, the counters) reads it: the fast path only takes lines on which the full path would
 * report nothing, and counts them as it would.
 * @module
 */
import {
  MAX_CATEGORICAL_VALUE_LENGTH,
  MAX_ID_LENGTH,
  MAX_PLAUSIBLE_TIMESTAMP_SECONDS,
  MAX_TEXTUAL_VALUE_LENGTH_CJK,
  MIN_MILLISECOND_TIMESTAMP,
} from '../limits.js';
import { type ColumnSpec, VALUE_CHECK } from './header-checks.js';
import type { EventTypeCounter } from './interaction-stats.js';
import { INT_MAX } from './row-checks.js';

const COMMA = 44;
const LF = 10;
const CR = 13;
const DOT = 46;
const ZERO = 48;
const QUOTE = 34;
const BACKSLASH = 92;

/** How the fast path reads a column's values. */
const READ = { text: 0, integer: 1, decimal: 2, slow: 3 } as const;
type Read = (typeof READ)[keyof typeof READ];

/** Digits of an integer the fast path reads: below 2^53, so the value is exact. */
const MAX_FAST_DIGITS = 15;

/** Tells the tokenizer how many plain lines were taken whole. */
export interface PlainLineReader {
  /**
   * Reads the lines from `start` (the first one's 1-based line number is `line`) up to `stop`, at most `maxLines` of
   * them, until one it declines or the first without a line break before `stop`. Returns the
   * offset after the last line it took (checked and counted; `start` when none), and sets `taken` to their number.
   * A declined line is left whole to the full path (nothing of it counted).
   */
  readLines(buf: Buffer, start: number, stop: number, line: number, maxLines?: number): number;
  /** Lines taken by the last `readLines`. */
  readonly taken: number;
}

/** What the fast path needs of the validation run: its counters, which it updates only for the lines it takes. */
export interface PlainRowTarget {
  /** Data rows read so far. */
  rows: number;
  /** The last line read. */
  lines: number;
  /** True while the training users are being counted (the full path must see every user id then). */
  readonly countingUsers: boolean;
}

/**
 * Whether the fast path can take any line of a file with these columns: not when a column it cannot read (a boolean,
 * a float timestamp, …) must hold a value, since it would scan every line up to that column and decline it.
 */
export function plainRowsPossible(columns: readonly ColumnSpec[]): boolean {
  return columns.every((column) => column.nullable || readOf(column) !== READ.slow);
}

/** The fast path for one file's columns (built once the header is read). */
export class PlainRowReader implements PlainLineReader {
  private readonly reads: Uint8Array;
  private readonly nullable: Uint8Array;
  /** Longest value, in bytes, that needs no check of its length. */
  private readonly maxBytes: Int32Array;
  /** Largest integer value that needs no further check. */
  private readonly maxValue: Float64Array;

  constructor(
    columns: readonly ColumnSpec[],
    private readonly target: PlainRowTarget,
    private readonly eventTypes: EventTypeCounter | undefined,
    private readonly eventTypeIndex: number,
  ) {
    const n = columns.length;
    this.reads = new Uint8Array(n);
    this.nullable = new Uint8Array(n);
    this.maxBytes = new Int32Array(n);
    this.maxValue = new Float64Array(n);
    for (let c = 0; c < n; c++) {
      const column = columns[c] as ColumnSpec;
      this.reads[c] = readOf(column);
      this.nullable[c] = column.nullable ? 1 : 0;
      this.maxBytes[c] = maxBytesOf(column);
      this.maxValue[c] = maxValueOf(column);
    }
  }

  taken = 0;
  /** A view of the last buffer read, for the 4-byte reads of the text scan. */
  private view: DataView = new DataView(new ArrayBuffer(0));
  private viewOf: Buffer | undefined;

  /**
   * Reads one line (`readLines` with `maxLines` 1): the offset of its line break when it took it, -1 when it declined
   * it (nothing counted).
   */
  read(buf: Buffer, start: number, stop: number, line: number): number {
    const next = this.readLines(buf, start, stop, line, 1);
    return this.taken === 1 ? next - 1 : -1;
  }

  readLines(buf: Buffer, start: number, stop: number, line: number, maxLines = Number.POSITIVE_INFINITY): number {
    this.taken = 0;
    // Only the full path's rows change this: it holds for every line of one call.
    if (this.target.countingUsers) return start;
    if (this.viewOf !== buf) {
      this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
      this.viewOf = buf;
    }
    const view = this.view;
    const reads = this.reads;
    const nullable = this.nullable;
    const maxBytes = this.maxBytes;
    const maxValue = this.maxValue;
    const eventTypes = this.eventTypes;
    const last = reads.length - 1;
    const e = this.eventTypeIndex;
    let taken = 0;
    let lineStart = start;
    lines: while (taken < maxLines) {
      let eventStart = 0;
      let eventEnd = 0;
      let i = lineStart;
      for (let c = 0; c <= last; c++) {
        const fieldStart = i;
        const read = reads[c] as Read;
        let b = 0;
        if (read === READ.integer) {
          let value = 0;
          // Four bytes at a time. A byte is flagged when it is below '0' (a borrow) or above '9' (adding 0x46 sets its
          // high bit, as any byte from 0x80 has it): the lowest flagged byte is the first that is not a digit.
          let found = false;
          while (i + 4 <= stop) {
            const word = view.getInt32(i, true);
            const d = word - 0x30303030;
            const other = (((d & ~word) | (word + 0x46464646) | word) & 0x80808080) | 0;
            if (other === 0) {
              value =
                value * 10000 + (d & 0xff) * 1000 + ((d >> 8) & 0xff) * 100 + ((d >> 16) & 0xff) * 10 + (d >>> 24);
              i += 4;
              continue;
            }
            // The k digits before it are exact in d (no borrow reaches them from below).
            const k = (31 - Math.clz32(other & -other)) >> 3;
            for (let n = 0; n < k; n++) value = value * 10 + ((d >> (n << 3)) & 0xff);
            i += k;
            b = (word >>> (k << 3)) & 0xff;
            found = true;
            break;
          }
          if (!found) {
            for (; i < stop; i++) {
              b = buf[i] as number;
              const d = b - ZERO;
              if (d < 0 || d > 9) break;
              value = value * 10 + d;
            }
          }
          if (i - fieldStart > MAX_FAST_DIGITS || value > (maxValue[c] as number)) break lines;
        } else if (read === READ.decimal) {
          for (; i < stop; i++) {
            b = buf[i] as number;
            if (b - ZERO < 0 || b - ZERO > 9) break;
          }
          if (b === DOT && i < stop) {
            for (i++; i < stop; i++) {
              b = buf[i] as number;
              if (b - ZERO < 0 || b - ZERO > 9) break;
            }
            // A lone "." is not a number.
            if (i - fieldStart === 1) break lines;
          }
        } else {
          // Four bytes at a time: a word none of whose bytes is below 45 (a comma, a line break, a quote, any other
          // byte up to the comma) is data. The lowest flagged byte is the first such byte (a borrow only runs upwards).
          let found = false;
          while (i + 4 <= stop) {
            const word = view.getInt32(i, true);
            const low = ((word - 0x2d2d2d2d) & ~word & 0x80808080) | 0;
            if (low === 0) {
              i += 4;
              continue;
            }
            const k = (31 - Math.clz32(low & -low)) >> 3;
            i += k;
            b = (word >>> (k << 3)) & 0xff;
            if (b === COMMA || b === LF || (b === QUOTE && i === fieldStart)) {
              found = true;
              break;
            }
            i++;
          }
          if (!found) {
            for (; i < stop; i++) {
              b = buf[i] as number;
              // Every byte above the comma is data: one comparison for most bytes.
              if (b > COMMA) continue;
              if (b === COMMA || b === LF || (b === QUOTE && i === fieldStart)) break;
            }
          }
          // A quote inside an unquoted value is data; one that opens it starts a quoted value.
          if (b === QUOTE && i < stop) {
            if (read !== READ.text || c === e) break lines;
            i = quotedEnd(buf, i, stop, c === last);
            if (i < 0) break lines;
            const bytes = closing - fieldStart - 1;
            if (bytes === 0 ? nullable[c] === 0 : bytes > (maxBytes[c] as number)) break lines;
            i++;
            continue;
          }
        }
        if (i >= stop) break lines;
        let end = i;
        if (c === last) {
          // The line's end: a line break, after a CR or not (a CR is dropped only before the line break).
          if (b === CR && read !== READ.text) {
            if (i + 1 >= stop || buf[i + 1] !== LF) break lines;
            i++;
          } else if (b !== LF) break lines;
          else if (end > fieldStart && buf[end - 1] === CR) end--;
        } else if (b !== COMMA) break lines;
        const bytes = end - fieldStart;
        if (bytes === 0) {
          if (nullable[c] === 0) break lines;
        } else if (read === READ.slow || bytes > (maxBytes[c] as number)) break lines;
        if (c === e) {
          eventStart = fieldStart;
          eventEnd = end;
        }
        i++;
      }
      const lf = i - 1;
      // A line with nothing on it is a blank line, not a row of one empty value.
      if (lf === lineStart || (lf === lineStart + 1 && buf[lineStart] === CR)) break;
      if (
        eventTypes !== undefined &&
        e >= 0 &&
        eventStart < eventEnd &&
        !eventTypes.addKnown(buf, eventStart, eventEnd, view)
      ) {
        break;
      }
      taken++;
      lineStart = i;
    }
    this.taken = taken;
    if (taken > 0) {
      this.target.rows += taken;
      this.target.lines = line + taken - 1;
    }
    return lineStart;
  }
}

/** Offset of the closing quote of the last `quotedEnd` that found one. */
let closing = 0;

/**
 * The quoted text value whose opening quote is at `quote`, read as the tokenizer reads one (`\` escapes the next
 * byte, `""` is a quote): the offset of the comma or line break after it (its closing quote at `closing`), or -1 when
 * the full path must read it (not closed before `stop` or a line break, or not followed by a comma, or by the line
 * break after the `last` value, a CR before it or not).
 */
function quotedEnd(buf: Buffer, quote: number, stop: number, last: boolean): number {
  let j = quote + 1;
  for (;;) {
    if (j >= stop) return -1;
    const q = buf[j] as number;
    if (q === QUOTE) {
      if (j + 1 < stop && buf[j + 1] === QUOTE) {
        j += 2;
        continue;
      }
      break;
    }
    // A line break inside quotes makes a multi-line record: the full path's.
    if (q === LF || (q === BACKSLASH && (j + 1 >= stop || buf[j + 1] === LF))) return -1;
    j += q === BACKSLASH ? 2 : 1;
  }
  closing = j;
  let next = j + 1;
  if (next >= stop) return -1;
  const b = buf[next] as number;
  if (last) {
    if (b === CR && next + 1 < stop && buf[next + 1] === LF) next++;
    else if (b !== LF) return -1;
  } else if (b !== COMMA) return -1;
  return next;
}

function readOf(column: ColumnSpec): Read {
  if (column.check === VALUE_CHECK.none || column.check === VALUE_CHECK.string) return READ.text;
  if (column.isTimestamp && column.check !== VALUE_CHECK.integer) return READ.slow;
  if (column.check === VALUE_CHECK.integer) return READ.integer;
  if (column.check === VALUE_CHECK.decimal) return READ.decimal;
  return READ.slow;
}

/** No bound: larger than any record the tokenizer holds. */
const UNBOUNDED = 2 ** 31 - 1;

function maxBytesOf(column: ColumnSpec): number {
  if (column.check !== VALUE_CHECK.string) return UNBOUNDED;
  let max = UNBOUNDED;
  if (column.isId) max = Math.min(max, MAX_ID_LENGTH);
  if (column.field?.categorical) max = Math.min(max, MAX_CATEGORICAL_VALUE_LENGTH);
  if (column.field?.textual) max = Math.min(max, MAX_TEXTUAL_VALUE_LENGTH_CJK);
  return max;
}

function maxValueOf(column: ColumnSpec): number {
  let max = column.type === 'int' ? INT_MAX : Number.POSITIVE_INFINITY;
  if (column.isTimestamp) max = Math.min(max, MIN_MILLISECOND_TIMESTAMP - 1, MAX_PLAUSIBLE_TIMESTAMP_SECONDS);
  return max;
}
