/**
 * The direct Events path and its callers' abort signal: calls that share one signal (a writer's calls all do) share
 * one abort listener on it, not one a request; the signal's abort still ends every call in flight with an
 * `AbortError`, a signal aborted before the request goes out sends nothing, and no listener is left on the signal
 * once its calls have ended.
 */
import { getEventListeners, once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EventsHttpClient } from '../../src/transport/aws/events-http/events-http-client.js';

let server: http.Server;
let endpoint: URL;
const held: http.ServerResponse[] = [];
let arrivals = 0;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    request.resume();
    arrivals += 1;
    held.push(response);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  endpoint = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});

afterEach(() => {
  for (const response of held.splice(0)) response.destroy();
  arrivals = 0;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function client(maxSockets = 16): EventsHttpClient {
  return new EventsHttpClient({
    endpoint,
    region: 'us-east-1',
    credentials: () => Promise.resolve({ accessKeyId: 'AKID', secretAccessKey: 'secret' }),
    maxSockets,
    requestTimeoutMs: 30_000,
    userAgent: 'personalize-import-test',
  });
}

const input = (n: number) => ({
  trackingId: 't',
  sessionId: `s${n}`,
  eventList: [{ eventId: `e${n}`, eventType: 'View', sentAt: new Date(0) }],
});

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setImmediate(resolve));
}

const answer = (response: http.ServerResponse) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end('{}');
};

describe('EventsHttpClient, abort signals', () => {
  it('puts one abort listener on a signal that many calls in flight share, and none once they end', async () => {
    const events = client();
    try {
      const controller = new AbortController();
      const calls = Array.from({ length: 8 }, (_, n) => events.send('putEvents', input(n), controller.signal));
      await until(() => held.length === 8);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
      for (const response of held.splice(0)) answer(response);
      await Promise.all(calls);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    } finally {
      events.destroy();
    }
  });

  it("ends every call in flight with an AbortError at the signal's abort, and leaves no listener", async () => {
    const events = client();
    try {
      const controller = new AbortController();
      const calls = Array.from({ length: 4 }, (_, n) =>
        events.send('putEvents', input(n), controller.signal).then(
          () => 'answered',
          (error: unknown) => error,
        ),
      );
      await until(() => held.length === 4);
      const reason = new Error('stop');
      controller.abort(reason);
      for (const outcome of await Promise.all(calls)) {
        expect(outcome).toMatchObject({ name: 'AbortError', cause: reason });
      }
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
      // The client still works after the abort.
      const next = events.send('putEvents', input(9));
      await until(() => held.length === 5);
      answer(held[4] as http.ServerResponse);
      await next;
    } finally {
      events.destroy();
    }
  });

  it('sends nothing when the signal aborts before the request goes out', async () => {
    const events = client();
    try {
      const controller = new AbortController();
      // Aborted while the call signs (before the request exists).
      const call = events.send('putEvents', input(1), controller.signal);
      controller.abort();
      await expect(call).rejects.toMatchObject({ name: 'AbortError' });
      await expect(events.send('putEvents', input(2), AbortSignal.abort())).rejects.toMatchObject({
        name: 'AbortError',
      });
      // A call after them is the first to arrive.
      const next = events.send('putEvents', input(3));
      await until(() => held.length === 1);
      answer(held[0] as http.ServerResponse);
      await next;
      expect(arrivals).toBe(1);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    } finally {
      events.destroy();
    }
  });

  it('ends a call still waiting for a connection at once, and never sends it', async () => {
    const events = client(1);
    try {
      const first = events.send('putEvents', input(1));
      await until(() => held.length === 1);
      const controller = new AbortController();
      const queued = events.send('putEvents', input(2), controller.signal);
      // Signed and handed to the pool, which has no free connection for it.
      await new Promise((resolve) => setImmediate(resolve));
      const reason = new Error('stop');
      controller.abort(reason);
      await expect(queued).rejects.toMatchObject({ name: 'AbortError', cause: reason });
      answer(held[0] as http.ServerResponse);
      await first;
      const next = events.send('putEvents', input(3));
      await until(() => held.length === 2);
      answer(held[1] as http.ServerResponse);
      await next;
      expect(arrivals).toBe(2);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    } finally {
      events.destroy();
    }
  });
});
