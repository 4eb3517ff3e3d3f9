/**
 * The local endpoint at the HTTP level: exact wire shapes in and out, with raw `fetch` (the SDK-level round trips
 * are in test/transport/aws-transport-*.test.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidInputError, LimitExceededError, NotFoundError } from '../../src/errors.js';
import { type LocalEndpoint, startLocalEndpoint } from '../../src/local-endpoint/local-endpoint.js';
import type { LocalEndpointOptions } from '../../src/local-endpoint/local-endpoint-options.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { ManualClock } from '../../src/util/manual-clock.js';
import { setUpShop } from '../transport/memory-fixtures.js';

let endpoint: LocalEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

async function start(options: Omit<LocalEndpointOptions, 'backing'> = {}) {
  const clock = options.clock ?? new ManualClock();
  const backing = new MemoryTransport({ clock });
  const shop = setUpShop(backing);
  endpoint = await startLocalEndpoint({ backing, ...options, clock });
  return { backing, shop, url: endpoint.url, endpoint };
}

function post(url: string, path: string, body: unknown) {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

function postControl(url: string, operation: string, body: unknown) {
  return fetch(`${url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AmazonPersonalize.${operation}` },
    body: JSON.stringify(body),
  });
}

function eventsBody(trackingId: string) {
  return {
    trackingId,
    sessionId: 's1',
    userId: 'u1',
    eventList: [{ eventType: 'click', sentAt: 1_700_000_000.123, eventId: 'e1', properties: '{"numRatings":3}' }],
  };
}

describe('startLocalEndpoint: Events API (restJson1)', () => {
  it('decodes PutEvents: epoch seconds to a Date to the millisecond, properties kept as a string', async () => {
    const { url, backing, shop } = await start();
    const res = await post(url, '/events', eventsBody(shop.trackingId));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(backing.events(shop.trackingId)).toEqual([
      {
        trackingId: shop.trackingId,
        sessionId: 's1',
        userId: 'u1',
        eventType: 'click',
        sentAt: new Date(1_700_000_000_123),
        eventId: 'e1',
        properties: '{"numRatings":3}',
      },
    ]);
  });

  it('routes each of the five paths to its call', async () => {
    const { url, backing, shop } = await start();
    const ok = [
      await post(url, '/users', {
        datasetArn: shop.usersArn,
        users: [{ userId: 'u', properties: '{"membership":"gold"}' }],
      }),
      await post(url, '/items', { datasetArn: shop.itemsArn, items: [{ itemId: 'i' }] }),
      await post(url, '/actions', { datasetArn: shop.actionsArn, actions: [{ actionId: 'a' }] }),
      await post(url, '/action-interactions', {
        trackingId: shop.actionTrackingId,
        actionInteractions: [
          { actionId: 'a', sessionId: 's', eventType: 'Taken', timestamp: 1_700_000_001.5, userId: 'u' },
        ],
      }),
    ].map((res) => res.status);
    expect(ok).toEqual([200, 200, 200, 200]);
    expect(backing.history.map((r) => r.call)).toEqual(['putUsers', 'putItems', 'putActions', 'putActionInteractions']);
    expect(backing.users(shop.usersArn)).toEqual([{ userId: 'u', properties: '{"membership":"gold"}' }]);
    expect(backing.items(shop.itemsArn)).toEqual([{ itemId: 'i' }]);
    expect(backing.actions(shop.actionsArn)).toEqual([{ actionId: 'a' }]);
    expect(backing.actionInteractions(shop.actionTrackingId)[0]?.timestamp).toEqual(new Date(1_700_000_001_500));
  });

  it('answers a throttle of the backing as ThrottlingException with the configured status', async () => {
    const { url, backing, shop } = await start({ throttleStatus: 429 });
    backing.throttleNext();
    const res = await post(url, '/events', eventsBody(shop.trackingId));
    expect(res.status).toBe(429);
    expect(res.headers.get('x-amzn-errortype')).toBe('ThrottlingException');
    expect(await res.json()).toEqual({ message: 'Rate exceeded for putEvents' });
  });

  it.each([
    [new InvalidInputError('bad'), 400, 'InvalidInputException'],
    [new NotFoundError('gone'), 404, 'ResourceNotFoundException'],
  ])('answers %s from the backing with the status and x-amzn-errortype the SDK reads', async (error, status, name) => {
    const { url, backing, shop } = await start();
    backing.failNext(1, { error });
    const res = await post(url, '/events', eventsBody(shop.trackingId));
    expect(res.status).toBe(status);
    expect(res.headers.get('x-amzn-errortype')).toBe(name);
    expect(await res.json()).toEqual({ message: error.message });
  });

  it('answers an unexpected error of the backing as 500 InternalFailure', async () => {
    const { url, backing, shop } = await start();
    backing.putEvents = async () => {
      throw new TypeError('a bug');
    };
    const res = await post(url, '/events', eventsBody(shop.trackingId));
    expect(res.status).toBe(500);
    expect(res.headers.get('x-amzn-errortype')).toBe('InternalFailure');
  });

  it('refuses a body whose members have the wrong type with InvalidInputException, without forwarding', async () => {
    const { url, backing, shop } = await start();
    const bad = { ...eventsBody(shop.trackingId), eventList: [{ eventType: 'click', sentAt: 'yesterday' }] };
    const res = await post(url, '/events', bad);
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('InvalidInputException');
    expect(((await res.json()) as { message: string }).message).toContain('eventList[0].sentAt');
    expect(backing.history).toEqual([]);
  });

  it('makes up an eventId when the request has none, as the service does', async () => {
    const { url, backing, shop } = await start();
    const body = eventsBody(shop.trackingId);
    const { eventId: _, ...event } = body.eventList[0] as { eventId: string };
    await post(url, '/events', { ...body, eventList: [event] });
    expect(backing.events()[0]?.eventId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 404 UnknownOperationException to a Personalize request elsewhere; the rest is S3', async () => {
    const { url } = await start();
    const authorization =
      'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/personalize/aws4_request, SignedHeaders=host, Signature=0';
    const res = await fetch(`${url}/bucket/key`, { method: 'PUT', body: 'x', headers: { authorization } });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    // Unsigned and not an Events call: S3's PutObject, to a bucket that does not exist.
    const s3 = await fetch(`${url}/bucket/key`, { method: 'PUT', body: 'x' });
    expect(s3.status).toBe(404);
    expect(await s3.text()).toContain('<Code>NoSuchBucket</Code>');
  });
});

describe('startLocalEndpoint: control plane (awsJson1_1)', () => {
  const role = 'arn:aws:iam::123456789012:role/PersonalizeS3';

  it('creates a job (tags as a list, FULL by default) and describes it with epoch-second times', async () => {
    const { url, backing, shop } = await start();
    const res = await postControl(url, 'CreateDatasetImportJob', {
      jobName: 'j1',
      datasetArn: shop.interactionsArn,
      dataSource: { dataLocation: 's3://b/k.csv' },
      roleArn: role,
      tags: [{ tagKey: 'team', tagValue: 'recs' }],
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    const { datasetImportJobArn } = (await res.json()) as { datasetImportJobArn: string };
    expect(backing.callsOf('createDatasetImportJob')[0]?.input).toEqual({
      jobName: 'j1',
      datasetArn: shop.interactionsArn,
      dataLocation: 's3://b/k.csv',
      roleArn: role,
      importMode: 'FULL',
      tags: { team: 'recs' },
    });
    const described = await postControl(url, 'DescribeDatasetImportJob', { datasetImportJobArn });
    expect(await described.json()).toEqual({
      datasetImportJob: {
        jobName: 'j1',
        datasetImportJobArn,
        datasetArn: shop.interactionsArn,
        dataSource: { dataLocation: 's3://b/k.csv' },
        roleArn: role,
        status: 'CREATE PENDING',
        creationDateTime: ManualClock.START / 1000,
        lastUpdatedDateTime: ManualClock.START / 1000,
        importMode: 'FULL',
      },
    });
  });

  it('answers errors as 400 with __type, keeping a name the client classifies the same way', async () => {
    const { url, backing } = await start();
    backing.failNext(2, { error: new LimitExceededError('More than 5 resources with PENDING or IN_PROGRESS status.') });
    const res = await postControl(url, 'DescribeDataset', { datasetArn: 'arn:aws:personalize:us-east-1:1:dataset/x' });
    expect(res.status).toBe(400);
    // DescribeDataset does not declare LimitExceededException: it is answered as one it does, the name kept.
    expect(await res.json()).toEqual({
      __type: 'InvalidInputException',
      message: 'LimitExceededException: More than 5 resources with PENDING or IN_PROGRESS status.',
    });
    const dataSource = { dataLocation: 's3://b/k.csv' };
    const job = { jobName: 'j', datasetArn: 'arn:aws:personalize:us-east-1:1:dataset/x', dataSource };
    const declared = await postControl(url, 'CreateDatasetImportJob', job);
    expect(await declared.json()).toEqual({
      __type: 'LimitExceededException',
      message: 'More than 5 resources with PENDING or IN_PROGRESS status.',
    });
    const badToken = await postControl(url, 'ListDatasetImportJobs', { nextToken: 'not-a-token' });
    expect(((await badToken.json()) as { __type: string }).__type).toBe('InvalidNextTokenException');
  });

  it('answers an unknown target with UnknownOperationException', async () => {
    const { url } = await start();
    const res = await postControl(url, 'CreateSolution', {});
    expect(res.status).toBe(400);
    expect(((await res.json()) as { __type: string }).__type).toBe('UnknownOperationException');
  });
});

describe('startLocalEndpoint: quota, faults, latency, stats, close', () => {
  it('throttles past the quota with the configured status, without forwarding, and counts it', async () => {
    const clock = new ManualClock();
    const { url, backing, shop, endpoint } = await start({
      clock,
      quota: { requestsPerSecond: 2 },
      throttleStatus: 429,
    });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await post(url, '/events', eventsBody(shop.trackingId))).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect(backing.history).toHaveLength(2);
    await clock.advance(500);
    expect((await post(url, '/events', eventsBody(shop.trackingId))).status).toBe(200);
    expect(endpoint.stats()).toMatchObject({ requests: 4, ok: 3, throttled: 1, faults: 0 });
    expect(endpoint.stats().byCall.putEvents).toEqual({ requests: 4, ok: 3, throttled: 1, faults: 0, errors: 0 });
    endpoint.resetStats();
    expect(endpoint.stats()).toMatchObject({ requests: 0, ok: 0, throttled: 0, byCall: {}, maxInFlight: 0 });
  });

  it('injects 500 InternalFailure at transientFaultRate without reaching the backing', async () => {
    const draws = [0.05, 0.5];
    const { url, backing, shop, endpoint } = await start({
      transientFaultRate: 0.1,
      random: () => draws.shift() ?? 1,
    });
    const first = await post(url, '/events', eventsBody(shop.trackingId));
    expect(first.status).toBe(500);
    expect(first.headers.get('x-amzn-errortype')).toBe('InternalFailure');
    expect((await post(url, '/events', eventsBody(shop.trackingId))).status).toBe(200);
    expect(backing.events()).toHaveLength(1);
    // Control-plane calls are not faulted with the default faultScope.
    expect((await postControl(url, 'ListDatasetImportJobs', {})).status).toBe(200);
    expect(endpoint.stats()).toMatchObject({ requests: 3, faults: 1, ok: 2 });
  });

  it('holds each reply for latencyMs on the clock', async () => {
    const clock = new ManualClock();
    const { url, backing, shop } = await start({ clock, latencyMs: 25 });
    let settled = false;
    const reply = post(url, '/events', eventsBody(shop.trackingId)).then((res) => {
      settled = true;
      return res.status;
    });
    await vi.waitFor(() => expect(clock.pendingTimers).toBe(1));
    await clock.advance(24);
    expect(settled).toBe(false);
    expect(backing.history).toEqual([]);
    await clock.advance(1);
    expect(await reply).toBe(200);
  });

  it('closes with requests still waiting and keep-alive connections open', async () => {
    const clock = new ManualClock();
    const { url, shop, endpoint: ep } = await start({ clock, latencyMs: 1000 });
    // One answered request leaves an idle keep-alive connection behind.
    const first = postControl(url, 'ListDatasetImportJobs', {});
    await vi.waitFor(() => expect(clock.pendingTimers).toBe(1));
    await clock.advance(1000);
    expect((await first).status).toBe(200);
    const pending = post(url, '/events', eventsBody(shop.trackingId)).then(
      () => 'answered',
      () => 'failed',
    );
    await vi.waitFor(() => expect(clock.pendingTimers).toBe(1));
    await ep.close();
    expect(await pending).toBe('failed');
    await expect(fetch(`${url}/events`, { method: 'POST', body: '{}' })).rejects.toThrow();
  });
});
