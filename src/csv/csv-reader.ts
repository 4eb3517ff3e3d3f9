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
import { readPlain, readQuoted, scratch } from './csv-fields.js';
import type { CsvRecord } from './csv-record.js';
import type { PlainLineReader } from './plain-rows.js';
import { validateCsvDefaults } from './validate-options.js';

export {
  type CsvRecord,
  FIELD_ESCAPED,
  FIELD_MALFORMED,
  FIELD_NEWLINE,
  FIELD_QUOTED,
  FIELD_UNCLOSED,
  fieldText,
  unescapeField,
} from './csv-record.js';

const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;
/** Size of an incomplete record past which chunks are held back before it is parsed again. */
const DEFER_BYTES = 64 * 1024;

/** The tokenizer met a record larger than its limit (usually an unclosed quote swallowing the file). */
export class RecordTooLargeError extends Error {
  /**
   * @param line where the record starts.
   * @param quoteOpen the record already spans lines: a quote opened on `line` is still open.
   * @param header the record is the first one, held to the header's bound.
   */
  constructor(
    readonly line: number,
    readonly quoteOpen: boolean,
    readonly header = false,
  ) {
    super(`The record starting on line ${line} is too large`);
    this.name = 'RecordTooLargeError';
  }
}

/** Bounds of the tokenizer besides `maxRecordBytes`. */
export interface CsvTokenizerBounds {
  /** Largest first record (the header), in bytes; a larger one throws `RecordTooLargeError` with `header`. */
  maxHeaderBytes?: number;
  /** Fields stored per record; more are counted in `fieldCount` but not stored, so memory stays flat. */
  maxFields?: number;
}

/** Feeds chunks in with `push`, then `end`; calls `onRecord` for every record, in order. */
export class CsvTokenizer {
  /** True when the input started with a UTF-8 byte order mark (which is skipped). */
  byteOrderMark = false;
  /**
   * Offered the lines after the header, in a chunk that is valid UTF-8, before the tokenizer splits them; a line it
   * takes is not handed to `onRecord`.
   */
  plainLines: PlainLineReader | undefined;
  private readonly rec: CsvRecord;
  private pending: Buffer | undefined;
  /** Chunks held back while a long incomplete record waits (see `push`). */
  private held: Buffer[] = [];
  private heldBytes = 0;
  private started = false;
  private checkEachRecord = false;
  /** No record emitted yet: the next one is the header. */
  private header = true;
  private readonly maxHeaderBytes: number;
  private readonly maxFields: number;

  constructor(
    private readonly onRecord: (record: CsvRecord) => void,
    private readonly maxRecordBytes: number = validateCsvDefaults.maxRecordBytes,
    bounds: CsvTokenizerBounds = {},
  ) {
    this.maxHeaderBytes = Math.min(bounds.maxHeaderBytes ?? Number.POSITIVE_INFINITY, maxRecordBytes);
    this.maxFields = bounds.maxFields ?? Number.POSITIVE_INFINITY;
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
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const pending = this.pending;
    // The record cut by the chunk's start is read from a copy of it and the chunk's first line only, then the rest of
    // the chunk in place: copying the whole chunk behind it cost about 5% of a validation. Taken only while neither
    // part can be held back or refused (both stay under DEFER_BYTES), so the outcome is that of one push.
    if (pending !== undefined && this.started && this.heldBytes === 0) {
      const firstLf = bytes.indexOf(LF);
      if (
        firstLf >= 0 &&
        firstLf + 1 < bytes.length &&
        pending.length + firstLf + 1 < Math.min(DEFER_BYTES, this.limit)
      ) {
        this.pushPart(bytes.subarray(0, firstLf + 1));
        this.pushPart(bytes.subarray(firstLf + 1));
        return;
      }
    }
    this.pushPart(bytes);
  }

  private pushPart(bytes: Buffer): void {
    const pending = this.pending;
    // A long incomplete record is parsed again only once as many bytes again have come (small chunks of a stream
    // would otherwise re-scan it once per chunk: quadratic).
    const waiting = pending === undefined ? 0 : pending.length + this.heldBytes + bytes.length;
    if (
      pending !== undefined &&
      pending.length >= DEFER_BYTES &&
      this.heldBytes + bytes.length < pending.length &&
      waiting <= this.limit
    ) {
      this.held.push(bytes);
      this.heldBytes += bytes.length;
      return;
    }
    let buf = pending === undefined ? bytes : Buffer.concat([pending, ...this.held, bytes]);
    this.held = [];
    this.heldBytes = 0;
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
    if (this.pending !== undefined && this.pending.length > this.limit) {
      // Only a quoted value can hold a line break inside a record: one here means a quote is still open.
      throw new RecordTooLargeError(this.rec.line, this.pending.indexOf(LF) >= 0, this.header);
    }
  }

  /** The bound of the record being read: the header's, or any record's. */
  private get limit(): number {
    return this.header ? this.maxHeaderBytes : this.maxRecordBytes;
  }

  /** Tokenizes what is left: a last record without a final line break. */
  end(): void {
    const rest = this.pending === undefined ? undefined : Buffer.concat([this.pending, ...this.held]);
    this.pending = undefined;
    this.held = [];
    this.heldBytes = 0;
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
      if (nextQuote < pos) {
        nextQuote = buf.indexOf(QUOTE, pos);
        if (nextQuote < 0) nextQuote = len;
      }
      if (!this.header) {
        const plain = this.plainLines;
        if (plain !== undefined && !this.checkEachRecord) {
          // Every line it takes, in one call; the line it stops at is the full path's.
          pos = plain.readLines(buf, pos, len, this.rec.line);
          this.rec.line += plain.taken;
          if (pos >= len) break;
          if (nextQuote < pos) {
            nextQuote = buf.indexOf(QUOTE, pos);
            if (nextQuote < 0) nextQuote = len;
          }
        }
        // The fast path: one pass for the commas and the line break of a line with no quote before its end.
        const lf = this.splitLine(buf, pos, nextQuote);
        if (lf >= 0) {
          this.emit(buf, pos, lf);
          pos = lf + 1;
          continue;
        }
        if (nextQuote >= len && !final) return pos;
      }
      const end = this.splitSlow(buf, pos, nextQuote, final);
      if (end < 0) return pos;
      this.emit(buf, pos, end);
      pos = end + 1;
    }
    return Math.min(pos, len);
  }

  /**
   * The record at `start` when the fast path did not take it (the header, a line with a quote, the input's last line
   * without a line break): its end, or -1 when it needs more input.
   */
  private splitSlow(buf: Buffer, start: number, nextQuote: number, final: boolean): number {
    let lf = buf.indexOf(LF, start);
    if (lf < 0) {
      if (!final) return -1;
      lf = buf.length;
    }
    // The header is bounded before it is split: a megabyte line of commas must not become a million fields.
    if (this.header && lf - start > this.maxHeaderBytes && nextQuote >= lf) {
      throw new RecordTooLargeError(this.rec.line, false, true);
    }
    if (nextQuote >= lf) {
      this.splitPlain(buf, start, lf);
      return lf;
    }
    return this.splitQuoted(buf, start, final);
  }

  private emit(buf: Buffer, start: number, end: number): void {
    const rec = this.rec;
    if (this.header && end - start > this.maxHeaderBytes) throw new RecordTooLargeError(rec.line, false, true);
    this.header = false;
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
    if (index >= this.maxFields) return;
    if (index >= this.rec.starts.length) this.grow();
    this.rec.starts[index] = start;
    this.rec.ends[index] = end;
    this.rec.flags[index] = flags;
  }

  /**
   * Splits the line at `start` on commas, scanning for its line break at the same time, up to `stop` (the next quote,
   * or the end of `buf`). Returns the offset of the line break, or -1 when there is none before `stop`: the record
   * then holds a quote, or goes on in the next chunk, and the fields set here are overwritten.
   */
  private splitLine(buf: Buffer, start: number, stop: number): number {
    const rec = this.rec;
    const stored = this.maxFields;
    let field = 0;
    let fieldStart = start;
    for (let i = start; i < stop; i++) {
      const b = buf[i] as number;
      // Every byte above the comma is data: one comparison for most bytes.
      if (b > COMMA) continue;
      if (b === COMMA) {
        if (field < stored) {
          if (field >= rec.starts.length) this.grow();
          rec.starts[field] = fieldStart;
          rec.ends[field] = i;
          rec.flags[field] = 0;
        }
        field++;
        fieldStart = i + 1;
      } else if (b === LF) {
        const lineEnd = i > fieldStart && buf[i - 1] === CR ? i - 1 : i;
        this.setField(field, fieldStart, lineEnd, 0);
        rec.fieldCount = field + 1;
        rec.lineCount = 1;
        return i;
      }
    }
    return -1;
  }

  /** A line with no quote: split on commas. */
  private splitPlain(buf: Buffer, start: number, lf: number): void {
    let lineEnd = lf;
    if (lineEnd > start && buf[lineEnd - 1] === CR) lineEnd--;
    const rec = this.rec;
    let field = 0;
    let fieldStart = start;
    const stored = this.maxFields;
    for (let i = start; i < lineEnd; i++) {
      if (buf[i] === COMMA) {
        if (field < stored) {
          if (field >= rec.starts.length) this.grow();
          rec.starts[field] = fieldStart;
          rec.ends[field] = i;
          rec.flags[field] = 0;
        }
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
    const f = scratch;
    let field = 0;
    let lines = 1;
    f.next = start;
    for (;;) {
      const complete = buf[f.next] === QUOTE ? readQuoted(buf, f.next, final) : readPlain(buf, f.next, final);
      if (!complete) return -1;
      lines += f.lines;
      this.setField(field++, f.start, f.end, f.flags);
      if (f.next < len && buf[f.next] === COMMA) {
        f.next++;
        continue;
      }
      this.rec.fieldCount = field;
      this.rec.lineCount = lines;
      return f.next;
    }
  }
}
