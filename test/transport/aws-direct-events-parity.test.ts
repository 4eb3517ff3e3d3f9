/**
 * The direct Events path behaves as the SDK Events client does for what users rely on: the endpoint the shared
 * configuration names, and clock-skew correction. Each case runs on both paths (`directEvents: false` is the SDK's).
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AwsTransport } from '../../src/transport/aws/aws-transport.js';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
const input = {
  trackingId: 't',
  sessionId: 's',
  userId: 'u',
  eventList: [{ eventId: 'e1', eventType: 'click', sentAt: new Date('2026-01-01T00:00:00Z') }],
};

let server: http.Server;
let url: string;
let hits: string[] = [];
/** The server's clock runs this far ahead of the client's (a client whose clock is 1 h behind). */
let serverSkewMs = 0;

function amzDateMs(value: string): number {
  // 20260101T000000Z
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (m === null) return Number.NaN;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

beforeAll(async () => {
  server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      hits.push(request.url ?? '');
      const serverNow = Date.now() + serverSkewMs;
      const signedAt = amzDateMs(String(request.headers['x-amz-date'] ?? ''));
      if (Math.abs(serverNow - signedAt) > 5 * 60_000) {
        // What the service answers a request signed with a clock more than 5 minutes off.
        response.writeHead(403, {
          'content-type': 'application/json',
          'x-amzn-errortype': 'InvalidSignatureException',
          date: new Date(serverNow).toUTCString(),
        });
        response.end(JSON.stringify({ message: 'Signature expired' }));
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json', date: new Date(serverNow).toUTCString() });
      response.end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => server.close());

const savedEnv = { ...process.env };
afterEach(() => {
  hits = [];
  serverSkewMs = 0;
  process.env = { ...savedEnv };
});

describe.each([
  ['SDK path (control)', false],
  ['direct path', true],
])('%s', (_name, directEvents) => {
  it('corrects for a skewed local clock: after one refused call, the next one is signed with the server time', async () => {
    // The SDK reads the Date header of an error answer and signs later calls with the corrected time
    // (systemClockOffset); a host whose clock drifted more than 5 minutes keeps working after one failed call.
    serverSkewMs = 60 * 60_000;
    const transport = new AwsTransport({ region: 'us-east-1', endpoint: url, credentials, directEvents });
    try {
      await expect(transport.putEvents(input)).rejects.toThrow();
      await expect(transport.putEvents(input)).resolves.toBeUndefined();
    } finally {
      transport.destroy();
    }
  });

  it('sends to the endpoint AWS_ENDPOINT_URL_PERSONALIZE_EVENTS names, as every SDK client does', async () => {
    // The SDK's shared config: a service's endpoint from the environment (or `endpoint_url` in the profile)
    // when the client is given none. A user pointing the Events API at LocalStack this way must not reach AWS.
    process.env.AWS_ENDPOINT_URL_PERSONALIZE_EVENTS = url;
    const transport = new AwsTransport({ region: 'us-east-1', credentials, directEvents });
    try {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 3_000);
      await transport.putEvents(input, { signal: controller.signal }).catch(() => undefined);
      clearTimeout(timer);
      expect(hits).toEqual(['/events']);
    } finally {
      transport.destroy();
    }
  });
});
