/**
 * `createSqsHandler`: a Lambda handler for an SQS event source mapping with `ReportBatchItemFailures`. Each message is
 * on its own: a failed message is listed by its `messageId`, the others are deleted from the queue.
 * @module
 */
import type { BatchResponse, LambdaContext, SqsEvent, SqsMessage } from './event-types.js';
import { handleBatch } from './handle-batch.js';
import { lambdaHandlerConfiguration, type SqsHandlerOptions } from './handler-options.js';
import type { BatchItem } from './put-batch.js';
import { WriterSlot } from './writer-slot.js';

/** A Lambda handler for SQS events: assign it to your module's exported `handler`. */
export type SqsHandler = (event: SqsEvent, context?: LambdaContext) => Promise<BatchResponse>;

function itemOf(message: SqsMessage): BatchItem<SqsMessage> {
  return { message, id: message.messageId, source: message.messageId, group: undefined, order: 0n };
}

/**
 * Makes the handler of an SQS event source: it decodes each message with `toRecords`, writes the records through one
 * `RecordWriter` kept across warm invocations, flushes, and answers `{ batchItemFailures }` with the messages whose
 * records were not all delivered (throttled past the retries, a transient fault, the deadline). Poison records (refused
 * locally, rejected by the service, not decodable) go to `onRejected` and their message is acknowledged. Throws
 * `BatchFailedError` when no message could be handled. See docs/pipelines.md.
 * @throws InvalidOptionsError when an option is missing, unknown or out of range (at creation, not at an invocation).
 * @example
 * ```ts
 * export const handler = createSqsHandler({
 *   writerOptions: { transport: new AwsTransport(), trackingId: process.env.TRACKING_ID },
 *   toRecords: (message) => [{ kind: 'event', record: decodeClick(message.body) }],
 * });
 * ```
 */
export function createSqsHandler(options: SqsHandlerOptions): SqsHandler {
  const config = lambdaHandlerConfiguration(options);
  const slot = new WriterSlot(config.writer, config.writerOptions);
  return (event, context) => {
    if (!Array.isArray(event?.Records)) return Promise.reject(new TypeError('Expected an SQS event with `Records`'));
    return handleBatch(config, slot, event.Records.map(itemOf), context);
  };
}
