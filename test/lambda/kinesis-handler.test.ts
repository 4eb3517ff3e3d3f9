// createKinesisHandler against the Kinesis event source's contract: a shard is ordered, so the answer lists the
// lowest sequence number not handled and every later one of that shard; poison does not block the shard.
import { describe, expect, it } from 'vitest';
import { createKinesisHandler } from '../../src/lambda/kinesis-handler.js';
import { sourceEventId } from '../../src/lambda/source-event-id.js';
import { MAX_ID_LENGTH } from '../../src/limits.js';
import { writerOptionsFor } from './support/handlers.js';
import { invoke } from './support/invoke.js';
import { kinesisEvent, kinesisRecord, SEQUENCE_BASE } from './support/payloads.js';
import { bodyOf, decodeBody, type RecordSpec, TRACKING_ID, World } from './support/world.js';

const SHARD = 'shardId-000000000001';
const seq = (n: number) => (SEQUENCE_BASE + BigInt(n) * 7n).toString();

function setUp() {
  const world = new World();
  const heard: string[] = [];
  const handler = createKinesisHandler({
    writerOptions: writerOptionsFor(world, world.environment()),
    toRecords: (record) => decodeBody(Buffer.from(record.kinesis.data, 'base64').toString('utf8')),
    onRejected: (record) => {
      heard.push(record.kinesis.sequenceNumber);
    },
  });
  const record = (n: number, records: RecordSpec[], shardId = SHARD) =>
    kinesisRecord({ shardId, sequenceNumber: seq(n), data: bodyOf({ records }) });
  const run = (records: ReturnType<typeof record>[], timeoutMs = 3000) =>
    invoke(world, handler, kinesisEvent(records), timeoutMs);
  return { world, heard, record, run };
}

const event = (key: string): RecordSpec => ({ key, kind: 'event', fate: 'good' });
const user = (key: string): RecordSpec => ({ key, kind: 'user', fate: 'good' });

describe('createKinesisHandler', () => {
  it('acknowledges the whole batch when every record is delivered, with event ids from shard and sequence', async () => {
    const { world, record, run } = setUp();
    expect(await run([record(1, [event('a')]), record(2, [event('b'), event('c')])])).toEqual({
      answered: { batchItemFailures: [] },
    });
    expect(world.memory.events(TRACKING_ID).map((e) => e.eventId)).toEqual([
      `${SHARD}:${seq(1)}#0`,
      `${SHARD}:${seq(2)}#0`,
      `${SHARD}:${seq(2)}#1`,
    ]);
  });

  it('lists the lowest sequence number not delivered and every later one, delivered or not', async () => {
    const { world, record, run } = setUp();
    world.memory.throttleNext(4, { call: 'putUsers' });
    const outcome = await run([record(1, [event('a')]), record(2, [user('u')]), record(3, [event('b')])]);
    expect(outcome).toEqual({
      answered: { batchItemFailures: [{ itemIdentifier: seq(2) }, { itemIdentifier: seq(3) }] },
    });
    // Record 3 was delivered, and will be again when the shard restarts at 2: the same event id, stored once.
    expect(world.memory.events(TRACKING_ID).map((e) => e.itemId)).toEqual(['a', 'b']);
  });

  it('lets poison pass: onRejected hears it in shard order and the shard moves on', async () => {
    const { heard, record, run } = setUp();
    const outcome = await run([
      record(1, [{ key: 'p1', kind: 'event', fate: 'rejected' }]),
      record(2, [event('a')]),
      record(3, [{ key: 'p2', kind: 'event', fate: 'refused' }]),
    ]);
    expect(outcome).toEqual({ answered: { batchItemFailures: [] } });
    expect(heard).toEqual([seq(1), seq(3)]);
  });

  it('does not tell onRejected of poison after the first failure of its shard', async () => {
    const { world, heard, record, run } = setUp();
    world.memory.throttleNext(4, { call: 'putUsers' });
    const outcome = await run([
      record(0, [event('a')]),
      record(1, [user('u')]),
      record(2, [{ key: 'p1', kind: 'event', fate: 'rejected' }]),
    ]);
    expect(outcome).toEqual({
      answered: { batchItemFailures: [{ itemIdentifier: seq(1) }, { itemIdentifier: seq(2) }] },
    });
    expect(heard).toEqual([]);
  });

  it('orders each shard by sequence number as an integer, apart from the others', async () => {
    const { world, record, run } = setUp();
    world.memory.throttleNext(4, { call: 'putUsers' });
    // Sequence numbers of different lengths: compared as strings, 9 would come after 10.
    const short = kinesisRecord({ shardId: SHARD, sequenceNumber: '9', data: bodyOf({ records: [user('u')] }) });
    const long = kinesisRecord({ shardId: SHARD, sequenceNumber: '10', data: bodyOf({ records: [event('a')] }) });
    const other = record(5, [event('b')], 'shardId-000000000002');
    const outcome = await run([short, other, long]);
    expect(outcome).toEqual({ answered: { batchItemFailures: [{ itemIdentifier: '9' }, { itemIdentifier: '10' }] } });
    expect(
      world.memory
        .events(TRACKING_ID)
        .map((e) => e.itemId)
        .sort(),
    ).toEqual(['a', 'b']);
  });
});

describe('sourceEventId', () => {
  it('is `<source>#<index>` when that fits the service’s 256 characters', () => {
    expect(sourceEventId('059f36b4-87a3-44ab-83d2-661975830a7d', 2)).toBe('059f36b4-87a3-44ab-83d2-661975830a7d#2');
  });

  it('hashes a source too long for the limit, the same way every time, distinct per source and index', () => {
    const long = `shardId-${'9'.repeat(120)}:${'1'.repeat(129)}`;
    const id = sourceEventId(long, 3);
    expect(id).toMatch(/^[0-9a-f]{64}#3$/);
    expect(id.length).toBeLessThanOrEqual(MAX_ID_LENGTH);
    expect(sourceEventId(long, 3)).toBe(id);
    expect(sourceEventId(`${long}2`, 3)).not.toBe(id);
    expect(sourceEventId(long, 4)).not.toBe(id);
  });
});
