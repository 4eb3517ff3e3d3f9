// A Lambda function that writes the click events of an SQS queue into Amazon Personalize (docs/pipelines.md).
// Deploy it with the handler `sqs-consumer.handler`, the environment variable PERSONALIZE_TRACKING_ID, a role that
// may call personalize:PutEvents, and an event source mapping with ReportBatchItemFailures.
import { AwsTransport, type RecordWriterOptions } from 'personalize-import';
import { createSqsHandler, type LambdaRecord, type SqsHandler, type SqsMessage } from 'personalize-import/lambda';

/** What the producer puts on the queue: one interaction, with its id and time set where it happened. */
export interface ClickMessage {
  eventId: string;
  sentAt: string;
  sessionId: string;
  userId?: string;
  itemId: string;
  eventType: string;
}

/** One message, one event. A body that is not JSON throws: the handler passes the message to onRejected. */
export function toRecords(message: SqsMessage): LambdaRecord[] {
  const click = JSON.parse(message.body) as ClickMessage;
  const record = {
    eventId: click.eventId,
    sentAt: new Date(click.sentAt), // no sentAt: an invalid date, refused, never the time of processing
    sessionId: click.sessionId,
    eventType: click.eventType,
    itemId: click.itemId,
    ...(click.userId !== undefined && { userId: click.userId }),
  };
  return [{ kind: 'event', record }];
}

/** Poison (refused, rejected by the service, not decodable): one log line each, to find in CloudWatch Logs. */
export function onRejected(message: SqsMessage, record: LambdaRecord | undefined, error: Error & { code: string }) {
  console.error(JSON.stringify({ poison: message.messageId, code: error.code, error: error.message, record }));
}

/** The handler on the writer's options: AWS below, a MemoryTransport in tests. */
export function createHandler(writerOptions: RecordWriterOptions): SqsHandler {
  return createSqsHandler({ writerOptions, toRecords, onRejected, deadlineMarginMs: 1000 });
}

export const handler = createHandler({
  transport: new AwsTransport(), // the region and credentials of the function
  trackingId: process.env.PERSONALIZE_TRACKING_ID,
  // This consumer's share of the dataset group's PutEvents quota (see "Sizing the quota").
  rate: { maxRequestsPerSecond: Number(process.env.PUT_EVENTS_PER_SECOND ?? Number.POSITIVE_INFINITY) },
  retry: { timeoutMs: 10_000 }, // well within the function's timeout
});
