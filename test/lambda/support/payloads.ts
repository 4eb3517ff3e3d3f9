// Lambda event payloads in the shapes AWS documents ("Using Lambda with Amazon SQS": the example SQS message event;
// "Using Lambda with Kinesis Data Streams": the example Kinesis record event). Every field of the documented examples
// is present, with values of the documented forms (UUID message ids, epoch-ms string attributes, base64 data,
// `<shard id>:<sequence number>` event ids, epoch-second arrival times).
import { createHash } from 'node:crypto';
import type {
  KinesisStreamEvent,
  KinesisStreamRecord,
  LambdaContext,
  SqsEvent,
  SqsMessage,
} from '../../../src/lambda/event-types.js';
import type { Clock } from '../../../src/util/clock.js';

export const QUEUE_ARN = 'arn:aws:sqs:us-east-2:123456789012:personalize-events';
export const STREAM_ARN = 'arn:aws:kinesis:us-east-2:123456789012:stream/personalize-events';

/** A UUID-shaped SQS message id from a number, stable across runs. */
export function messageIdOf(n: number): string {
  const hex = createHash('sha256').update(String(n)).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** One SQS message as Lambda passes it. */
export function sqsMessage(input: {
  messageId: string;
  body: string;
  receiveCount?: number;
  sentAt?: number;
}): SqsMessage {
  const sent = String(input.sentAt ?? 1_767_225_600_000);
  return {
    messageId: input.messageId,
    receiptHandle: `AQEB${createHash('sha256')
      .update(`${input.messageId}/${input.receiveCount ?? 1}`)
      .digest('base64')}`,
    body: input.body,
    attributes: {
      ApproximateReceiveCount: String(input.receiveCount ?? 1),
      SentTimestamp: sent,
      SenderId: 'AIDAIENQZJOLO23YVJ4VO',
      ApproximateFirstReceiveTimestamp: sent,
    },
    messageAttributes: {},
    md5OfBody: createHash('md5').update(input.body).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: QUEUE_ARN,
    awsRegion: 'us-east-2',
  };
}

/** An SQS event of `messages`. */
export function sqsEvent(messages: readonly SqsMessage[]): SqsEvent {
  return { Records: messages };
}

/** The base of the sequence numbers of the fixtures' shards (the documented example's). */
export const SEQUENCE_BASE = 49590338271490256608559692538361571095921575989136588898n;

/** One Kinesis stream record as Lambda passes it; `data` is the producer's bytes (JSON here). */
export function kinesisRecord(input: {
  shardId: string;
  sequenceNumber: string;
  data: string;
  partitionKey?: string;
  arrivedAt?: number;
}): KinesisStreamRecord {
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: input.partitionKey ?? '1',
      sequenceNumber: input.sequenceNumber,
      data: Buffer.from(input.data, 'utf8').toString('base64'),
      approximateArrivalTimestamp: (input.arrivedAt ?? 1_767_225_600_000) / 1000,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `${input.shardId}:${input.sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: 'arn:aws:iam::123456789012:role/lambda-role',
    awsRegion: 'us-east-2',
    eventSourceARN: STREAM_ARN,
  };
}

/** A Kinesis event of `records`. */
export function kinesisEvent(records: readonly KinesisStreamRecord[]): KinesisStreamEvent {
  return { Records: records };
}

/** The context of an invocation that Lambda stops at `clock.now() + timeoutMs`. */
export function lambdaContext(clock: Clock, timeoutMs: number): LambdaContext {
  const end = clock.now() + timeoutMs;
  return { getRemainingTimeInMillis: () => Math.max(0, end - clock.now()) };
}
