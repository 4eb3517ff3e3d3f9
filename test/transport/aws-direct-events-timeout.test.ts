/**
 * A hung connection (the endpoint took the request and never answers) must not stall a call of the direct Events
 * path forever: each attempt fails after `requestTimeoutMs` as a transient error, which the writer retries and
 * reports as of unknown outcome (the service may have stored the records).
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { InvalidOptionsError, TransientError } from '../../src/errors.js';
import { AwsTransport } from '../../src/transport/aws/aws-transport.js';
import { directEventsSettings, resolveAwsTransportOptions } from '../../src/transport/aws/aws-transport-options.js';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
const input = {
  trackingId: 't1',
  sessionId: 's1',
  eventList: [{ eventId: 'e1', eventType: 'click', sentAt: new Date(0) }],
};

let server: http.Server;
let endpoint: string;
const hung: http.ServerResponse[] = [];
let arrived: () => void = () => {};

beforeAll(async () => {
  server = http.createServer((request, response) => {
    request.resume();
    hung.push(response);
    arrived();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  for (const response of hung.splice(0)) response.destroy();
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

/** Starts putEvents and resolves once the endpoint holds the request. */
async function sendHung(transport: AwsTransport): Promise<Promise<unknown>> {
  const seen = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  const call = transport.putEvents(input).then(
    () => 'answered',
    (error: unknown) => error,
  );
  await seen;
  return call;
}

describe('AwsTransport, direct Events path: a request timeout per attempt', () => {
  it('fails an attempt the endpoint never answers after requestTimeoutMs, as a transient error', async () => {
    const transport = new AwsTransport({ endpoint, region: 'us-east-1', credentials, requestTimeoutMs: 50 });
    try {
      const error = await await sendHung(transport);
      expect(error).toBeInstanceOf(TransientError);
      expect((error as Error).message).toMatch(/within 50 ms/);
    } finally {
      transport.destroy();
    }
  });

  it('defaults to 10,000 ms, handed to the direct path, and refuses what is not a timer length', () => {
    const config = resolveAwsTransportOptions({});
    expect(config.requestTimeoutMs).toBe(10_000);
    expect(directEventsSettings(config)?.requestTimeoutMs).toBe(10_000);
    expect(directEventsSettings(resolveAwsTransportOptions({ requestTimeoutMs: 250 }))?.requestTimeoutMs).toBe(250);
    for (const bad of [0, 1.5, -1, 2 ** 31, Number.NaN]) {
      expect(() => resolveAwsTransportOptions({ requestTimeoutMs: bad })).toThrow(InvalidOptionsError);
    }
  });
});
