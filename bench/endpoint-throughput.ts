/**
 * How many PutEvents requests the local endpoint serves, and its CPU per request: the endpoint (with a
 * `MemoryTransport` behind it, no quota, no latency) in its own process, loaded by several client processes that
 * send ready-made signed-looking requests of 10 events over keep-alive connections. The endpoint's CPU per request
 * gives what one core serves (1 s / CPU per request); the issue asks for at least 3,000 requests/s, three times the
 * documented PutEvents quota, so that the endpoint is never what a test or benchmark measures.
 *
 * The baseline, measured in the same run under the same load: a bare `node:http` server that reads each body,
 * parses it and answers 200, what any Node server pays per request on this machine (the socket write alone is a
 * large share of it on a shared VM). The ratio of the two CPU figures is the endpoint's own cost, independent of how
 * busy the machine is. A third server, the endpoint over a backing whose calls resolve at once (`stub`), splits the
 * endpoint's cost into its own (HTTP, routing, decoding) and the fake's (checks, history and storage of every event,
 * and the garbage collection of what it keeps).
 *
 * `node endpoint-throughput.js [--clients 3] [--seconds 5] [--runs 3] [--json] [--cpu-prof <dir>]` (the last writes a
 * V8 CPU profile of each server process there); `--server <endpoint|stub|bare>` and
 * `--client` are the roles of its child processes.
 * @module
 */
import { type ChildProcess, fork } from 'node:child_process';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryTransport, startLocalEndpoint } from '../src/testing.js';
import { median } from './run-metrics.js';

const TRACKING_ID = 'endpoint-bench';

/** What the endpoint process tells its parent. */
type ServerMessage = { type: 'ready'; url: string } | { type: 'cpu'; micros: number; stored: number };

/** What a client process tells its parent. */
interface ClientResult {
  type: 'done';
  ok: number;
  failed: number;
}

/**
 * What serves the requests: the local endpoint on a `MemoryTransport` (as `serve` runs it), the endpoint on a backing
 * whose calls resolve at once, or the bare `node:http` baseline.
 */
export type ServerKind = 'endpoint' | 'stub' | 'bare';

const KINDS: readonly ServerKind[] = ['endpoint', 'stub', 'bare'];

/** One measurement. */
export interface EndpointThroughputResult {
  server: ServerKind;
  clients: number;
  seconds: number;
  /** Requests answered 200 per second, all clients together. */
  requestsPerSecond: number;
  /** The endpoint process's CPU (user + system) per answered request, ms. */
  cpuMsPerRequest: number;
  /** What one core would serve at that CPU per request: 1,000 / cpuMsPerRequest. */
  perCoreRequestsPerSecond: number;
  failed: number;
}

function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1] ?? fallback) : fallback;
}

/** The baseline: reads the body, parses it, answers 200 with an empty body, as the endpoint answers PutEvents. */
function stringArg(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function bareServer(): Promise<{ url: string; stored: () => number; close: () => Promise<void> }> {
  let stored = 0;
  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { eventList: unknown[] };
      stored += body.eventList.length;
      res.writeHead(200, { 'content-length': '0' });
      res.end();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stored: () => stored,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

async function endpointServer(
  stub: boolean,
): Promise<{ url: string; stored: () => number; close: () => Promise<void> }> {
  const backing = new MemoryTransport();
  backing.addTracker(TRACKING_ID, backing.createDatasetGroup({ name: 'bench' }));
  // Every method of the fake (so the endpoint takes it as a Transport), each resolving at once.
  const methods = Object.getOwnPropertyNames(MemoryTransport.prototype).filter((name) => name !== 'constructor');
  const resolved = Object.fromEntries(methods.map((name) => [name, () => Promise.resolve(undefined)]));
  const endpoint = await startLocalEndpoint({ backing: stub ? (resolved as unknown as MemoryTransport) : backing });
  return { url: endpoint.url, stored: () => backing.events(TRACKING_ID).length, close: () => endpoint.close() };
}

async function server(kind: ServerKind): Promise<void> {
  const served = kind === 'bare' ? await bareServer() : await endpointServer(kind === 'stub');
  let start = process.cpuUsage();
  process.send?.({ type: 'ready', url: served.url } satisfies ServerMessage);
  process.on('message', (message: string) => {
    if (message === 'reset') start = process.cpuUsage();
    if (message === 'cpu') {
      const used = process.cpuUsage(start);
      process.send?.({ type: 'cpu', micros: used.user + used.system, stored: served.stored() } satisfies ServerMessage);
    }
    if (message === 'stop') void served.close().then(() => process.exit(0));
  });
}

/** The body of one PutEvents call of 10 events, as the direct path or the SDK sends it. */
function body(client: number, n: number): string {
  const sentAt = 1_767_225_600 + n;
  const eventList = Array.from({ length: 10 }, (_, i) => ({
    eventId: `c${client}-${n}-${i}`,
    eventType: 'click',
    itemId: `item-${(n * 10 + i) % 5000}`,
    sentAt,
  }));
  return JSON.stringify({ trackingId: TRACKING_ID, sessionId: `s-${client}-${n % 500}`, userId: 'u', eventList });
}

async function client(url: string, seconds: number, inFlight: number, id: number): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
  const target = new URL('/events', url);
  const until = performance.now() + seconds * 1000;
  let ok = 0;
  let failed = 0;
  let n = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const payload = body(id, n++);
      const req = request(
        target,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
            authorization:
              'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/personalize/aws4_request, SignedHeaders=host, Signature=0',
            'x-amz-date': '20260101T000000Z',
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode === 200) ok += 1;
            else failed += 1;
            resolve();
          });
        },
      );
      req.on('error', () => {
        failed += 1;
        resolve();
      });
      req.end(payload);
    });
  const lane = async () => {
    while (performance.now() < until) await one();
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  agent.destroy();
  process.send?.({ type: 'done', ok, failed } satisfies ClientResult);
}

function nextMessage<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type?: string }) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      resolve(message as T);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`child exited with ${code} before '${type}'`)));
  });
}

/** One run: a fresh server process (the endpoint, or the baseline), `clients` client processes for `seconds`. */
export async function measureEndpointThroughput(
  clients: number,
  seconds: number,
  kind: ServerKind = 'endpoint',
): Promise<EndpointThroughputResult> {
  const script = new URL(import.meta.url).pathname;
  const profile = stringArg('cpu-prof');
  const execArgv =
    profile === undefined
      ? []
      : ['--cpu-prof', `--cpu-prof-dir=${profile}`, `--cpu-prof-name=${kind}-${Date.now()}.cpuprofile`];
  const endpoint = fork(script, ['--server', kind], { stdio: 'inherit', execArgv });
  const { url } = await nextMessage<{ url: string }>(endpoint, 'ready');
  const load = Array.from({ length: clients }, (_, id) =>
    fork(script, ['--client', url, String(seconds), '16', String(id)], { stdio: 'inherit' }),
  );
  endpoint.send('reset');
  const results = await Promise.all(load.map((child) => nextMessage<ClientResult>(child, 'done')));
  endpoint.send('cpu');
  const { micros } = await nextMessage<{ micros: number }>(endpoint, 'cpu');
  endpoint.send('stop');
  const ok = results.reduce((sum, r) => sum + r.ok, 0);
  const failed = results.reduce((sum, r) => sum + r.failed, 0);
  const cpuMsPerRequest = micros / 1000 / Math.max(1, ok);
  return {
    server: kind,
    clients,
    seconds,
    requestsPerSecond: ok / seconds,
    cpuMsPerRequest,
    perCoreRequestsPerSecond: 1000 / cpuMsPerRequest,
    failed,
  };
}

async function main(): Promise<void> {
  const runs = arg('runs', 3);
  const clients = arg('clients', 3);
  const seconds = arg('seconds', 5);
  const byKind = new Map<ServerKind, EndpointThroughputResult[]>(KINDS.map((kind) => [kind, []]));
  // Interleaved, so that all see the same load of the machine.
  for (let run = 0; run < runs; run += 1) {
    for (const kind of KINDS) byKind.get(kind)?.push(await measureEndpointThroughput(clients, seconds, kind));
  }
  const of = (kind: ServerKind) => byKind.get(kind) ?? [];
  const bare = of('bare');
  const ratiosOf = (kind: ServerKind) =>
    of(kind).map((r, i) => r.cpuMsPerRequest / (bare[i]?.cpuMsPerRequest ?? Number.NaN));
  const medians = (kind: ServerKind) => ({
    requestsPerSecond: median(of(kind).map((r) => r.requestsPerSecond)),
    cpuMsPerRequest: median(of(kind).map((r) => r.cpuMsPerRequest)),
    perCoreRequestsPerSecond: median(of(kind).map((r) => r.perCoreRequestsPerSecond)),
    /** CPU per request over the bare server's, median of the runs' ratios. */
    cpuRatioToBare: median(ratiosOf(kind)),
  });
  const summary = {
    runs: of('endpoint'),
    stubRuns: of('stub'),
    baselineRuns: bare,
    medianRequestsPerSecond: medians('endpoint').requestsPerSecond,
    medianCpuMsPerRequest: medians('endpoint').cpuMsPerRequest,
    medianPerCoreRequestsPerSecond: medians('endpoint').perCoreRequestsPerSecond,
    medianCpuRatioToBare: medians('endpoint').cpuRatioToBare,
    stub: medians('stub'),
    bare: medians('bare'),
  };
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(summary, null, 2));
    return;
  }
  console.log(
    `\nLocal endpoint, PutEvents of 10 events, ${clients} client processes x 16 keep-alive connections, ${seconds} s, ${runs} runs (target: 3,000 requests/s on one core). endpoint: on a MemoryTransport, as serve runs it; stub: on a backing whose calls resolve at once; bare: a node:http server that parses the body and answers 200\n`,
  );
  console.log(
    '| run | server | requests/s served | server CPU ms/request | requests/s one core serves | CPU vs bare | failed |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (let i = 0; i < runs; i += 1) {
    for (const kind of KINDS) {
      const r = of(kind)[i] as EndpointThroughputResult;
      console.log(
        `| ${i + 1} | ${kind} | ${r.requestsPerSecond.toFixed(0)} | ${r.cpuMsPerRequest.toFixed(3)} | ${r.perCoreRequestsPerSecond.toFixed(0)} | ${(ratiosOf(kind)[i] ?? Number.NaN).toFixed(2)} | ${r.failed} |`,
      );
    }
  }
  for (const kind of KINDS) {
    const m = medians(kind);
    console.log(
      `| median | ${kind} | ${m.requestsPerSecond.toFixed(0)} | ${m.cpuMsPerRequest.toFixed(3)} | ${m.perCoreRequestsPerSecond.toFixed(0)} | ${m.cpuRatioToBare.toFixed(2)} | |`,
    );
  }
}

if (process.argv[2] === '--server') {
  const kind = process.argv[3] as ServerKind;
  await server(KINDS.includes(kind) ? kind : 'endpoint');
} else if (process.argv[2] === '--client') {
  const [, , , url = '', seconds = '5', inFlight = '16', id = '0'] = process.argv;
  await client(url, Number(seconds), Number(inFlight), Number(id));
} else await main();
