/**
 * `createKinesisHandler`: a Lambda handler for a Kinesis Data Streams event source mapping with
 * `ReportBatchItemFailures` (and `BisectBatchOnFunctionError` off). A shard is ordered: the handler lists the first
 * record of each shard not handled and every record after it, so Lambda restarts the shard there and no record is
 * checkpointed before an earlier one is delivered.
 * @module
 */
import type { BatchResponse, KinesisStreamEvent, KinesisStreamRecord, LambdaContext } from './event-types.js';
import { handleBatch } from './handle-batch.js';
import { type KinesisHandlerOptions, lambdaHandlerConfiguration } from './handler-options.js';
import type { BatchItem } from './put-batch.js';
import { WriterSlot } from './writer-slot.js';

/** A Lambda handler for Kinesis stream events: assign it to your module's exported `handler`. */
export type KinesisHandler = (event: KinesisStreamEvent, context?: LambdaContext) => Promise<BatchResponse>;

/** The shard of a record: its `eventID` is `<shard id>:<sequence number>`. */
function shardOf(record: KinesisStreamRecord): string {
  const colon = record.eventID.indexOf(':');
  return colon === -1 ? record.eventSourceARN : record.eventID.slice(0, colon);
}

function itemOf(record: KinesisStreamRecord, at: number): BatchItem<KinesisStreamRecord> {
  const sequence = record.kinesis.sequenceNumber;
  // Sequence numbers are decimal strings of up to 129 digits, growing within a shard: compared as integers.
  const order = /^\d+$/.test(sequence) ? BigInt(sequence) : BigInt(at);
  return { message: record, id: sequence, source: record.eventID, group: shardOf(record), order };
}

/**
 * Makes the handler of a Kinesis Data Streams event source: as `createSqsHandler`, records decoded from each stream
 * record (`toRecords` gets it with its base64 `data`) and written through one `RecordWriter` kept across warm
 * invocations, but in shard order: the answer lists, per shard, the lowest sequence number not handled and every
 * later one. Poison records go to `onRejected` and do not block the shard. Throws `BatchFailedError` when no record
 * could be handled. See docs/pipelines.md.
 * @throws InvalidOptionsError when an option is missing, unknown or out of range (at creation, not at an invocation).
 * @example
 * ```ts
 * export const handler = createKinesisHandler({
 *   writerOptions: { transport: new AwsTransport(), trackingId: process.env.TRACKING_ID },
 *   toRecords: (record) => [{ kind: 'event', record: decodeClick(Buffer.from(record.kinesis.data, 'base64')) }],
 * });
 * ```
 */
export function createKinesisHandler(options: KinesisHandlerOptions): KinesisHandler {
  const config = lambdaHandlerConfiguration(options);
  const slot = new WriterSlot(config.writer, config.writerOptions);
  return (event, context) => {
    if (!Array.isArray(event?.Records)) return Promise.reject(new TypeError('Expected a Kinesis event with `Records`'));
    return handleBatch(config, slot, event.Records.map(itemOf), context);
  };
}
