/**
 * The payloads of the two Lambda event sources, as the handlers read them: the SQS and Kinesis Data Streams events,
 * the invocation context, and the `ReportBatchItemFailures` response. Declared here with the fields AWS documents
 * ("Using Lambda with Amazon SQS", "Using Lambda with Kinesis Data Streams"), so that the public declarations need no
 * other package; the types of `@types/aws-lambda` (`SQSEvent`, `KinesisStreamEvent`, `Context`) are assignable to
 * them, and the response to `SQSBatchResponse` / `KinesisStreamBatchResponse` (test/lambda/payload-types.test.ts).
 * @module
 */

/** The system attributes of an SQS message in a Lambda event (all values are strings). */
export interface SqsMessageAttributes {
  /** How many times the message was received, this delivery included: `"1"` on the first. */
  readonly ApproximateReceiveCount: string;
  /** When the message was sent, in epoch milliseconds. */
  readonly SentTimestamp: string;
  /** The sender's IAM identity. */
  readonly SenderId: string;
  /** When the message was first received, in epoch milliseconds. */
  readonly ApproximateFirstReceiveTimestamp: string;
  /** FIFO queues: the message's sequence number. */
  readonly SequenceNumber?: string | undefined;
  /** FIFO queues: the message group. */
  readonly MessageGroupId?: string | undefined;
  /** FIFO queues: the deduplication id. */
  readonly MessageDeduplicationId?: string | undefined;
  /** The X-Ray trace header, when tracing is on. */
  readonly AWSTraceHeader?: string | undefined;
}

/** A message attribute set by the sender. */
export interface SqsMessageAttribute {
  /** `String`, `Number` or `Binary` (and custom suffixes such as `String.json`). */
  readonly dataType: string;
  /** The value of a `String` or `Number` attribute. */
  readonly stringValue?: string | undefined;
  /** The value of a `Binary` attribute, base64. */
  readonly binaryValue?: string | undefined;
}

/** One SQS message of a Lambda event: what `toRecords` gets from `createSqsHandler`. */
export interface SqsMessage {
  /** The message's id: the `itemIdentifier` of a batch item failure, and the source of derived `eventId`s. */
  readonly messageId: string;
  /** The receipt handle of this delivery. */
  readonly receiptHandle: string;
  /** The body, as the producer sent it (a string; JSON by convention). */
  readonly body: string;
  /** The system attributes. */
  readonly attributes: SqsMessageAttributes;
  /** The attributes the sender set. */
  readonly messageAttributes: Readonly<Record<string, SqsMessageAttribute>>;
  /** The MD5 of the body, hex. */
  readonly md5OfBody: string;
  /** Always `aws:sqs`. */
  readonly eventSource: string;
  /** The queue's ARN. */
  readonly eventSourceARN: string;
  /** The queue's region. */
  readonly awsRegion: string;
}

/** The event Lambda passes to a function whose event source is an SQS queue. */
export interface SqsEvent {
  /** The messages of the batch, 1..10,000 (the mapping's batch size). */
  readonly Records: readonly SqsMessage[];
}

/** The Kinesis part of a stream record. */
export interface KinesisPayload {
  /** The schema version, `1.0`. */
  readonly kinesisSchemaVersion: string;
  /** The partition key the producer gave. */
  readonly partitionKey: string;
  /** The record's sequence number within its shard: a decimal string, growing in shard order. */
  readonly sequenceNumber: string;
  /** The data blob, base64. */
  readonly data: string;
  /** When the stream received the record, in epoch seconds. */
  readonly approximateArrivalTimestamp: number;
}

/** One Kinesis Data Streams record of a Lambda event: what `toRecords` gets from `createKinesisHandler`. */
export interface KinesisStreamRecord {
  /** The record itself: data (base64), partition key, sequence number. */
  readonly kinesis: KinesisPayload;
  /** Always `aws:kinesis`. */
  readonly eventSource: string;
  /** The event format's version, `1.0`. */
  readonly eventVersion: string;
  /** `<shard id>:<sequence number>`: where the record is, the source of derived `eventId`s. */
  readonly eventID: string;
  /** Always `aws:kinesis:record`. */
  readonly eventName: string;
  /** The role Lambda read the stream with. */
  readonly invokeIdentityArn: string;
  /** The stream's region. */
  readonly awsRegion: string;
  /** The stream's ARN (or its consumer's). */
  readonly eventSourceARN: string;
}

/** The event Lambda passes to a function whose event source is a Kinesis data stream. */
export interface KinesisStreamEvent {
  /** The records of the batch, from one shard, in sequence order. */
  readonly Records: readonly KinesisStreamRecord[];
}

/** What the handlers read of the invocation's context object. */
export interface LambdaContext {
  /** Milliseconds left before Lambda stops the invocation (the function's timeout). */
  getRemainingTimeInMillis(): number;
}

/** One message or record Lambda should deliver again. */
export interface BatchItemFailure {
  /** The SQS `messageId`, or the Kinesis `sequenceNumber`. */
  itemIdentifier: string;
}

/**
 * The response of the `ReportBatchItemFailures` contract: what is not listed is acknowledged (deleted from the queue,
 * or checkpointed on the stream). Needs `FunctionResponseTypes: ["ReportBatchItemFailures"]` on the event source
 * mapping: without it Lambda ignores the list and treats the batch as handled.
 */
export interface BatchResponse {
  /** The items to deliver again; empty when the whole batch was handled. */
  batchItemFailures: BatchItemFailure[];
}
