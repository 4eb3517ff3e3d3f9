/**
 * A streaming, byte-level CSV tokenizer for the dialect Personalize reads: `,` between fields, `\n` or `\r\n` between
 * records, double-quoted fields where `\` escapes `"` and `\` (a doubled `""` is accepted too). It never builds
 * strings: it hands each record to a callback as field offsets into a Buffer, so checks decode only what they need.
 *
 * Hand-written because no parser measured here streams this dialect at the target speed (see `docs/validation.md`).
 * A line without any `"` takes a fast path (one `indexOf` for the newline, one byte loop for commas).
 * @module
 */
import { isUtf8 } from 'node:buffer';

/** The field was enclosed in double quotes (offsets exclude them). */
export const FIELD_QUOTED = 1;
/** The quoted field holds an escape sequence (`\"`, `\\` or `""`): decode it with `unescapeField`. */
export const FIELD_ESCAPED = 2;
/** The quoted field holds a line break. */
export const FIELD_NEWLINE = 4;
/** The quote was never closed, or text followed the closing quote. */
export const FIELD_MALFORMED = 8;

const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const BACKSLASH = 92;

/** One record, valid only during the callback: its fields are `buf[starts[i]..ends[i])`. */
export interface CsvRecord {
  buf: Buffer;
  /** 1-based line number where the record starts. */
  line: number;
  /** Lines the record spans (more than 1 when a quoted field holds a line break). */
  lineCount: number;
  fieldCount: number;
  starts: Int32Array;
  ends: Int32Array;
  /** `FIELD_*` bits per field. */
  flags: Uint8Array;
  /** False when the record's bytes are not valid UTF-8. */
  utf8: boolean;
}

/** The tokenizer met a record larger than its limit (usually an unclosed quote swallowing the file). */
export class RecordTooLargeError extends Error {
  constructor(readonly line: number) {
    super(`The record starting on line ${line} is too large`);
    this.name = 'RecordTooLargeError';
  }
}

/** Feeds chunks in with `push`, then `end`; calls `onRecord` for every record, in order. */
export class CsvTokenizer {
  /** True when the input started with a UTF-8 byte order mark (which is skipped). */
  byteOrderMark = false;
  private readonly rec: CsvRecord;
  private pending: Buffer | undefined;
  private started = false;
  private checkEachRecord = false;

  constructor(
    private readonly onRecord: (record: CsvRecord) => void,
    private readonly maxRecordBytes = 16 * 1024 * 1024,
  ) {
    const cap = 16;
    this.rec = {
      buf: Buffer.alloc(0),
      line: 1,
      lineCount: 1,
      fieldCount: 0,
      starts: new Int32Array(cap),
      ends: new Int32Array(cap),
      flags: new Uint8Array(cap),
      utf8: true,
    };
  }

  /** Tokenizes `chunk`; an incomplete last record waits for the next chunk. */
  push(chunk: Uint8Array): void {
    let buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.pending !== undefined) buf = Buffer.concat([this.pending, buf]);
    if (!this.started) {
      if (buf.length < 3) {
        this.pending = Buffer.from(buf);
        return;
      }
      this.started = true;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
        this.byteOrderMark = true;
        buf = buf.subarray(3);
      }
    }
    const consumed = this.parse(buf, false);
    // Copy the tail: a view would keep the whole chunk alive.
    this.pending = consumed < buf.length ? Buffer.from(buf.subarray(consumed)) : undefined;
    if (this.pending !== undefined && this.pending.length > this.maxRecordBytes) {
      throw new RecordTooLargeError(this.rec.line);
    }
  }

  /** Tokenizes what is left: a last record without a final line break. */
  end(): void {
    const rest = this.pending;
    this.pending = undefined;
    if (rest === undefined) return;
    let buf = rest;
    if (!this.started && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
      this.byteOrderMark = true;
      buf = buf.subarray(3);
    }
    this.started = true;
    if (buf.length > 0) this.parse(buf, true);
  }

  /** Emits every complete record of `buf`; returns the offset of the first byte not consumed. */
  private parse(buf: Buffer, final: boolean): number {
    const len = buf.length;
    const lastLf = final ? len : buf.lastIndexOf(LF);
    // One UTF-8 check per chunk; only a chunk that fails it is checked record by record.
    this.checkEachRecord = lastLf > 0 && !isUtf8(buf.subarray(0, lastLf));
    this.rec.buf = buf;
    let pos = 0;
    let nextQuote = buf.indexOf(QUOTE, 0);
    if (nextQuote < 0) nextQuote = len;
    while (pos < len) {
      let lf = buf.indexOf(LF, pos);
      if (lf < 0) {
        if (!final) return pos;
        lf = len;
      }
      if (nextQuote < pos) {
        nextQuote = buf.indexOf(QUOTE, pos);
        if (nextQuote < 0) nextQuote = len;
      }
      let end = lf;
      if (nextQuote >= lf) this.splitPlain(buf, pos, lf);
      else {
        end = this.splitQuoted(buf, pos, final);
        if (end < 0) return pos;
      }
      this.emit(buf, pos, end);
      pos = end + 1;
    }
    return Math.min(pos, len);
  }

  private emit(buf: Buffer, start: number, end: number): void {
    const rec = this.rec;
    rec.utf8 = !this.checkEachRecord || isUtf8(buf.subarray(start, end));
    this.onRecord(rec);
    rec.line += rec.lineCount;
  }

  private grow(): void {
    const cap = this.rec.starts.length * 2;
    const starts = new Int32Array(cap);
    const ends = new Int32Array(cap);
    const flags = new Uint8Array(cap);
    starts.set(this.rec.starts);
    ends.set(this.rec.ends);
    flags.set(this.rec.flags);
    Object.assign(this.rec, { starts, ends, flags });
  }

  private setField(index: number, start: number, end: number, flags: number): void {
    if (index >= this.rec.starts.length) this.grow();
    this.rec.starts[index] = start;
    this.rec.ends[index] = end;
    this.rec.flags[index] = flags;
  }

  /** A line with no quote: split on commas. */
  private splitPlain(buf: Buffer, start: number, lf: number): void {
    let lineEnd = lf;
    if (lineEnd > start && buf[lineEnd - 1] === CR) lineEnd--;
    const rec = this.rec;
    let field = 0;
    let fieldStart = start;
    for (let i = start; i < lineEnd; i++) {
      if (buf[i] === COMMA) {
        if (field >= rec.starts.length) this.grow();
        rec.starts[field] = fieldStart;
        rec.ends[field] = i;
        rec.flags[field] = 0;
        field++;
        fieldStart = i + 1;
      }
    }
    this.setField(field, fieldStart, lineEnd, 0);
    rec.fieldCount = field + 1;
    rec.lineCount = 1;
  }

  /**
   * A record with a quote somewhere: the full state machine. Returns the offset of the record's terminating line
   * break (or `buf.length` at the end of the input), or -1 when the record needs more input.
   */
  private splitQuoted(buf: Buffer, start: number, final: boolean): number {
    const len = buf.length;
    let i = start;
    let field = 0;
    let lines = 1;
    for (;;) {
      let flags = 0;
      let fieldStart = i;
      let fieldEnd: number;
      let next: number;
      if (i < len && buf[i] === QUOTE) {
        const scanned = this.scanQuoted(buf, i + 1, final);
        if (scanned === undefined) return -1;
        ({ flags } = scanned);
        lines += scanned.lines;
        fieldStart = i + 1;
        fieldEnd = scanned.end;
        next = Math.min(scanned.end + 1, len);
        if (next + 1 >= len && !final) return -1;
        if (next < len && buf[next] !== COMMA && buf[next] !== LF && !(buf[next] === CR && buf[next + 1] === LF)) {
          flags |= FIELD_MALFORMED;
          while (next < len && buf[next] !== COMMA && buf[next] !== LF) next++;
        }
        if (next >= len && !final) return -1;
        if (next < len && buf[next] === CR) next++;
      } else {
        next = i;
        while (next < len && buf[next] !== COMMA && buf[next] !== LF) next++;
        if (next >= len && !final) return -1;
        fieldEnd = next;
        if (next < len && buf[next] === COMMA) {
          // not the last field: a CR here is data
        } else if (fieldEnd > fieldStart && buf[fieldEnd - 1] === CR) fieldEnd--;
      }
      this.setField(field++, fieldStart, fieldEnd, flags);
      if (next < len && buf[next] === COMMA) {
        i = next + 1;
        continue;
      }
      this.rec.fieldCount = field;
      this.rec.lineCount = lines;
      return next;
    }
  }

  /** Scans a quoted field's content from `from`; `end` is the closing quote's offset (or `len` if unclosed). */
  private scanQuoted(
    buf: Buffer,
    from: number,
    final: boolean,
  ): { end: number; flags: number; lines: number } | undefined {
    const len = buf.length;
    let flags = FIELD_QUOTED;
    let lines = 0;
    let j = from;
    for (;;) {
      if (j >= len) {
        if (!final) return undefined;
        return { end: len, flags: flags | FIELD_MALFORMED, lines };
      }
      const b = buf[j];
      if (b === BACKSLASH) {
        if (j + 1 >= len && !final) return undefined;
        if (buf[j + 1] === LF) {
          lines++;
          flags |= FIELD_NEWLINE;
        }
        flags |= FIELD_ESCAPED;
        j += 2;
      } else if (b === QUOTE) {
        if (j + 1 >= len && !final) return undefined;
        if (buf[j + 1] !== QUOTE) return { end: j, flags, lines };
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
  }
}

/** The text of a field, with escape sequences resolved. */
export function fieldText(record: CsvRecord, index: number): string {
  const start = record.starts[index] ?? 0;
  const end = record.ends[index] ?? 0;
  const raw = record.buf.toString('utf8', start, end);
  return (record.flags[index] ?? 0) & FIELD_ESCAPED ? unescapeField(raw) : raw;
}

/** Resolves `\"`, `\\` and `""` in a quoted field's content; any other backslash stays as it is. */
export function unescapeField(raw: string): string {
  return raw.replace(/\\(["\\])|""/g, (_match, escaped: string | undefined) => escaped ?? '"');
}
