/**
 * A local HTTP endpoint that speaks the Personalize wire protocols (Events: restJson1; control plane: awsJson1_1)
 * and forwards every call to a `Transport`, normally a `MemoryTransport`. Point `AwsTransport` (or any AWS SDK
 * client, or the CLI's `--endpoint`) at its `url` to run the real SDK against the fake, with an optional request
 * quota, latency and injected faults. The same port serves S3 (path style) from the backing `MemoryTransport`'s
 * buckets, so that one `--endpoint` serves the whole import flow (s3/s3-handler.ts). With a `MemoryTransport`
 * backing it also serves the fake's set-up calls (a client can build a dataset group from scratch) and
 * `GET /_fake/state`, a JSON view of what is stored (docs/local-endpoint.md).
 * @module
 */
import { setMaxListeners } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { memoryObjectsOf } from '../transport/memory/memory-objects.js';
import { RequestQuota } from '../transport/memory/service-conditions.js';
import { BodyBudget } from './body-budget.js';
import { EndpointCounters, type LocalEndpointStats } from './endpoint-stats.js';
import {
  type LocalEndpointOptions,
  type ResolvedLocalEndpointOptions,
  resolveLocalEndpointOptions,
} from './local-endpoint-options.js';
import { type HandlerContext, handleRequest } from './request-handler.js';
import { isS3Request } from './s3/s3-routing.js';
import { S3Service } from './s3/s3-service.js';

/** The handle of a running local endpoint: its URL, its counters, and `close()` to stop it. */
export interface LocalEndpoint {
  /** Base URL, e.g. `http://127.0.0.1:53412`: pass it as `endpoint` to `AwsTransport`. */
  readonly url: string;
  /**
   * Stops listening, ends open connections and pending requests, and removes the directory of spilled S3 objects
   * (`objectSpillBytes`); resolves once the server is closed.
   */
  close(): Promise<void>;
  /** A snapshot of the counters: requests, throttled, faults, ok and errors, in total and per call. */
  stats(): LocalEndpointStats;
  /** Zeroes the counters, e.g. after a benchmark's warm-up. */
  resetStats(): void;
}

function s3ServiceOf(options: ResolvedLocalEndpointOptions): S3Service | undefined {
  const store = memoryObjectsOf(options.backing);
  return store === undefined ? undefined : new S3Service(store.objects, store.strict, options.objectSpillBytes);
}

/**
 * Starts a local endpoint on `host:port` that serves the Personalize Events and control-plane APIs from `backing`,
 * and S3 (path style) from its buckets when `backing` is a `MemoryTransport`.
 *
 * @example
 * ```ts
 * const backing = new MemoryTransport();
 * const endpoint = await startLocalEndpoint({ backing, quota: { requestsPerSecond: 100 }, latencyMs: 25 });
 * const transport = new AwsTransport({ endpoint: endpoint.url, region: 'us-east-1',
 *   credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
 * // … use transport …
 * await endpoint.close();
 * ```
 */
export async function startLocalEndpoint(options: LocalEndpointOptions): Promise<LocalEndpoint> {
  const resolved = resolveLocalEndpointOptions(options);
  const closing = new AbortController();
  // Every request in flight listens to it (latency waits, the backing's calls): hundreds is normal, not a leak.
  setMaxListeners(0, closing.signal);
  const ctx: HandlerContext = {
    options: resolved,
    quota: new RequestQuota(resolved.quota, resolved.quotaScope, resolved.clock),
    counters: new EndpointCounters(),
    budget: new BodyBudget(resolved.maxConcurrentBodyBytes),
    closing: closing.signal,
    s3: s3ServiceOf(resolved),
  };
  const server = createServer((req, res) => {
    void handleRequest(ctx, req, res);
  });
  // A client waiting for `100 Continue` (the S3 SDKs, for large bodies) is told to send only once the S3 handler has
  // checked the request's headers: a body it refuses is never sent. Other requests are told at once.
  server.on('checkContinue', (req, res) => {
    if (!isS3Request(req)) res.writeContinue();
    void handleRequest(ctx, req, res);
  });
  // Longer than clients keep idle sockets, so that a client never sends on a socket the server is just closing (a
  // spurious ECONNRESET in a benchmark). `close()` ends idle connections itself.
  server.keepAliveTimeout = 65_000;
  // Slow clients: a client that never finishes its headers or its request is cut off (fault 16).
  server.headersTimeout = resolved.headersTimeoutMs;
  server.requestTimeout = resolved.requestTimeoutMs;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    stats: () => ctx.counters.snapshot(),
    resetStats: () => ctx.counters.reset(),
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }).then(() => ctx.s3?.close());
      return closed;
    },
  };
}
