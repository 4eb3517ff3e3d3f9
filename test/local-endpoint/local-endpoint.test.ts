/**
 * The local endpoint at the HTTP level: exact wire shapes in and out, with raw `fetch` (the SDK-level round trips
 * are in test/transport/aws-transport-*.test.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidInputError, LimitExceededError, NotFoundError, ThrottledError } from '../../src/errors.js';
import { type LocalEndpoint, startLocalEndpoint } from '../../src/local-endpoint/local-endpoint.js';
import type { LocalEndpointOptions } from '../../src/local-endpoint/local-endpoint-options.js';
import type { PutEventsInput, Transport } from '../../src/transport/transport.js';
import { ManualClock } from '../support/manual-clock.js';

/** A backing that records what reaches it and fails when told: the endpoint's only collaborator. */
function recordingBacking() {
  const received: { method: string; input: unknown }[] = [];
  let nextError: Error | undefined;
  const record = (method: string) => async (input: unknown) => {
    received.push({ method, input });
    if (nextError !== undefined) {
      const error = nextError;
      nextError = undefined;
      throw error;
    }
    return undefined;
  };
  const backing = {
    putEvents: record('putEvents'),
    putUsers: record('putUsers'),
    putItems: record('putItems'),
    putActions: record('putActions'),
    putActionInteractions: record('putActionInteractions'),
    createDatasetImportJob: async (input: unknown) => {
      await record('createDatasetImportJob')(input);
      return { jobArn: 'arn:aws:personalize:us-east-1:123456789012:dataset-import-job/j1' };
    },
    describeDatasetImportJob: async (input: unknown) => {
      await record('describeDatasetImportJob')(input);
      return {
        jobArn: String(input),
        jobName: 'j1',
        datasetArn: 'arn:aws:personalize:us-east-1:123456789012:dataset/g/INTERACTIONS',
        dataLocation: 's3://b/k.csv',
        importMode: 'FULL',
        status: 'ACTIVE',
        createdAt: new Date(1_700_000_000_250),
      };
    },
  } as unknown as Transport;
  return { backing, received, failNext: (error: Error) => (nextError = error) };
}

let endpoint: LocalEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

async function start(options: Omit<LocalEndpointOptions, 'backing'> & { backing?: Transport } = {}) {
  const stub = recordingBacking();
  endpoint = await startLocalEndpoint({ backing: stub.backing, ...options });
  return { ...stub, url: endpoint.url, endpoint };
}

function postEvents(url: string, body: unknown, path = '/events') {
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

const putEventsBody = {
  trackingId: 't1',
  sessionId: 's1',
  userId: 'u1',
  eventList: [{ eventType: 'click', sentAt: 1_700_000_000.123, eventId: 'e1', properties: '{"numRatings":3}' }],
};

describe('startLocalEndpoint: Events API (restJson1)', () => {
  it('decodes PutEvents: epoch seconds to a Date to the millisecond, properties kept as a string', async () => {
    const { url, received } = await start();
    const res = await postEvents(url, putEventsBody);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const input = received[0]?.input as PutEventsInput;
    expect(input).toEqual({
      trackingId: 't1',
      sessionId: 's1',
      userId: 'u1',
      eventList: [
        { eventType: 'click', sentAt: new Date(1_700_000_000_123), eventId: 'e1', properties: '{"numRatings":3}' },
      ],
    });
  });

  it('routes each of the five paths to its call', async () => {
    const { url, received } = await start();
    await postEvents(url, { datasetArn: 'd', users: [{ userId: 'u' }] }, '/users');
    await postEvents(url, { datasetArn: 'd', items: [{ itemId: 'i', properties: '{}' }] }, '/items');
    await postEvents(url, { datasetArn: 'd', actions: [{ actionId: 'a' }] }, '/actions');
    const ai = { actionId: 'a', sessionId: 's', eventType: 'Taken', timestamp: 1_700_000_001.5 };
    await postEvents(url, { trackingId: 't', actionInteractions: [ai] }, '/action-interactions');
    expect(received.map((r) => r.method)).toEqual(['putUsers', 'putItems', 'putActions', 'putActionInteractions']);
    expect(received[3]?.input).toEqual({
      trackingId: 't',
      actionInteractions: [{ ...ai, timestamp: new Date(1_700_000_001_500) }],
    });
  });

  it.each([
    [new ThrottledError('slow'), 400, 'ThrottlingException'],
    [new InvalidInputError('bad'), 400, 'InvalidInputException'],
    [new NotFoundError('gone'), 404, 'ResourceNotFoundException'],
    [new Error('bug'), 500, 'InternalFailure'],
  ])('answers %s from the backing with the status and x-amzn-errortype the SDK reads', async (error, status, name) => {
    const { url, failNext } = await start();
    failNext(error);
    const res = await postEvents(url, putEventsBody);
    expect(res.status).toBe(status);
    expect(res.headers.get('x-amzn-errortype')).toBe(name);
    expect(await res.json()).toEqual({ message: error.message });
  });

  it('refuses a body whose members have the wrong type with InvalidInputException, without forwarding', async () => {
    const { url, received } = await start();
    const res = await postEvents(url, { ...putEventsBody, eventList: [{ eventType: 'click', sentAt: 'yesterday' }] });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('InvalidInputException');
    expect(((await res.json()) as { message: string }).message).toContain('eventList[0].sentAt');
    expect(received).toEqual([]);
  });

  it('answers 404 UnknownOperationException elsewhere (S3 is not served)', async () => {
    const { url } = await start();
    const res = await fetch(`${url}/bucket/key`, { method: 'PUT', body: 'x' });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
  });
});

describe('startLocalEndpoint: control plane (awsJson1_1)', () => {
  it('decodes CreateDatasetImportJob (tags as a list, FULL by default) and answers the job ARN', async () => {
    const { url, received } = await start();
    const res = await postControl(url, 'CreateDatasetImportJob', {
      jobName: 'j1',
      datasetArn: 'd',
      dataSource: { dataLocation: 's3://b/k.csv' },
      roleArn: 'r',
      tags: [{ tagKey: 'team', tagValue: 'recs' }],
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(await res.json()).toEqual({
      datasetImportJobArn: 'arn:aws:personalize:us-east-1:123456789012:dataset-import-job/j1',
    });
    expect(received[0]?.input).toEqual({
      jobName: 'j1',
      datasetArn: 'd',
      dataLocation: 's3://b/k.csv',
      roleArn: 'r',
      importMode: 'FULL',
      tags: { team: 'recs' },
    });
  });

  it('encodes a described job with epoch-second times and the dataSource structure', async () => {
    const { url } = await start();
    const res = await postControl(url, 'DescribeDatasetImportJob', { datasetImportJobArn: 'arn:job' });
    expect(await res.json()).toEqual({
      datasetImportJob: {
        jobName: 'j1',
        datasetImportJobArn: 'arn:job',
        datasetArn: 'arn:aws:personalize:us-east-1:123456789012:dataset/g/INTERACTIONS',
        dataSource: { dataLocation: 's3://b/k.csv' },
        status: 'ACTIVE',
        creationDateTime: 1_700_000_000.25,
        importMode: 'FULL',
      },
    });
  });

  it('answers errors as 400 with __type', async () => {
    const { url, failNext } = await start();
    failNext(new LimitExceededError('More than 5 resources with PENDING or IN_PROGRESS status.'));
    const res = await postControl(url, 'DescribeDatasetImportJob', { datasetImportJobArn: 'arn:job' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      __type: 'LimitExceededException',
      message: 'More than 5 resources with PENDING or IN_PROGRESS status.',
    });
  });

  it('answers an unknown target with UnknownOperationException', async () => {
    const { url } = await start();
    const res = await postControl(url, 'DeleteDataset', {});
    expect(res.status).toBe(400);
    expect(((await res.json()) as { __type: string }).__type).toBe('UnknownOperationException');
  });
});

describe('startLocalEndpoint: quota, faults, latency, stats, close', () => {
  it('throttles past the quota with the configured status, without forwarding, and counts it', async () => {
    const clock = new ManualClock();
    const { url, received, endpoint } = await start({ clock, quota: { requestsPerSecond: 2 }, throttleStatus: 429 });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await postEvents(url, putEventsBody)).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect(received).toHaveLength(2);
    await clock.advance(500);
    expect((await postEvents(url, putEventsBody)).status).toBe(200);
    expect(endpoint.stats()).toMatchObject({ requests: 4, ok: 3, throttled: 1, faults: 0 });
    expect(endpoint.stats().byCall.putEvents).toEqual({ requests: 4, ok: 3, throttled: 1, faults: 0, errors: 0 });
  });

  it('injects 500 InternalFailure at transientFaultRate without reaching the backing', async () => {
    const draws = [0.05, 0.5];
    const { url, received, endpoint } = await start({ transientFaultRate: 0.1, random: () => draws.shift() ?? 1 });
    const first = await postEvents(url, putEventsBody);
    expect(first.status).toBe(500);
    expect(first.headers.get('x-amzn-errortype')).toBe('InternalFailure');
    expect((await postEvents(url, putEventsBody)).status).toBe(200);
    expect(received).toHaveLength(1);
    // Control-plane calls are not faulted with the default faultScope.
    expect((await postControl(url, 'DescribeDatasetImportJob', { datasetImportJobArn: 'a' })).status).toBe(200);
    expect(endpoint.stats()).toMatchObject({ requests: 3, faults: 1, ok: 2 });
  });

  it('holds each reply for latencyMs on the clock', async () => {
    const clock = new ManualClock();
    const { url, received } = await start({ clock, latencyMs: 25 });
    let settled = false;
    const reply = postEvents(url, putEventsBody).then((res) => {
      settled = true;
      return res.status;
    });
    await vi.waitFor(() => expect(clock.pendingTimers).toBe(1));
    await clock.advance(24);
    expect(settled).toBe(false);
    expect(received).toEqual([]);
    await clock.advance(1);
    expect(await reply).toBe(200);
  });

  it('closes with requests still waiting and keep-alive connections open', async () => {
    const clock = new ManualClock();
    const { url, endpoint: ep } = await start({ clock, latencyMs: 1000 });
    // One answered request leaves an idle keep-alive connection behind.
    const first = postControl(url, 'DescribeDatasetImportJob', { datasetImportJobArn: 'a' });
    await vi.waitFor(() => expect(clock.pendingTimers).toBe(1));
    await clock.advance(1000);
    expect((await first).status).toBe(200);
    const pending = postEvents(url, putEventsBody).then(
      () => 'answered',
      () => 'failed',
    );
    await vi.waitFor(() => expect(clock.pendingTimers).toBe(1));
    await ep.close();
    expect(await pending).toBe('failed');
    await expect(fetch(`${url}/events`, { method: 'POST', body: '{}' })).rejects.toThrow();
  });
});
