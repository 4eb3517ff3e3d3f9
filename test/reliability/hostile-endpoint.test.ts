/**
 * Many large bodies at once against the local endpoint: each is answered 200 or a retryable 503 (never a reset, a
 * hang or an out-of-memory), and retrying the 503s stores every event exactly once.
 */
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type LocalEndpoint, startLocalEndpoint } from '../../src/local-endpoint/local-endpoint.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { setUpShop } from '../transport/memory-fixtures.js';

let endpoint: LocalEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

function post(url: URL, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: '/events', method: 'POST', agent: false },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.setHeader('content-type', 'application/json');
    req.setHeader('content-length', Buffer.byteLength(body));
    req.end(body);
  });
}

describe('local endpoint under 40 concurrent 1 MB bodies, 4 MB budget', () => {
  it('answers each 200 or 503, and retries store every event once', async () => {
    const backing = new MemoryTransport();
    const shop = setUpShop(backing);
    endpoint = await startLocalEndpoint({
      backing,
      maxBodyBytes: 1024 * 1024 + 1024,
      maxConcurrentBodyBytes: 4 * 1024 * 1024,
    });
    const url = new URL(endpoint.url);
    const bodies = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify({
        trackingId: shop.trackingId,
        sessionId: `s${i}`,
        eventList: [{ eventType: 'click', sentAt: 1_700_000_000, eventId: `e${i}` }],
      }).padEnd(1024 * 1024, ' '),
    );
    const seen = new Set<number>();
    let pending = bodies.map((_, i) => i);
    for (let round = 0; pending.length > 0 && round < 100; round++) {
      const statuses = await Promise.all(pending.map((i) => post(url, bodies[i] ?? '')));
      for (const status of statuses) seen.add(status);
      pending = pending.filter((_, k) => statuses[k] !== 200);
    }
    expect(pending).toEqual([]);
    expect([...seen].every((status) => status === 200 || status === 503)).toBe(true);
    const ids = backing.events(shop.trackingId).map((event) => event.eventId);
    expect(ids.sort()).toEqual(bodies.map((_, i) => `e${i}`).sort());
  });
});
