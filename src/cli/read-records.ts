/**
 * Streams the rows of a records file, JSON Lines or CSV (a header row naming the record fields), in constant memory:
 * one row at a time, with its line number and the bytes read so far. A row that cannot be read is yielded as an
 * error with its line, so one bad line never stops the file.
 * @module
 */
import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse';

/** The formats `put` reads. */
export type RecordFormat = 'jsonl' | 'csv';

/** One row of the file: its fields, or why it could not be read. */
export type SourceRow =
  | { line: number; bytes: number; fields: Record<string, unknown>; fromCsv: boolean }
  | { line: number; bytes: number; error: string };

/** The format of `path` by its extension: `.csv` is CSV, anything else JSON Lines. */
export function formatOf(path: string): RecordFormat {
  return extname(path).toLowerCase() === '.csv' ? 'csv' : 'jsonl';
}

/** Yields the rows of `path`. */
export function readRecords(path: string, format: RecordFormat = formatOf(path)): AsyncGenerator<SourceRow> {
  return format === 'csv' ? readCsv(path) : readJsonLines(path);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A line of a `--rejected` file (`{ line, kind, code, message, record }`) stands for its `record`, so that a fixed
 * rejected file can be sent again as it is.
 */
function unwrapRejected(value: Record<string, unknown>): Record<string, unknown> {
  if (isPlainObject(value.record) && typeof value.code === 'string' && typeof value.kind === 'string') {
    return value.record;
  }
  return value;
}

function parseJsonLine(text: string, line: number, bytes: number): SourceRow | undefined {
  if (text.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (!isPlainObject(value)) return { line, bytes, error: 'is not a JSON object' };
    return { line, bytes, fields: unwrapRejected(value), fromCsv: false };
  } catch {
    // JSON.parse's message quotes the text, and record contents stay out of error output.
    return { line, bytes, error: 'is not valid JSON' };
  }
}

async function* readJsonLines(path: string): AsyncGenerator<SourceRow> {
  let pending = '';
  let line = 0;
  let bytes = 0;
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  for await (const chunk of stream as AsyncIterable<string>) {
    bytes += Buffer.byteLength(chunk);
    pending += chunk;
    let start = 0;
    let newline = pending.indexOf('\n', start);
    while (newline !== -1) {
      line += 1;
      const row = parseJsonLine(pending.slice(start, newline).replace(/\r$/, ''), line, bytes);
      if (row !== undefined) yield row;
      start = newline + 1;
      newline = pending.indexOf('\n', start);
    }
    pending = pending.slice(start);
  }
  const last = parseJsonLine(pending, line + 1, bytes);
  if (last !== undefined) yield last;
}

async function* readCsv(path: string): AsyncGenerator<SourceRow> {
  const skipped: SourceRow[] = [];
  const parser = parse({
    columns: true,
    bom: true,
    info: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    relax_quotes: false,
  });
  parser.on('skip', (error: Error & { lines?: number }) => {
    skipped.push({ line: error.lines ?? parser.info.lines, bytes: parser.info.bytes, error: error.message });
  });
  const source = createReadStream(path);
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  for await (const entry of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    // csv-parse reports a skipped row as soon as it parses it, possibly before the rows above it are read here.
    const earlier = skipped.filter((row) => row.line < entry.info.lines);
    if (earlier.length > 0) {
      skipped.splice(0, earlier.length);
      yield* earlier;
    }
    yield { line: entry.info.lines, bytes: parser.info.bytes, fields: entry.record, fromCsv: true };
  }
  yield* skipped.splice(0);
}
