// createSqsHandler against the SQS event source's contract, one behaviour at a time, on a MemoryTransport and a
// ManualClock (test/lambda/support/world.ts): what is acknowledged, what is listed for redelivery, what onRejected
// hears, the event ids it derives, the deadline, the full-batch failure.
import { describe, expect, it, vi } from 'vitest';
import { FatalTransportError, InvalidInputError, InvalidOptionsError } from '../../src/errors.js';
import { BatchFailedError, DeadlineError, ToRecordsError } from '../../src/lambda/lambda-errors.js';
import type { LambdaRecord } from '../../src/lambda/lambda-record.js';
import { createSqsHandler } from '../../src/lambda/sqs-handler.js';
import { RecordValidationError } from '../../src/records/record-validation-error.js';
import { RecordWriter } from '../../src/writer/record-writer.js';
import { writerOptionsFor } from './support/handlers.js';
import { invoke } from './support/invoke.js';
import { messageIdOf, sqsEvent, sqsMessage } from './support/payloads.js';
import { bodyOf, decodeBody, type RecordSpec, TRACKING_ID, World } from './support/world.js';

function setUp(options: { onRejected?: (id: string, record: LambdaRecord | undefined, error: unknown) => void } = {}) {
  const world = new World();
  const environment = world.environment();
  const heard: { id: string; record: LambdaRecord | undefined; error: unknown }[] = [];
  const handler = createSqsHandler({
    writerOptions: writerOptionsFor(world, environment),
    toRecords: (message) => decodeBody(message.body),
    onRejected: (message, record, error) => {
      options.onRejected?.(message.messageId, record, error);
      heard.push({ id: message.messageId, record, error });
    },
  });
  const message = (n: number, records: RecordSpec[]) =>
    sqsMessage({ messageId: messageIdOf(n), body: bodyOf({ records }) });
  const run = (messages: ReturnType<typeof message>[], timeoutMs = 3000) =>
    invoke(world, handler, sqsEvent(messages), timeoutMs);
  return { world, handler, heard, message, run };
}

const good = (key: string, extra: Partial<RecordSpec> = {}): RecordSpec => ({
  key,
  kind: 'event',
  fate: 'good',
  ...extra,
});

describe('createSqsHandler', () => {
  it('writes every record of every message, flushes before it answers, and acknowledges them all', async () => {
    const { world, message, run } = setUp();
    const outcome = await run([message(1, [good('a'), good('b')]), message(2, []), message(3, [good('c')])]);
    expect(outcome).toEqual({ answered: { batchItemFailures: [] } });
    expect(world.memory.events(TRACKING_ID).map((event) => event.itemId)).toEqual(['a', 'b', 'c']);
  });

  it('gives an event without eventId one derived from the message id and its index; keeps the producer’s', async () => {
    const { world, message, run } = setUp();
    await run([message(1, [good('a'), good('b', { eventId: 'from-the-producer' })]), message(2, [good('c')])]);
    const ids = world.memory.events(TRACKING_ID).map((event) => event.eventId);
    expect(ids).toEqual([`${messageIdOf(1)}#0`, 'from-the-producer', `${messageIdOf(2)}#0`]);
  });

  it('lists a message whose records were throttled past the retry budget, and acknowledges the others', async () => {
    const { world, message, run } = setUp();
    // The PutEvents call is throttled on all its 4 attempts; the PutUsers call goes through.
    world.memory.throttleNext(4, { call: 'putEvents' });
    const outcome = await run([message(1, [good('aaaa1')]), message(2, [good('bbbb1', { kind: 'user' })])]);
    expect(outcome).toEqual({ answered: { batchItemFailures: [{ itemIdentifier: messageIdOf(1) }] } });
    expect(world.memory.events(TRACKING_ID)).toEqual([]);
    expect(world.memory.users(world.usersArn).map((user) => user.userId)).toEqual(['bbbb1']);
  });

  it('passes a record the service rejects to onRejected with the service’s message, and acknowledges it', async () => {
    const { world, heard, message, run } = setUp();
    const outcome = await run([message(1, [good('aaaa1'), { key: 'aaaa2', kind: 'event', fate: 'rejected' }])]);
    expect(outcome).toEqual({ answered: { batchItemFailures: [] } });
    expect(world.memory.events(TRACKING_ID).map((event) => event.itemId)).toEqual(['aaaa1']);
    expect(heard).toHaveLength(1);
    expect(heard[0]?.id).toBe(messageIdOf(1));
    expect(heard[0]?.record).toMatchObject({ kind: 'event', record: { itemId: 'poison-aaaa2' } });
    expect(heard[0]?.error).toBeInstanceOf(InvalidInputError);
    expect(heard[0]?.error).toMatchObject({ message: 'Invalid id poison-aaaa2' });
  });

  it('refuses an event without sentAt (never stamped with the processing time) and acknowledges its message', async () => {
    const { world, heard, message, run } = setUp();
    const outcome = await run([message(1, [{ key: 'nosent', kind: 'event', fate: 'refused' }, good('a')])]);
    expect(outcome).toEqual({ answered: { batchItemFailures: [] } });
    expect(world.memory.events(TRACKING_ID).map((event) => event.itemId)).toEqual(['a']);
    expect(heard[0]?.error).toBeInstanceOf(RecordValidationError);
    expect(heard[0]?.error).toMatchObject({ field: 'sentAt', rule: 'required' });
  });

  it('treats a toRecords that throws as a poison message: onRejected gets a ToRecordsError naming the message', async () => {
    const { world, heard, run } = setUp();
    const bad = sqsMessage({ messageId: messageIdOf(9), body: '{ not json' });
    const outcome = await run([bad]);
    expect(outcome).toEqual({ answered: { batchItemFailures: [] } });
    expect(heard).toHaveLength(1);
    expect(heard[0]?.record).toBeUndefined();
    const error = heard[0]?.error as ToRecordsError;
    expect(error).toBeInstanceOf(ToRecordsError);
    expect(error.code).toBe('TO_RECORDS_FAILED');
    expect(error.messageId).toBe(messageIdOf(9));
    expect(error.message).toContain(messageIdOf(9));
    expect(error.cause).toBeInstanceOf(SyntaxError);
    expect(world.memory.callsOf('putEvents')).toHaveLength(0);
  });

  it('lists a message whose onRejected throws, and calls onRejected again only when the message comes back', async () => {
    let down = true;
    const { heard, message, run } = setUp({
      onRejected: () => {
        if (down) throw new Error('the dead-letter queue is down');
      },
    });
    const poison = message(1, [{ key: 'aaaa2', kind: 'event', fate: 'rejected' }]);
    const other = message(2, [good('bbbb1')]);
    expect(await run([poison, other])).toEqual({
      answered: { batchItemFailures: [{ itemIdentifier: messageIdOf(1) }] },
    });
    down = false;
    expect(await run([poison])).toEqual({ answered: { batchItemFailures: [] } });
    expect(heard.map((h) => h.id)).toEqual([messageIdOf(1)]);
  });

  it('does not pass the poison of a message it lists to onRejected: it will hear it once the message is handled', async () => {
    const { world, heard, message, run } = setUp();
    const mixed = message(1, [{ key: 'aaaa2', kind: 'event', fate: 'rejected' }, good('bbbb1', { kind: 'user' })]);
    // The poison event is rejected; the good user is throttled out.
    world.memory.throttleNext(4, { call: 'putUsers' });
    const first = await run([mixed, message(2, [good('cccc1')])]);
    expect(first).toEqual({ answered: { batchItemFailures: [{ itemIdentifier: messageIdOf(1) }] } });
    expect(heard).toHaveLength(0);
    expect(await run([mixed])).toEqual({ answered: { batchItemFailures: [] } });
    expect(heard).toHaveLength(1);
  });

  it('lists, at the deadline, the messages whose records have not settled, and answers before Lambda stops it', async () => {
    const { world, message, run } = setUp();
    // Every attempt fails: retries and back-off take longer than the 500 ms left after the margin.
    world.memory.failNext(1000);
    const started = world.clock.now();
    const outcome = await run([message(1, [good('aaaa1')]), message(2, [])], 1500);
    expect(outcome).toEqual({ answered: { batchItemFailures: [{ itemIdentifier: messageIdOf(1) }] } });
    expect(world.clock.now() - started).toBeLessThan(1500);
    world.memory.clearScripts();
    world.installRejecter();
    // The message comes back: its event is stored once, under the same id.
    expect(await run([message(1, [good('aaaa1')])])).toEqual({ answered: { batchItemFailures: [] } });
    await world.clock.advance(60_000);
    expect(world.memory.events(TRACKING_ID).map((event) => event.eventId)).toEqual([`${messageIdOf(1)}#0`]);
  });

  it('acknowledges, at the deadline, a message whose records were delivered before it; lists the others', async () => {
    const { world, message, run } = setUp();
    // The PutEvents calls fail on every attempt until past the deadline (100 ms after the margin); the PutUsers call
    // is delivered at once.
    world.memory.failNext(1000, { call: 'putEvents' });
    const outcome = await run(
      [message(1, [good('aaaa1')]), message(2, [good('bbbb1', { kind: 'user' })]), message(3, [good('cccc1')])],
      1100,
    );
    expect(outcome).toEqual({
      answered: { batchItemFailures: [{ itemIdentifier: messageIdOf(1) }, { itemIdentifier: messageIdOf(3) }] },
    });
  });

  it('reports a deadline failure once: what the cut-off writer says later changes no later answer', async () => {
    const { world, message, run } = setUp();
    world.memory.failNext(1000);
    const first = await run([message(1, [good('aaaa1')]), message(2, [])], 1100);
    expect(first).toEqual({ answered: { batchItemFailures: [{ itemIdentifier: messageIdOf(1) }] } });
    world.memory.clearScripts();
    world.installRejecter();
    await world.clock.advance(60_000);
    const second = await run([message(3, [good('cccc1')])]);
    expect(second).toEqual({ answered: { batchItemFailures: [] } });
    // The cut-off writer was closed at once: the record it had not sent is not stored (its message comes back).
    expect(world.memory.events(TRACKING_ID).map((event) => event.itemId)).toEqual(['cccc1']);
  });

  it('throws one BatchFailedError when nothing could be handled (access denied), and recovers with a new writer', async () => {
    const { world, message, run } = setUp();
    world.memory.failNext(1, { error: new FatalTransportError('AccessDeniedException: not authorized') });
    const outcome = await run([message(1, [good('aaaa1')]), message(2, [good('aaaa2')])]);
    expect('threw' in outcome).toBe(true);
    const error = (outcome as { threw: BatchFailedError }).threw;
    expect(error).toBeInstanceOf(BatchFailedError);
    expect(error.code).toBe('BATCH_FAILED');
    expect(error.failureCode).toBe('FATAL');
    expect(error.messages).toBe(2);
    expect(error.message).toContain('AccessDeniedException: not authorized');
    expect(await run([message(1, [good('aaaa1')])])).toEqual({ answered: { batchItemFailures: [] } });
  });

  it('answers an empty batch without a call', async () => {
    const { world, handler } = setUp();
    expect(await handler(sqsEvent([]))).toEqual({ batchItemFailures: [] });
    expect(world.memory.callsOf('putEvents')).toHaveLength(0);
  });

  it('uses a given writer across invocations and never closes it', async () => {
    const world = new World();
    const writer = new RecordWriter(writerOptionsFor(world, world.environment()));
    const handler = createSqsHandler({ writer, clock: world.clock, toRecords: (m) => decodeBody(m.body) });
    for (const n of [1, 2]) {
      const event = sqsEvent([sqsMessage({ messageId: messageIdOf(n), body: bodyOf({ records: [good(`k${n}`)] }) })]);
      expect(await invoke(world, handler, event, 3000)).toEqual({ answered: { batchItemFailures: [] } });
    }
    expect(writer.closed).toBe(false);
    expect(writer.stats.accepted).toBe(2);
  });

  it('lists every message when a given writer is cut off by the deadline (it cannot say what it delivered)', async () => {
    const world = new World();
    const writer = new RecordWriter(writerOptionsFor(world, world.environment()));
    const handler = createSqsHandler({ writer, clock: world.clock, toRecords: (m) => decodeBody(m.body) });
    world.memory.failNext(1, { call: 'putEvents' });
    const event = sqsEvent([
      sqsMessage({ messageId: messageIdOf(1), body: bodyOf({ records: [good('aaaa1')] }) }),
      sqsMessage({ messageId: messageIdOf(2), body: bodyOf({ records: [] }) }),
    ]);
    const outcome = await invoke(world, handler, event, 1010);
    expect(outcome).toEqual({ answered: { batchItemFailures: [{ itemIdentifier: messageIdOf(1) }] } });
  });
});

describe('createSqsHandler options', () => {
  const world = new World();
  const writerOptions = writerOptionsFor(world, world.environment());
  const toRecords = () => [];

  it.each([
    [{ toRecords }, 'Expected one of `writer` and `writerOptions`, got neither'],
    [{ toRecords, writerOptions, writer: new RecordWriter(writerOptions) }, 'got both'],
    [
      { toRecords, writerOptions, deadlineMarginMs: -1 },
      'Expected `deadlineMarginMs` to be an integer in 0..2147483647',
    ],
    [{ toRecords, writerOptions, batchSize: 10 }, 'Unknown option `batchSize`'],
    [{ writerOptions }, 'Expected `toRecords` to be a function'],
    [{ toRecords, writerOptions: { ...writerOptions, maxBatchSize: 11 } }, 'Expected `maxBatchSize`'],
    [{ toRecords, writer: {} }, 'Expected `writer` to be a RecordWriter'],
  ])('refuses %o at creation', (options, message) => {
    expect(() => createSqsHandler(options as never)).toThrow(InvalidOptionsError);
    expect(() => createSqsHandler(options as never)).toThrow(message);
  });

  it('logs each poison record as one JSON line when no onRejected is given', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const handler = createSqsHandler({ writerOptions, toRecords: (m) => decodeBody(m.body) });
      const bad = sqsMessage({ messageId: messageIdOf(5), body: 'nope' });
      expect(await invoke(world, handler, sqsEvent([bad]), 3000)).toEqual({ answered: { batchItemFailures: [] } });
      expect(warn).toHaveBeenCalledTimes(1);
      const line = String(warn.mock.calls[0]?.[0]);
      expect(line.startsWith('personalize-import: {')).toBe(true);
      expect(JSON.parse(line.slice('personalize-import: '.length))).toMatchObject({
        rejected: messageIdOf(5),
        code: 'TO_RECORDS_FAILED',
      });
    } finally {
      warn.mockRestore();
    }
  });

  it('names the deadline as the reason of a deadline failure', () => {
    expect(new DeadlineError(500)).toMatchObject({ code: 'DEADLINE', name: 'DeadlineError' });
  });
});
