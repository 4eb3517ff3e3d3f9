/**
 * The lean Events path and the SDK's client send the same request (method, path, content type, body, the signed
 * headers and the credential scope) for each of the five calls, the lean path's signature verifies, and both classify
 * the same answers alike.
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  PersonalizeEventsClient,
  PutActionInteractionsCommand,
  PutActionsCommand,
  PutEventsCommand,
  PutItemsCommand,
  PutUsersCommand,
} from '@aws-sdk/client-personalize-events';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsTransport } from '../../src/transport/aws/aws-transport.js';
import { EventsHttpClient } from '../../src/transport/aws/events-http/events-http-client.js';
import type { EventsInputOf } from '../../src/transport/aws/events-http/events-request.js';
import { toSdkKeyed, toSdkPutActionInteractions, toSdkPutEvents } from '../../src/transport/aws/to-sdk.js';
import { classifyAwsError } from '../../src/transport/classify-aws-error.js';
import type { DataPlaneCall } from '../../src/transport/transport.js';
import { NodeSha256 } from './node-sha256.js';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'tok',
};
const REGION = 'eu-west-1';

interface Captured {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

interface Reply {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

let server: http.Server;
let url: URL;
const captured: Captured[] = [];
let reply: Reply = { status: 200, body: '{}' };

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      captured.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      response.end(reply.body);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});

afterAll(() => server.close());

const sdk = () => new PersonalizeEventsClient({ region: REGION, endpoint: url.href, credentials, maxAttempts: 1 });
const lean = () =>
  new EventsHttpClient({
    endpoint: url,
    region: REGION,
    credentials: () => Promise.resolve(credentials),
    maxSockets: 4,
    requestTimeoutMs: 10_000,
    userAgent: 'personalize-import-test',
  });

const sentAt = new Date('2026-11-30T10:11:12.345Z');
const INPUTS: { [C in DataPlaneCall]: EventsInputOf[C] } = {
  putEvents: {
    trackingId: 'tracking-1',
    sessionId: 'session-1',
    userId: 'user-1',
    eventList: [
      {
        eventId: 'e1',
        eventType: 'click',
        sentAt,
        itemId: 'item-1',
        eventValue: 4.5,
        properties: '{"numRatings":3,"é":"ü"}',
        recommendationId: 'rec-1',
        impression: ['item-1', 'item-2'],
        metricAttribution: { eventAttributionSource: 'email' },
      },
      { eventId: 'e2', eventType: 'watch', sentAt },
    ],
  },
  putUsers: {
    datasetArn: 'arn:aws:personalize:eu-west-1:123456789012:dataset/g/USERS',
    users: [{ userId: 'u1', properties: '{"age":"30"}' }, { userId: 'u2' }],
  },
  putItems: {
    datasetArn: 'arn:aws:personalize:eu-west-1:123456789012:dataset/g/ITEMS',
    items: [{ itemId: 'i1', properties: '{"genre":"drama"}' }],
  },
  putActions: {
    datasetArn: 'arn:aws:personalize:eu-west-1:123456789012:dataset/g/ACTIONS',
    actions: [{ actionId: 'a1', properties: '{"value":1}' }],
  },
  putActionInteractions: {
    trackingId: 'tracking-2',
    actionInteractions: [
      {
        actionId: 'a1',
        sessionId: 's1',
        eventType: 'Taken',
        timestamp: sentAt,
        userId: 'u1',
        eventId: 'ai1',
        recommendationId: 'r1',
        impression: ['a1', 'a2'],
        properties: '{"k":"v"}',
      },
    ],
  },
};

function sdkCommand(call: DataPlaneCall) {
  switch (call) {
    case 'putEvents':
      return new PutEventsCommand(toSdkPutEvents(INPUTS.putEvents));
    case 'putUsers':
      return new PutUsersCommand({
        datasetArn: INPUTS.putUsers.datasetArn,
        users: toSdkKeyed('userId', INPUTS.putUsers.users),
      });
    case 'putItems':
      return new PutItemsCommand({
        datasetArn: INPUTS.putItems.datasetArn,
        items: toSdkKeyed('itemId', INPUTS.putItems.items),
      });
    case 'putActions':
      return new PutActionsCommand({
        datasetArn: INPUTS.putActions.datasetArn,
        actions: toSdkKeyed('actionId', INPUTS.putActions.actions),
      });
    case 'putActionInteractions':
      return new PutActionInteractionsCommand(toSdkPutActionInteractions(INPUTS.putActionInteractions));
  }
}

async function sendBoth(call: DataPlaneCall): Promise<{ sdk: Captured; lean: Captured; errors: unknown[] }> {
  captured.length = 0;
  const errors: unknown[] = [];
  const client = sdk();
  await client.send(sdkCommand(call) as never).catch((error: unknown) => errors.push(error));
  client.destroy();
  const leanClient = lean();
  await leanClient.send(call, INPUTS[call] as never).catch((error: unknown) => errors.push(error));
  leanClient.destroy();
  const [a, b] = captured;
  if (a === undefined || b === undefined) throw new Error('expected two requests');
  return { sdk: a, lean: b, errors };
}

function signedHeaders(request: Captured): string[] {
  const match = /SignedHeaders=([^,]+)/.exec(String(request.headers.authorization));
  return (match?.[1] ?? '').split(';');
}

function scope(request: Captured): string {
  const match = /Credential=[^/]+\/\d{8}\/([^,]+)/.exec(String(request.headers.authorization));
  return match?.[1] ?? '';
}

/** Re-signs what arrived, at the date it carries: the signature must come out the same. */
async function verifies(request: Captured): Promise<boolean> {
  const signer = new SignatureV4({ credentials, region: REGION, service: 'personalize', sha256: NodeSha256 });
  const names = signedHeaders(request);
  const headers = Object.fromEntries(names.map((name) => [name, String(request.headers[name])]));
  const amzDate = String(request.headers['x-amz-date']);
  const signingDate = new Date(
    `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
  );
  const resigned = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: url.hostname,
      path: request.path,
      query: {},
      headers,
      body: request.body,
    },
    { signingDate },
  );
  return resigned.headers.authorization === request.headers.authorization;
}

describe('the lean Events path sends what the SDK sends', () => {
  for (const call of Object.keys(INPUTS) as DataPlaneCall[]) {
    it(`${call}: method, path, content type, body, signed headers, scope`, async () => {
      reply = { status: 200, body: '{}' };
      const { sdk: a, lean: b, errors } = await sendBoth(call);
      expect(errors).toEqual([]);
      expect(b.method).toBe(a.method);
      expect(b.path).toBe(a.path);
      expect(b.headers['content-type']).toBe(a.headers['content-type']);
      expect(JSON.parse(b.body)).toEqual(JSON.parse(a.body));
      expect(b.headers['x-amz-security-token']).toBe('tok');
      expect(signedHeaders(b)).toEqual(
        expect.arrayContaining(['host', 'x-amz-date', 'x-amz-security-token', 'content-type']),
      );
      expect(scope(b)).toBe(scope(a));
      expect(await verifies(b)).toBe(true);
    });
  }
});

describe('both paths classify the same answers alike', () => {
  const ANSWERS: Array<[string, Reply]> = [
    [
      'throttled (400, header)',
      { status: 400, headers: { 'x-amzn-errortype': 'ThrottlingException' }, body: '{"message":"Rate exceeded"}' },
    ],
    ['throttled (429, retry-after)', { status: 429, headers: { 'retry-after': '2' }, body: '{}' }],
    [
      'invalid input (typed header with a suffix)',
      {
        status: 400,
        headers: {
          'x-amzn-errortype': 'InvalidInputException:http://internal.amazon.com/coral/com.amazon.personalize/',
        },
        body: '{"message":"Invalid eventList"}',
      },
    ],
    [
      'not found (__type with namespace)',
      { status: 404, body: '{"__type":"com.amazonaws.personalize#ResourceNotFoundException","message":"no tracker"}' },
    ],
    ['in use (code)', { status: 409, body: '{"code":"ResourceInUseException","message":"busy"}' }],
    ['internal failure', { status: 500, body: '{"message":"oops"}' }],
    ['unavailable, no body', { status: 503, body: '' }],
    [
      'access denied',
      { status: 403, headers: { 'x-amzn-errortype': 'AccessDeniedException' }, body: '{"Message":"denied"}' },
    ],
  ];
  for (const [label, answer] of ANSWERS) {
    it(label, async () => {
      reply = answer;
      const { errors } = await sendBoth('putEvents');
      expect(errors).toHaveLength(2);
      const [a, b] = errors.map((error) => classifyAwsError(error, 'events'));
      expect(b?.constructor).toBe(a?.constructor);
      expect(b).toMatchObject({
        code: a?.code,
        statusCode: (a as { statusCode?: number }).statusCode,
        retryAfterSeconds: (a as { retryAfterSeconds?: number }).retryAfterSeconds,
        serviceErrorName: (a as { serviceErrorName?: string }).serviceErrorName,
      });
    });
  }
});

describe('which path AwsTransport takes for the Events calls', () => {
  const userAgentOf = async (options: Partial<ConstructorParameters<typeof AwsTransport>[0]>) => {
    reply = { status: 200, body: '{}' };
    captured.length = 0;
    const transport = new AwsTransport({ endpoint: url.href, region: REGION, credentials, ...options });
    await transport.putUsers(INPUTS.putUsers);
    transport.destroy();
    return String(captured[0]?.headers['user-agent']);
  };

  it('goes direct by default', async () => {
    expect(await userAgentOf({})).toBe('personalize-import');
  });

  it('keeps the SDK client when told to, when one is given, or when the SDK is to retry', async () => {
    expect(await userAgentOf({ directEvents: false })).toMatch(/aws-sdk-js/);
    expect(await userAgentOf({ maxAttempts: 2 })).toMatch(/aws-sdk-js/);
    const events = sdk();
    expect(await userAgentOf({ clients: { events } })).toMatch(/aws-sdk-js/);
    events.destroy();
  });
});
