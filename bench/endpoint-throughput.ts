/**
 * How many PutEvents requests the local endpoint serves, and its CPU per request: the endpoint (with a
 * `MemoryTransport` behind it, no quota, no latency) in its own process, loaded by several client processes that
 * send ready-made signed-looking requests of 10 events over keep-alive connections. The endpoint's CPU per request
 * gives what one core serves (1 s / CPU per request); the issue asks for at least 3,000 requests/s, three times the
 * documented PutEvents quota, so that the endpoint is never what a test or benchmark measures.
 *
 * `node endpoint-throughput.js [--clients 3] [--seconds 5] [--runs 3] [--json]`; `--server` and `--client` are the
 * roles of its child processes.
 * @module
 */
import { type ChildProcess, fork } from 'node:child_process';
import { Agent, request } from 'node:http';
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

/** One measurement. */
export interface EndpointThroughputResult {
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

async function server(): Promise<void> {
  const backing = new MemoryTransport();
  backing.addTracker(TRACKING_ID, backing.createDatasetGroup({ name: 'bench' }));
  const endpoint = await startLocalEndpoint({ backing });
  let start = process.cpuUsage();
  process.send?.({ type: 'ready', url: endpoint.url } satisfies ServerMessage);
  process.on('message', (message: string) => {
    if (message === 'reset') start = process.cpuUsage();
    if (message === 'cpu') {
      const used = process.cpuUsage(start);
      const stored = backing.events(TRACKING_ID).length;
      process.send?.({ type: 'cpu', micros: used.user + used.system, stored } satisfies ServerMessage);
    }
    if (message === 'stop') void endpoint.close().then(() => process.exit(0));
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

/** One run: a fresh endpoint process, `clients` client processes for `seconds`. */
export async function measureEndpointThroughput(clients: number, seconds: number): Promise<EndpointThroughputResult> {
  const script = new URL(import.meta.url).pathname;
  const endpoint = fork(script, ['--server'], { stdio: 'inherit' });
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
  const all: EndpointThroughputResult[] = [];
  for (let run = 0; run < runs; run += 1) all.push(await measureEndpointThroughput(clients, seconds));
  const summary = {
    runs: all,
    medianRequestsPerSecond: median(all.map((r) => r.requestsPerSecond)),
    medianCpuMsPerRequest: median(all.map((r) => r.cpuMsPerRequest)),
    medianPerCoreRequestsPerSecond: median(all.map((r) => r.perCoreRequestsPerSecond)),
  };
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(summary, null, 2));
    return;
  }
  console.log(
    `\nLocal endpoint, PutEvents of 10 events, ${clients} client processes x 16 keep-alive connections, ${seconds} s, ${runs} runs (target: 3,000 requests/s on one core)\n`,
  );
  console.log('| run | requests/s served | endpoint CPU ms/request | requests/s one core serves | failed |');
  console.log('|---|---|---|---|---|');
  all.forEach((r, i) => {
    console.log(
      `| ${i + 1} | ${r.requestsPerSecond.toFixed(0)} | ${r.cpuMsPerRequest.toFixed(3)} | ${r.perCoreRequestsPerSecond.toFixed(0)} | ${r.failed} |`,
    );
  });
  console.log(
    `| median | ${summary.medianRequestsPerSecond.toFixed(0)} | ${summary.medianCpuMsPerRequest.toFixed(3)} | ${summary.medianPerCoreRequestsPerSecond.toFixed(0)} | |`,
  );
}

if (process.argv[2] === '--server') await server();
else if (process.argv[2] === '--client') {
  const [, , , url = '', seconds = '5', inFlight = '16', id = '0'] = process.argv;
  await client(url, Number(seconds), Number(inFlight), Number(id));
} else await main();
