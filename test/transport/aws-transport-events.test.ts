/**
 * AwsTransport's Events calls with the real SDK client, over HTTP, against a local endpoint backed by MemoryTransport.
 */
import { PersonalizeEventsClient } from '@aws-sdk/client-personalize-events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AbortedError, InvalidInputError, NotFoundError, ThrottledError, TransientError } from '../../src/errors.js';
import { AwsTransport } from '../../src/transport/aws/aws-transport.js';
import type { WireEvent } from '../../src/transport/transport.js';
import { type AwsOverLocal, startAwsOverLocal, testCredentials } from './aws-local-fixture.js';
import { setUpShop } from './memory-fixtures.js';

let running: AwsOverLocal | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(options: Parameters<typeof startAwsOverLocal>[0] = {}) {
  running = await startAwsOverLocal(options);
  return { ...running, shop: setUpShop(running.backing) };
}

// Milliseconds on purpose: the wire carries epoch seconds as a float, and they must come back to the millisecond.
const sentAt = new Date('2026-03-04T05:06:07.891Z');
const event = (n: number): WireEvent => ({ eventId: `e${n}`, eventType: 'click', sentAt, itemId: `i${n}` });

async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected the call to reject');
    },
    (error: Error) => error,
  );
}

describe('AwsTransport: Events API round trips', () => {
  it('delivers PutEvents with every member, times intact to the millisecond', async () => {
    const { transport, backing, shop } = await start();
    const full: WireEvent = {
      ...event(1),
      eventValue: 4.5,
      properties: '{"numRatings":3}',
      recommendationId: 'rec-1',
      impression: ['i1', 'i2'],
      metricAttribution: { eventAttributionSource: 'email' },
    };
    await transport.putEvents({
      trackingId: shop.trackingId,
      sessionId: 's1',
      userId: 'u1',
      eventList: [full, event(2)],
    });
    expect(backing.events(shop.trackingId)).toEqual([
      { ...full, trackingId: shop.trackingId, sessionId: 's1', userId: 'u1' },
      { ...event(2), trackingId: shop.trackingId, sessionId: 's1', userId: 'u1' },
    ]);
  });

  it('delivers PutUsers, PutItems and PutActions as upserts', async () => {
    const { transport, backing, shop } = await start();
    await transport.putUsers({
      datasetArn: shop.usersArn,
      users: [{ userId: 'u1', properties: '{"membership":"gold"}' }],
    });
    await transport.putItems({
      datasetArn: shop.itemsArn,
      items: [{ itemId: 'i1' }, { itemId: 'i2', properties: '{}' }],
    });
    await transport.putActions({ datasetArn: shop.actionsArn, actions: [{ actionId: 'a1' }] });
    expect(backing.users(shop.usersArn)).toEqual([{ userId: 'u1', properties: '{"membership":"gold"}' }]);
    expect(backing.items(shop.itemsArn)).toEqual([{ itemId: 'i1' }, { itemId: 'i2', properties: '{}' }]);
    expect(backing.actions(shop.actionsArn)).toEqual([{ actionId: 'a1' }]);
  });

  it('delivers PutActionInteractions with its timestamp intact', async () => {
    const { transport, backing, shop } = await start();
    const record = {
      actionId: 'a1',
      sessionId: 's1',
      eventType: 'Taken',
      timestamp: new Date('2026-03-04T05:06:07.001Z'),
      userId: 'u1',
      eventId: 'x1',
      impression: ['a1', 'a2'],
    };
    await transport.putActionInteractions({ trackingId: shop.actionTrackingId, actionInteractions: [record] });
    expect(backing.actionInteractions(shop.actionTrackingId)).toEqual([
      { ...record, trackingId: shop.actionTrackingId },
    ]);
  });
});

describe('AwsTransport: Events API errors', () => {
  it('maps InvalidInputException to InvalidInputError, with name, status and the service message', async () => {
    const { transport, shop } = await start();
    const eleven = Array.from({ length: 11 }, (_, n) => event(n));
    const error = await rejection(
      transport.putEvents({ trackingId: shop.trackingId, sessionId: 's', eventList: eleven }),
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ serviceErrorName: 'InvalidInputException', statusCode: 400 });
    expect(error.message).toMatch(/eventList/);
  });

  it('maps ResourceNotFoundException to NotFoundError', async () => {
    const { transport } = await start();
    const error = await rejection(transport.putEvents({ trackingId: 'nope', sessionId: 's', eventList: [event(1)] }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ serviceErrorName: 'ResourceNotFoundException', statusCode: 404 });
  });

  it.each([400, 429] as const)('maps the endpoint quota (throttle status %i) to ThrottledError', async (status) => {
    const { transport, shop, backing } = await start({
      endpoint: { quota: { requestsPerSecond: 1, burst: 1 }, throttleStatus: status },
    });
    await transport.putItems({ datasetArn: shop.itemsArn, items: [{ itemId: 'i1' }] });
    const error = await rejection(transport.putItems({ datasetArn: shop.itemsArn, items: [{ itemId: 'i2' }] }));
    expect(error).toBeInstanceOf(ThrottledError);
    expect(error).toMatchObject({ serviceErrorName: 'ThrottlingException', statusCode: status });
    expect(backing.items(shop.itemsArn)).toEqual([{ itemId: 'i1' }]);
  });

  it('maps a scripted throttle to ThrottledError and keeps retry-after seconds', async () => {
    const { transport, shop, backing } = await start();
    backing.failNext(1, { error: new ThrottledError('Rate exceeded', { retryAfterSeconds: 2 }) });
    const error = await rejection(transport.putUsers({ datasetArn: shop.usersArn, users: [{ userId: 'u' }] }));
    expect(error).toBeInstanceOf(ThrottledError);
    expect(error).toMatchObject({ retryAfterSeconds: 2, message: 'Rate exceeded' });
  });

  it('maps 500 InternalFailure and 503 ServiceUnavailable to TransientError', async () => {
    const { transport, shop, backing } = await start();
    backing.failNext(1, {
      error: new TransientError('down', { statusCode: 503, serviceErrorName: 'ServiceUnavailable' }),
    });
    const put = () => transport.putUsers({ datasetArn: shop.usersArn, users: [{ userId: 'u' }] });
    expect(await rejection(put())).toMatchObject({
      code: 'TRANSIENT',
      statusCode: 503,
      serviceErrorName: 'ServiceUnavailable',
    });
    backing.failNext(1);
    expect(await rejection(put())).toMatchObject({
      code: 'TRANSIENT',
      statusCode: 500,
      serviceErrorName: 'InternalFailure',
    });
  });

  it('maps a refused connection to TransientError', async () => {
    const { transport, endpoint, shop } = await start();
    await endpoint.close();
    const error = await rejection(
      transport.putEvents({ trackingId: shop.trackingId, sessionId: 's', eventList: [event(1)] }),
    );
    expect(error).toBeInstanceOf(TransientError);
  });
});

describe('AwsTransport: one layer of retry', () => {
  it('sends exactly one HTTP request per call on the clients it builds (maxAttempts 1), even on faults', async () => {
    const { transport, shop, endpoint } = await start({ endpoint: { transientFaultRate: 1 } });
    await expect(
      transport.putEvents({ trackingId: shop.trackingId, sessionId: 's', eventList: [event(1)] }),
    ).rejects.toThrow(TransientError);
    expect(endpoint.stats()).toMatchObject({ requests: 1, faults: 1 });
  });

  it('sends one request on a throttle too', async () => {
    const { transport, shop, backing, endpoint } = await start();
    backing.throttleNext(5);
    await expect(transport.putItems({ datasetArn: shop.itemsArn, items: [{ itemId: 'i' }] })).rejects.toThrow(
      ThrottledError,
    );
    expect(endpoint.stats().byCall.putItems?.requests).toBe(1);
  });

  it('leaves a client passed in as it is: its own retry multiplies the requests', async () => {
    const { endpoint, shop, backing } = await start({ endpoint: { transientFaultRate: 1 } });
    const events = new PersonalizeEventsClient({
      endpoint: endpoint.url,
      region: 'us-east-1',
      credentials: testCredentials,
      maxAttempts: 2,
    });
    const transport = AwsTransport.fromClients({ events });
    try {
      await expect(
        transport.putEvents({ trackingId: shop.trackingId, sessionId: 's', eventList: [event(1)] }),
      ).rejects.toThrow(TransientError);
      expect(endpoint.stats().requests).toBe(2);
      expect(backing.events()).toEqual([]);
    } finally {
      transport.destroy();
      events.destroy();
    }
  });
});

describe('AwsTransport: abort', () => {
  it('rejects with AbortedError, sending nothing, when the signal has already aborted', async () => {
    const { transport, shop, endpoint } = await start();
    const signal = AbortSignal.abort();
    const call = transport.putEvents(
      { trackingId: shop.trackingId, sessionId: 's', eventList: [event(1)] },
      { signal },
    );
    await expect(call).rejects.toThrow(AbortedError);
    expect(endpoint.stats().requests).toBe(0);
  });

  it('aborts a call in flight', async () => {
    const { transport, shop, clock, backing } = await start({ endpoint: { latencyMs: 1000 } });
    const controller = new AbortController();
    const call = transport.putEvents(
      { trackingId: shop.trackingId, sessionId: 's', eventList: [event(1)] },
      { signal: controller.signal },
    );
    await vi.waitFor(() => expect(clock.pendingTimers).toBe(1));
    controller.abort();
    await expect(call).rejects.toThrow(AbortedError);
    expect(backing.events()).toEqual([]);
  });
});
