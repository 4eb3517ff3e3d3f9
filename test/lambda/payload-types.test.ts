// The payload types of personalize-import/lambda against @types/aws-lambda (a dev dependency only: the public
// declarations do not need it). What Lambda passes, typed as that package types it, must be assignable to the
// handlers' parameters, and the handlers' answer to the response types it declares. Checked by `npm run typecheck`;
// the runtime part checks that the fixtures of the harness are what the package's types describe.
import type {
  KinesisStreamEvent as AwsKinesisStreamEvent,
  Context,
  KinesisStreamBatchResponse,
  KinesisStreamHandler,
  SQSBatchResponse,
  SQSEvent,
  SQSHandler,
} from 'aws-lambda';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { BatchResponse, KinesisStreamEvent, LambdaContext, SqsEvent } from '../../src/lambda/event-types.js';
import type { KinesisHandler } from '../../src/lambda/kinesis-handler.js';
import type { SqsHandler } from '../../src/lambda/sqs-handler.js';
import { ManualClock } from '../../src/util/manual-clock.js';
import { kinesisEvent, kinesisRecord, lambdaContext, sqsEvent, sqsMessage } from './support/payloads.js';

describe('the payload types', () => {
  it('take what @types/aws-lambda types as the SQS and Kinesis events and the context', () => {
    expectTypeOf<SQSEvent>().toExtend<SqsEvent>();
    expectTypeOf<AwsKinesisStreamEvent>().toExtend<KinesisStreamEvent>();
    expectTypeOf<Context>().toExtend<LambdaContext>();
  });

  it('answer what @types/aws-lambda types as the batch responses', () => {
    expectTypeOf<BatchResponse>().toExtend<SQSBatchResponse>();
    expectTypeOf<BatchResponse>().toExtend<KinesisStreamBatchResponse>();
  });

  it('make handlers that are SQSHandler and KinesisStreamHandler', () => {
    expectTypeOf<SqsHandler>().toExtend<SQSHandler>();
    expectTypeOf<KinesisHandler>().toExtend<KinesisStreamHandler>();
  });

  it('describe the fixtures, which @types/aws-lambda accepts too', () => {
    const ours = sqsEvent([sqsMessage({ messageId: '059f36b4-87a3-44ab-83d2-661975830a7d', body: 'test' })]);
    const sqs: SQSEvent = { Records: [...ours.Records] };
    const stream = kinesisEvent([
      kinesisRecord({ shardId: 'shardId-000000000006', sequenceNumber: '4959', data: 'Hello' }),
    ]);
    const kinesis: AwsKinesisStreamEvent = { Records: [...stream.Records] };
    const context: Pick<Context, 'getRemainingTimeInMillis'> = lambdaContext(new ManualClock(), 3000);
    expect(sqs.Records[0]?.attributes.ApproximateReceiveCount).toBe('1');
    expect(kinesis.Records[0]?.eventID).toBe('shardId-000000000006:4959');
    expect(Buffer.from(kinesis.Records[0]?.kinesis.data ?? '', 'base64').toString()).toBe('Hello');
    expect(context.getRemainingTimeInMillis()).toBe(3000);
  });
});
