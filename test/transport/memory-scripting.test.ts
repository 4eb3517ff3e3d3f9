import { beforeEach, describe, expect, it } from 'vitest';
import {
  FatalTransportError,
  InvalidInputError,
  InvalidOptionsError,
  NotFoundError,
  ThrottledError,
  TransientError,
} from '../../src/errors.js';
import type { MemoryTransportOptions } from '../../src/transport/memory/memory-options.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { ManualClock } from '../../src/util/manual-clock.js';
import { type Shop, setUpShop } from './memory-fixtures.js';

let clock: ManualClock;
let transport: MemoryTransport;
let shop: Shop;
const putUser = (userId = 'u1') => transport.putUsers({ datasetArn: shop.usersArn, users: [{ userId }] });
const putItem = (itemId = 'i1') => transport.putItems({ datasetArn: shop.itemsArn, items: [{ itemId }] });

beforeEach(() => {
  clock = new ManualClock();
  transport = new MemoryTransport({ clock });
  shop = setUpShop(transport);
});

describe('throttleNext', () => {
  it('throttles the next N calls, then lets calls through', async () => {
    transport.throttleNext(2);
    await expect(putUser()).rejects.toThrow(ThrottledError);
    await expect(putItem()).rejects.toMatchObject({ code: 'THROTTLED', serviceErrorName: 'ThrottlingException' });
    await putUser();
    expect(transport.history.map((call) => call.outcome)).toEqual(['error', 'error', 'ok']);
    expect(transport.users(shop.usersArn)).toHaveLength(1);
  });

  it('throttles only the call type it names', async () => {
    transport.throttleNext(1, { call: 'putItems' });
    await putUser();
    await expect(putItem()).rejects.toThrow(ThrottledError);
    await putItem();
  });

  it('applies to control-plane calls too', async () => {
    transport.throttleNext(1, { call: 'describeDataset' });
    await expect(transport.describeDataset(shop.usersArn)).rejects.toThrow(ThrottledError);
    await expect(transport.describeDataset(shop.usersArn)).resolves.toMatchObject({ datasetType: 'Users' });
  });

  it('is removed by its disposer', async () => {
    const remove = transport.throttleNext(5);
    await expect(putUser()).rejects.toThrow(ThrottledError);
    remove();
    await putUser();
  });

  it('refuses a count below 1', () => {
    expect(() => transport.throttleNext(0)).toThrow('Expected `count` to be an integer >= 1, got `0`');
  });
});

describe('failNext', () => {
  it('fails with a TransientError by default', async () => {
    transport.failNext();
    const call = putUser();
    await expect(call).rejects.toThrow(TransientError);
    await expect(call).rejects.toMatchObject({ statusCode: 500, serviceErrorName: 'InternalFailure' });
    await putUser();
  });

  it('fails with the given error, or with what a factory makes per call', async () => {
    const denied = new FatalTransportError('Access denied');
    transport.failNext(1, { error: denied });
    await expect(putUser()).rejects.toBe(denied);
    transport.failNext(2, { call: 'putItems', error: (call) => new NotFoundError(`no ${call}`) });
    await expect(putItem()).rejects.toThrow('no putItems');
    await expect(putItem()).rejects.toThrow(NotFoundError);
    await putItem();
  });

  it('leaves stored data untouched when a call fails', async () => {
    transport.failNext();
    await expect(putUser()).rejects.toThrow();
    expect(transport.users(shop.usersArn)).toEqual([]);
  });
});

describe('rejectRecords', () => {
  it('rejects the whole call when one record matches, with the given message', async () => {
    transport.rejectRecords((record) =>
      'userId' in record && record.userId === 'bad' ? 'Invalid user bad' : undefined,
    );
    const call = transport.putUsers({ datasetArn: shop.usersArn, users: [{ userId: 'ok' }, { userId: 'bad' }] });
    await expect(call).rejects.toThrow(InvalidInputError);
    await expect(call).rejects.toThrow('Invalid user bad');
    expect(transport.users(shop.usersArn)).toEqual([]);
    await putUser('ok');
    expect(transport.users(shop.usersArn)).toEqual([{ userId: 'ok' }]);
  });

  it('passes the call name and input, and stops once removed', async () => {
    const seen: string[] = [];
    const remove = transport.rejectRecords((_record, call, input) => {
      seen.push(call);
      return 'sessionId' in input && input.sessionId === 'blocked' ? 'blocked session' : undefined;
    });
    const events = [{ eventId: 'e1', eventType: 'click', sentAt: new Date() }];
    await expect(
      transport.putEvents({ trackingId: shop.trackingId, sessionId: 'blocked', eventList: events }),
    ).rejects.toThrow('blocked session');
    remove();
    await transport.putEvents({ trackingId: shop.trackingId, sessionId: 'blocked', eventList: events });
    expect(seen).toEqual(['putEvents']);
  });

  it('all scripts go with clearScripts', async () => {
    transport.rejectRecords(() => 'no');
    transport.throttleNext(3);
    transport.clearScripts();
    await putUser();
  });
});

describe('requestsPerSecond', () => {
  it('throttles calls beyond the quota and refills on the clock, per call type', async () => {
    const limited = new MemoryTransport({ clock, requestsPerSecond: { putUsers: 2 } });
    const { usersArn, itemsArn } = setUpShop(limited);
    const put = () => limited.putUsers({ datasetArn: usersArn, users: [{ userId: 'u1' }] });
    await put();
    await put();
    await expect(put()).rejects.toThrow(ThrottledError);
    for (let n = 0; n < 5; n += 1) await limited.putItems({ datasetArn: itemsArn, items: [{ itemId: 'i1' }] });
    await clock.advance(499);
    await expect(put()).rejects.toThrow(ThrottledError);
    await clock.advance(1);
    await put();
    await expect(put()).rejects.toThrow(ThrottledError);
  });

  it('validates its options', () => {
    expect(() => new MemoryTransport({ requestsPerSecond: { putUsers: 0 } })).toThrow(InvalidOptionsError);
    expect(() => new MemoryTransport({ requestsPerSecond: { putUsers: 0 } })).toThrow(
      'Expected `requestsPerSecond.putUsers` to be a finite number > 0, got `0`',
    );
    expect(() => new MemoryTransport({ requestsPerSecond: { putUsers: Number.POSITIVE_INFINITY } })).toThrow(
      'Expected `requestsPerSecond.putUsers` to be a finite number > 0, got `Infinity`',
    );
    expect(() => new MemoryTransport({ requestsPerSecond: { nope: 1 } as never })).toThrow(
      'Expected `requestsPerSecond` to be an object keyed by putEvents | putUsers | putItems | putActions | putActionInteractions, got `"nope"`',
    );
    expect(() => new MemoryTransport({ jobTimings: { pendingMs: -1 } })).toThrow(
      'Expected `jobTimings.pendingMs` to be a finite number >= 0, got `-1`',
    );
    expect(() => new MemoryTransport({ accountId: '12' })).toThrow(
      'Expected `accountId` to be 12 digits (a non-empty string), got `"12"`',
    );
    expect(() => new MemoryTransport({ region: 'mars' })).toThrow(
      'Expected `region` to be a region name like us-east-1 (a non-empty string), got `"mars"`',
    );
  });

  it('checks its injected clock and its flags at construction', () => {
    expect(() => new MemoryTransport({ clock: { now: () => 0 } as never })).toThrow(
      'Expected `clock` to be a Clock (now, sleep, setTimer), with a method `sleep`, got `an object`',
    );
    expect(() => new MemoryTransport({ clock: 5 as never })).toThrow(
      'Expected `clock` to be a Clock (now, sleep, setTimer), got `5`',
    );
    expect(() => new MemoryTransport({ strict: 'no' as never })).toThrow(
      'Expected `strict` to be a boolean, got `"no"`',
    );
    expect(() => new MemoryTransport({ rejectConcurrentImports: 1 as never })).toThrow(
      'Expected `rejectConcurrentImports` to be a boolean, got `1`',
    );
    expect(() => new MemoryTransport({ requestsPerSecond: 5 as never })).toThrow(
      'Expected `requestsPerSecond` to be an object, got `5`',
    );
  });

  it('takes `undefined` for the default, and keeps a 0 it is given', () => {
    // From JavaScript (the types leave `undefined` out, as `Partial` does under exactOptionalPropertyTypes).
    const options = {
      latencyMs: undefined,
      strict: undefined,
      jobTimings: { pendingMs: 0 },
    } as unknown as MemoryTransportOptions;
    const transport = new MemoryTransport(options);
    expect(transport.config.latencyMs).toBe(0);
    expect(transport.config.strict).toBe(true);
    expect(transport.config.jobTimings).toEqual({ pendingMs: 0, inProgressMs: 4000 });
  });
});

describe('history', () => {
  it('records every call with its time, and clears', async () => {
    await putUser();
    await clock.advance(1500);
    await expect(
      transport.describeDataset('arn:aws:personalize:us-east-1:123456789012:dataset/x/USERS'),
    ).rejects.toThrow(NotFoundError);
    expect(transport.history).toEqual([
      expect.objectContaining({ call: 'putUsers', at: ManualClock.START, outcome: 'ok' }),
      expect.objectContaining({ call: 'describeDataset', at: ManualClock.START + 1500, outcome: 'error' }),
    ]);
    expect(transport.callsOf('describeDataset')[0]?.input).toMatch(/dataset\/x\/USERS$/);
    transport.clearHistory();
    expect(transport.history).toEqual([]);
    expect(transport.users(shop.usersArn)).toHaveLength(1);
  });
});
