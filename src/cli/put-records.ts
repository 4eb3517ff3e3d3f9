/**
 * The heart of `put`: reads the file row by row, converts and puts each record, and records every one that did not
 * get in (with its line) on stderr and in the `--rejected` file. The writer's backpressure paces the reading.
 * @module
 */
import { toRecord } from './convert-record.js';
import type { DeliveryFrontier } from './delivery-frontier.js';
import { errorToText } from './errors-to-text.js';
import { hasEventId, RECORD_KINDS, type RecordKind, type RecordWriter } from './library.js';
import { count, type Output, type Progress, recordRate } from './output.js';
import { formatOf, type RecordFormat, readRecords } from './read-records.js';
import type { RejectedFile, RejectedLine } from './rejected-file.js';
import type { CommandContext } from './run-command.js';
import { derivedEventId, type SourceIdentity } from './source-identity.js';

/** Errors kept for the `--json` document; all of them go to the `--rejected` file. */
const MAX_ERRORS_KEPT = 100;

/** Errors listed on stderr; the rest are counted (and all are in the `--rejected` file). */
const ERRORS_SHOWN = 10;

/** Where each record came from, carried on the record itself (a symbol key: not sent, not validated, not printed). */
export const LINE = Symbol('line');

/** What `put` counted so far. */
export interface Tally {
  read: number;
  /** Lines at or before the checkpoint a resumed run started after: not sent again. */
  skipped: number;
  invalid: number;
  delivered: number;
  shown: number;
  /** Records that settled in the writer (delivered, rejected or undelivered). */
  settled: number;
  /** Records left undelivered by a fatal stop: in the rejected file, their cause said once. */
  quiet: number;
  stoppedAtLine: number | undefined;
  errors: { line: number | undefined; code: string; message: string }[];
}

/** The source line a record was read from, as `feed` tagged it. */
export function lineOf(record: unknown): number | undefined {
  return (record as Record<symbol, number | undefined>)[LINE];
}

/** Puts `record` with the writer's method for `kind`; the writer validates it (the cast only skips the compiler). */
function put(writer: RecordWriter, kind: RecordKind, record: Record<string | symbol, unknown>): Promise<void> {
  return writer[RECORD_KINDS[kind].method](record as never);
}

/** A record as JSON for --verbose; one nested too deep for JSON.stringify's stack is not printed. */
function printable(record: unknown): string {
  try {
    return JSON.stringify(record);
  } catch {
    return '(too deeply nested to print)';
  }
}

/**
 * Records a line that did not get in: in the `--rejected` file, and (unless `quiet`: the cause was said once, as
 * the fatal error that stopped the writer) among the errors listed on stderr and in the document.
 */
export async function refuse(
  entry: RejectedLine,
  tally: Tally,
  sink: RejectedFile,
  output: Output,
  quiet = false,
): Promise<void> {
  if (quiet) {
    tally.quiet += 1;
    await sink.write(entry);
    return;
  }
  if (tally.errors.length < MAX_ERRORS_KEPT)
    tally.errors.push({ line: entry.line, code: entry.code, message: entry.message });
  if (tally.shown < ERRORS_SHOWN) {
    tally.shown += 1;
    const where = entry.line === undefined ? entry.kind : `line ${entry.line}`;
    const record = output.verbose && entry.record !== undefined ? ` record: ${printable(entry.record)}` : '';
    output.warn(`${where}: ${entry.code}: ${entry.message}${record}`);
  }
  await sink.write(entry);
}

/**
 * The progress of `put`: records settled (in the writer, or refused here) towards the records the file holds, as
 * the content pre-pass counted them (0, no percentage, for a pipe).
 */
export function putProgress(
  output: Output,
  kind: RecordKind,
  source: { file: string; format: RecordFormat | undefined },
  identity: SourceIdentity | undefined,
  tally: Tally,
): { progress: Progress; show: () => void } {
  const header = (source.format ?? formatOf(source.file)) === 'csv' ? 1 : 0;
  const total = identity === undefined ? 0 : Math.max(0, identity.lines - header);
  const progress = output.progress(`put ${RECORD_KINDS[kind].plural}`, total, recordRate);
  const details = () =>
    `${count(tally.settled + tally.invalid)} of ${count(tally.read)} settled, ${count(tally.delivered)} delivered, ` +
    `${count(tally.invalid)} invalid`;
  return { progress, show: () => progress.update(tally.skipped + tally.settled + tally.invalid, details()) };
}

/** Reads the file and puts every record; stops early on `signal`. */
export async function feed(
  ctx: CommandContext,
  writer: RecordWriter,
  kind: RecordKind,
  source: { file: string; format: RecordFormat | undefined },
  io: {
    tally: Tally;
    sink: RejectedFile;
    frontier: DeliveryFrontier;
    identity: SourceIdentity | undefined;
    resumeAfter: number;
    /** Shows the progress so far. */
    show: () => void;
  },
): Promise<void> {
  const { output, signal } = ctx;
  const { tally, sink, frontier, identity, resumeAfter, show } = io;
  for await (const row of readRecords(source.file, source.format)) {
    if (signal.aborted) {
      tally.stoppedAtLine = row.line;
      break;
    }
    if (row.line <= resumeAfter) {
      tally.skipped += 1;
      continue;
    }
    tally.read += 1;
    frontier.read(row.line);
    show();
    if ('error' in row) {
      tally.invalid += 1;
      // A row that stopped the reading holds the checkpoint: the rows it swallowed are in no file.
      if (row.stop) tally.stoppedAtLine = row.line + 1;
      else frontier.fail(row.line);
      const entry: RejectedLine = { line: row.line, kind, code: row.code, message: `the line ${row.error}` };
      // A CSV row's cells go to the rejected file as a record `put` reads back, not as CSV text.
      if (row.cells !== undefined) Object.assign(entry, { record: row.cells, csv: true });
      await refuse(entry, tally, sink, output);
      continue;
    }
    // Idempotent re-runs: the same line of the same content always gets the same id (an empty CSV cell is none).
    const given = row.fields.eventId;
    const derived =
      identity !== undefined && hasEventId(kind) && (given === undefined || given === '')
        ? derivedEventId(identity, row.line)
        : undefined;
    try {
      const record: Record<string | symbol, unknown> = toRecord(kind, row.fields, row.fromCsv);
      record[LINE] = row.line;
      if (derived !== undefined && record.eventId === undefined) record.eventId = derived;
      await put(writer, kind, record);
    } catch (error) {
      const code = (error as { code?: string }).code;
      // Closed (Ctrl-C) or stopped at a fatal error: stop reading; the report accounts for what was accepted.
      if (code === 'WRITER_CLOSED' || code === 'WRITER_STOPPED') {
        // This line did not get in: it is the first one not read, and a re-run sends it.
        tally.read -= 1;
        tally.stoppedAtLine = row.line;
        break;
      }
      if (code !== 'RECORD_VALIDATION') throw error;
      tally.invalid += 1;
      frontier.fail(row.line);
      const message = errorToText(error);
      // The derived id goes with the record: sent again (twice, after a resumed run), it is still one event.
      const record = derived === undefined ? row.fields : { ...row.fields, eventId: derived };
      const entry: RejectedLine = { line: row.line, kind, code, message, record };
      if (row.fromCsv) entry.csv = true;
      await refuse(entry, tally, sink, output);
    }
  }
}
