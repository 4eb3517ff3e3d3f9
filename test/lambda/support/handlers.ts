// The consumers the harnesses drive: the handlers as a user writes them, on the world's clock and transport.
import { createKinesisHandler, type KinesisHandler } from '../../../src/lambda/kinesis-handler.js';
import { createSqsHandler, type SqsHandler } from '../../../src/lambda/sqs-handler.js';
import { seededRandom } from '../../../src/util/seeded-random.js';
import { RecordWriter } from '../../../src/writer/record-writer.js';
import type { RecordWriterOptions } from '../../../src/writer/writer-options.js';
import { decodeBody, type Environment, TRACKING_ID, type World } from './world.js';

/** A short retry budget, so that throttles and faults can outlast it within a round. */
export function writerOptionsFor(world: World, environment: Environment): RecordWriterOptions {
  return {
    transport: environment.transport,
    trackingId: TRACKING_ID,
    datasets: { users: world.usersArn },
    clock: world.clock,
    random: seededRandom(7),
    retry: { retries: 3, initialDelayMs: 50, maxDelayMs: 400 },
  };
}

/** The SQS consumer; `given` makes it on a writer of its own module scope instead of from writerOptions. */
export function sqsConsumer(given = false) {
  return (world: World, environment: Environment): SqsHandler => {
    const writerOptions = writerOptionsFor(world, environment);
    return createSqsHandler({
      ...(given ? { writer: new RecordWriter(writerOptions), clock: world.clock } : { writerOptions }),
      toRecords: (message) => decodeBody(message.body),
      onRejected: (message, record, error) => world.onRejected(message.messageId, record, error),
    });
  };
}

/** The Kinesis consumer. */
export function kinesisConsumer(given = false) {
  return (world: World, environment: Environment): KinesisHandler => {
    const writerOptions = writerOptionsFor(world, environment);
    return createKinesisHandler({
      ...(given ? { writer: new RecordWriter(writerOptions), clock: world.clock } : { writerOptions }),
      toRecords: (record) => decodeBody(Buffer.from(record.kinesis.data, 'base64').toString('utf8')),
      onRejected: (record, decoded, error) => world.onRejected(record.eventID, decoded, error),
    });
  };
}
