/**
 * Fault 16: the endpoint bounds the bytes of request bodies across requests, and times out slow clients.
 */
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidOptionsError } from '../../src/errors.js';
import { type LocalEndpoint, startLocalEndpoint } from '../../src/local-endpoint/local-endpoint.js';
import {
  type LocalEndpointOptions,
  localEndpointDefaults,
  resolveLocalEndpointOptions,
} from '../../src/local-endpoint/local-endpoint-options.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { ManualClock } from '../../src/util/manual-clock.js';
import { setUpShop } from '../transport/memory-fixtures.js';

let endpoint: LocalEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

async function start(options: Omit<LocalEndpointOptions, 'backing'>) {
  const clock = new ManualClock();
  const backing = new MemoryTransport({ clock });
  const shop = setUpShop(backing);
  endpoint = await startLocalEndpoint({ backing, clock, ...options });
  return { clock, shop, url: new URL(endpoint.url) };
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A POST to /events that announces `length` bytes and sends only `first` now; `rest()` sends the remainder. */
function slowPost(url: URL, length: number, first: string) {
  const req = request({
    host: url.hostname,
    port: url.port,
    path: '/events',
    method: 'POST',
    agent: false,
    headers: { 'content-type': 'application/json', 'content-length': String(length) },
  });
  const reply = new Promise<Reply>((resolve, reject) => {
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
  req.write(first);
  return { reply, rest: (text: string) => req.end(text), abort: () => req.destroy() };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
  expect(condition()).toBe(true);
}

describe('local endpoint: bodies bounded across requests (fault 16)', () => {
  it('answers 503 ServiceUnavailable (retryable) while other bodies hold the budget, and serves again after', async () => {
    const { shop, url } = await start({ maxBodyBytes: 1000, maxConcurrentBodyBytes: 1000 });
    const body = JSON.stringify({
      trackingId: shop.trackingId,
      sessionId: 's1',
      eventList: [{ eventType: 'click', sentAt: 1_700_000_000, eventId: 'e1' }],
    });
    const padded = body.padEnd(700, ' ');
    const held = slowPost(url, padded.length, padded.slice(0, 10));
    await until(() => (endpoint?.stats().inFlight ?? 0) >= 1);
    const second = slowPost(url, padded.length, padded);
    second.rest('');
    const refused = await second.reply;
    expect(refused.status).toBe(503);
    expect(refused.headers['x-amzn-errortype']).toBe('ServiceUnavailable');
    expect(refused.headers['retry-after']).toBeDefined();
    held.rest(padded.slice(10));
    expect((await held.reply).status).toBe(200);
    const third = slowPost(url, padded.length, padded);
    third.rest('');
    expect((await third.reply).status).toBe(200);
  });

  it('refuses a body over maxBodyBytes by its content-length, without reading it', async () => {
    const { url } = await start({ maxBodyBytes: 100 });
    const big = slowPost(url, 5000, '{');
    const reply = await big.reply;
    big.abort();
    expect(reply.status).toBe(413);
  });
});

describe('local endpoint: slow clients time out (fault 16)', () => {
  it('answers 408 when a body has not come within bodyTimeoutMs, on the clock', async () => {
    const { clock, url } = await start({ bodyTimeoutMs: 5000 });
    const slow = slowPost(url, 100, '{"trackingId"');
    await until(() => clock.pendingTimers > 0);
    await clock.advance(4999);
    await clock.advance(1);
    const reply = await slow.reply;
    slow.abort();
    expect(reply.status).toBe(408);
    expect(reply.headers['x-amzn-errortype']).toBe('RequestTimeout');
  });

  it('documents and checks its bounds', () => {
    expect(localEndpointDefaults).toMatchObject({
      maxBodyBytes: 16 * 1024 * 1024,
      maxConcurrentBodyBytes: 64 * 1024 * 1024,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 60_000,
      bodyTimeoutMs: 30_000,
    });
    const backing = new MemoryTransport();
    expect(() => resolveLocalEndpointOptions({ backing, maxConcurrentBodyBytes: 0 })).toThrow(InvalidOptionsError);
    expect(() => resolveLocalEndpointOptions({ backing, maxBodyBytes: 2000, maxConcurrentBodyBytes: 1000 })).toThrow(
      /maxConcurrentBodyBytes/,
    );
    expect(() => resolveLocalEndpointOptions({ backing, headersTimeoutMs: 70_000 })).toThrow(/headersTimeoutMs/);
  });
});
