/**
 * Decodes each message of a batch with `toRecords` and puts its records into the writer, in batch order, noting in
 * the ledger what each record became: tagged and put, refused by local validation, or not put (the writer stopped).
 * Stops between two records once the invocation was cut off by its deadline.
 * @module
 */
import { hasEventId } from '../records/kinds.js';
import { RecordValidationError } from '../records/record-validation-error.js';
import type { RecordWriter } from '../writer/record-writer.js';
import { type BatchLedger, failureOfError, type MessageBook } from './batch-ledger.js';
import { ToRecordsError } from './lambda-errors.js';
import { isLambdaRecord, type LambdaRecord, putRecord } from './lambda-record.js';
import { sourceEventId } from './source-event-id.js';

/** One message of a batch, as the handlers of each event source describe it. */
export interface BatchItem<M> {
  /** The message as Lambda passed it: what `toRecords` and `onRejected` get. */
  readonly message: M;
  /** The batch item failure's `itemIdentifier`: the SQS message id, the Kinesis sequence number. */
  readonly id: string;
  /** Where it came from, the seed of derived `eventId`s: the SQS message id, the Kinesis `eventID`. */
  readonly source: string;
  /** Messages of one group (a Kinesis shard) are acknowledged in order; `undefined`: on its own (SQS). */
  readonly group: string | undefined;
  /** Its place within its group (the sequence number), compared as an integer. */
  readonly order: bigint;
}

/** What the put loop reads and sets: the decoder, and whether the deadline cut the invocation off. */
export interface PutRun<M> {
  readonly toRecords: (message: M) => readonly LambdaRecord[] | Promise<readonly LambdaRecord[]>;
  cut: boolean;
}

type Decoded = readonly LambdaRecord[] | ToRecordsError;

function failedDecoding(item: BatchItem<unknown>, error: unknown): ToRecordsError {
  const text = error instanceof Error ? error.message : String(error);
  return new ToRecordsError(item.source, text, { cause: error });
}

function checked(item: BatchItem<unknown>, records: unknown): Decoded {
  if (!Array.isArray(records)) return new ToRecordsError(item.source, 'it returned no array of records');
  for (let at = 0; at < records.length; at += 1) {
    if (!isLambdaRecord(records[at])) {
      return new ToRecordsError(item.source, `its record [${at}] is not a { kind, record } pair`);
    }
  }
  return records;
}

/** The records of `message`, or a `ToRecordsError` naming it; a promise only when `toRecords` returned one. */
function decode<M>(run: PutRun<M>, item: BatchItem<M>): Decoded | Promise<Decoded> {
  try {
    const out = run.toRecords(item.message);
    if (!(out instanceof Promise)) return checked(item, out);
    return out.then(
      (records) => checked(item, records),
      (error: unknown) => failedDecoding(item, error),
    );
  } catch (error) {
    return failedDecoding(item, error);
  }
}

/** The `eventId` to give a record that is of a kind with one and has none: derived from the message. */
function eventIdFor(source: LambdaRecord, item: BatchItem<unknown>, index: number): string | undefined {
  if (!hasEventId(source.kind) || (source.record as { eventId?: string }).eventId !== undefined) return undefined;
  return sourceEventId(item.source, index);
}

/**
 * Puts every message's records, in batch order, until done or cut off. One loop for the batch, not an `async`
 * function per message: a message is decoded and put without a promise of its own unless `toRecords` returns one.
 */
export async function putBatch<M>(
  run: PutRun<M>,
  writer: RecordWriter,
  items: readonly BatchItem<M>[],
  ledger: BatchLedger,
): Promise<void> {
  for (let at = 0; at < items.length && !run.cut; at += 1) {
    const item = items[at] as BatchItem<M>;
    const book = ledger.books[at] as MessageBook;
    const decoded = decode(run, item);
    const records = decoded instanceof Promise ? await decoded : decoded;
    if (records instanceof ToRecordsError) {
      book.refuse(undefined, records);
      book.complete = true;
      continue;
    }
    for (let index = 0; index < records.length; index += 1) {
      if (run.cut) return;
      const source = records[index] as LambdaRecord;
      const tagged = book.tag(source, eventIdFor(source, item, index));
      try {
        await putRecord(writer, source.kind, tagged);
      } catch (error) {
        // Refused by local validation: poison. Anything else (stopped, closed, an option missing) is no record's fault.
        if (error instanceof RecordValidationError) book.refuseLast(error);
        else book.unputLast(failureOfError(error));
      }
    }
    book.complete = true;
  }
}
