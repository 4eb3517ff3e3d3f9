/**
 * Streams the rows of a records file, JSON Lines or CSV (a header row naming the record fields), in constant memory:
 * one row at a time, with its line number and the bytes read so far. A row that cannot be read is yielded as an
 * error with its line, so one bad line never stops the file; a header that would lose data stops it before any row.
 * @module
 */
import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
import { RecordsFileError } from './records-file-error.js';
import { splitLines } from './split-lines.js';

/** The formats `put` reads. */
export type RecordFormat = 'jsonl' | 'csv';

/** Why a row could not be read: `UNREADABLE` (not JSON, not an object, a CSV row of the wrong width), `LINE_TOO_LONG`. */
export type UnreadableCode = 'UNREADABLE' | 'LINE_TOO_LONG';

/** One row of the file: its fields, or why it could not be read (with a CSV row's cells by column when it has some). */
export type SourceRow =
  | { line: number; bytes: number; fields: Record<string, unknown>; fromCsv: boolean }
  | {
      line: number;
      bytes: number;
      code: UnreadableCode;
      error: string;
      cells?: Record<string, string>;
      /** Reading stopped at this row: the lines after it were not read. */
      stop?: true;
    };

/** How `readRecords` reads. */
export interface ReadRecordsConfiguration {
  /**
   * Longest JSON line or CSV record read, in bytes. A longer JSON line is reported `LINE_TOO_LONG` and skipped, in
   * constant memory; a longer CSV record (a long line, or an unclosed quote swallowing the file) is reported
   * `LINE_TOO_LONG` and reading stops there (`stop`), since where the record ends is not known.
   * The largest record the service takes is an item or action with 32,000 characters of `properties` (up to
   * 128 KB of UTF-8, more with JSON escapes); a `--rejected` line adds its reason.
   * @default 1048576 (1 MiB)
   */
  maxLineBytes: number;
}

/** Options of `readRecords`: any of {@link ReadRecordsConfiguration}. */
export type ReadRecordsOptions = Partial<ReadRecordsConfiguration>;

/** The defaults of {@link ReadRecordsConfiguration}. */
export const readRecordsDefaults = { maxLineBytes: 1024 * 1024 } as const satisfies ReadRecordsConfiguration;

/** The format of `path` by its extension: `.csv` is CSV, anything else JSON Lines. */
export function formatOf(path: string): RecordFormat {
  return extname(path).toLowerCase() === '.csv' ? 'csv' : 'jsonl';
}

/**
 * Yields the rows of `path` (a file, or a pipe read once) in file order, an unreadable row as an error row; throws
 * `RecordsFileError` on a CSV header that would drop values.
 */
export function readRecords(
  path: string,
  format: RecordFormat = formatOf(path),
  options: ReadRecordsOptions = {},
): AsyncGenerator<SourceRow> {
  const { maxLineBytes } = { ...readRecordsDefaults, ...options };
  return format === 'csv' ? readCsv(path, maxLineBytes) : readJsonLines(path, maxLineBytes);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A line of a `--rejected` file (`{ line, kind, code, message, record }`) stands for its `record`, so that a fixed
 * rejected file can be sent again as it is; `csv: true` says the record holds a CSV row's cells, as text.
 */
function unwrapRejected(value: Record<string, unknown>): { fields: Record<string, unknown>; fromCsv: boolean } {
  if (isPlainObject(value.record) && typeof value.code === 'string' && typeof value.kind === 'string') {
    return { fields: value.record, fromCsv: value.csv === true };
  }
  return { fields: value, fromCsv: false };
}

function parseJsonLine(text: string, line: number, bytes: number): SourceRow | undefined {
  if (text.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (!isPlainObject(value)) return { line, bytes, code: 'UNREADABLE', error: 'is not a JSON object' };
    return { line, bytes, ...unwrapRejected(value) };
  } catch {
    // JSON.parse's message quotes the text, and record contents stay out of error output.
    return { line, bytes, code: 'UNREADABLE', error: 'is not valid JSON' };
  }
}

async function* readJsonLines(path: string, maxLineBytes: number): AsyncGenerator<SourceRow> {
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
  for await (const split of splitLines(stream as AsyncIterable<Buffer>, maxLineBytes)) {
    if ('tooLong' in split) {
      const error = `is longer than ${maxLineBytes} bytes, the longest line read (skipped)`;
      yield { line: split.line, bytes: split.bytes, code: 'LINE_TOO_LONG', error };
      continue;
    }
    if ('notUtf8' in split) {
      yield { line: split.line, bytes: split.bytes, code: 'UNREADABLE', error: 'is not valid UTF-8' };
      continue;
    }
    const row = parseJsonLine(split.text, split.line, split.bytes);
    if (row !== undefined) yield row;
  }
}

/** The header's column names; throws `RecordsFileError` on a header that would drop values. */
function checkHeader(path: string, header: string[]): string[] {
  const seen = new Map<string, number>();
  header.forEach((name, index) => {
    if (name.trim() === '') {
      throw new RecordsFileError(
        `${path}: the header's column ${index + 1} has no name: its values would be lost`,
        path,
      );
    }
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      throw new RecordsFileError(
        `${path}: the header names \`${name}\` twice (columns ${earlier + 1} and ${index + 1}): one column's values would be lost`,
        path,
      );
    }
    seen.set(name, index);
  });
  return header;
}

/** A row's cells by column name; cells past the header are named `column N`. */
function cellsOf(header: readonly string[], cells: readonly string[]): Record<string, string> {
  const named: Record<string, string> = {};
  cells.forEach((cell, index) => {
    named[header[index] ?? `column ${index + 1}`] = cell;
  });
  return named;
}

async function* readCsv(path: string, maxRecordBytes: number): AsyncGenerator<SourceRow> {
  const skipped: SourceRow[] = [];
  let header: string[] = [];
  /** The line of the last record parsed (the header's, 1, at first): a record too large starts after it. */
  let lastRecordLine = 1;
  let stopped = false;
  const parser = parse({
    columns: (names: string[]) => {
      header = checkHeader(path, names);
      return header;
    },
    bom: true,
    info: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    relax_quotes: false,
    max_record_size: maxRecordBytes,
    on_record: (record: unknown, context: { lines: number }) => {
      lastRecordLine = context.lines;
      return record;
    },
  });
  parser.on('skip', (error: Error & { code?: string; lines?: number; record?: string[] }) => {
    // csv-parse ends the file at its record bound without a word: say so, and where.
    if (stopped) return;
    // Where such a record ends is not known, so nothing after it can be read as records.
    if (error.code === 'CSV_MAX_RECORD_SIZE' || error.code === 'CSV_QUOTE_NOT_CLOSED') {
      stopped = true;
      const line = lastRecordLine + 1;
      const tooLong = error.code === 'CSV_MAX_RECORD_SIZE';
      const reason = tooLong
        ? `is part of a record longer than ${maxRecordBytes} bytes (a long line, or an unclosed quote)`
        : 'opens a quote that is never closed: the rows after it were read into this one';
      skipped.push({
        line,
        bytes: parser.info.bytes,
        code: tooLong ? 'LINE_TOO_LONG' : 'UNREADABLE',
        error: `${reason}: reading stopped here`,
        stop: true,
      });
      return;
    }
    skipped.push({
      line: error.lines ?? parser.info.lines,
      bytes: parser.info.bytes,
      code: 'UNREADABLE',
      error: error.message,
      ...(Array.isArray(error.record) && { cells: cellsOf(header, error.record) }),
    });
  });
  const source = createReadStream(path);
  source.on('error', (error) => parser.destroy(error));
  source.pipe(utf8Guard(parser)).pipe(parser);
  try {
    for await (const entry of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      // csv-parse reports a skipped row as soon as it parses it, possibly before the rows above it are read here.
      const earlier = skipped.filter((row) => row.line < entry.info.lines);
      if (earlier.length > 0) {
        skipped.splice(0, earlier.length);
        yield* earlier;
      }
      yield { line: entry.info.lines, bytes: parser.info.bytes, fields: entry.record, fromCsv: true };
    }
  } catch (error) {
    if (!(error instanceof NotUtf8Error)) throw error;
    yield* skipped.splice(0);
    const reason = 'is not valid UTF-8 (at or after this line): reading stopped here';
    yield { line: lastRecordLine + 1, bytes: parser.info.bytes, code: 'UNREADABLE', error: reason, stop: true };
    return;
  }
  yield* skipped.splice(0);
}

class NotUtf8Error extends Error {}

/**
 * Passes the bytes on while they are UTF-8; at the first that is not, fails `parser` (not ends it: a record cut at
 * that point must not be parsed as if whole). csv-parse would decode such a byte to U+FFFD and send it unsaid.
 */
function utf8Guard(parser: { destroy(error: Error): void }): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        parser.destroy(new NotUtf8Error());
        callback();
        return;
      }
      callback(null, chunk);
    },
    flush(callback) {
      try {
        decoder.decode();
      } catch {
        parser.destroy(new NotUtf8Error());
      }
      callback();
    },
  });
}
