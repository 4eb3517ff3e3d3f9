/**
 * A stand-in for the Events API cheap enough that a benchmark at the documented quota measures the client, not the
 * endpoint: PutEvents only, a token-bucket quota answered with `ThrottlingException` as the service answers it
 * (400, `x-amzn-errortype`), a fixed latency, and a count of the eventIds it stored (a set: duplicates show).
 * Started by `events-sink.ts` over IPC; about a tenth of the local endpoint's CPU per call, which decodes and
 * checks every call as the service would.
 * @module
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the sink is started with. */
export interface SinkConditions {
  /** PutEvents requests admitted per second; the bucket holds one second of them and starts full. */
  requestsPerSecond: number;
  latencyMs: number;
}

/** What the sink counted. */
export interface SinkStats {
  calls: number;
  throttled: number;
  /** Events in admitted calls. */
  events: number;
  /** Distinct eventIds stored. */
  distinct: number;
  /** Admitted calls per whole second since the first call, for the start's shape. */
  admittedPerSecond: number[];
  throttledPerSecond: number[];
  /** The sink's own CPU, ms. */
  cpuMs: number;
}

function start(conditions: SinkConditions): Promise<string> {
  const ids = new Set<string>();
  const stats: SinkStats = {
    calls: 0,
    throttled: 0,
    events: 0,
    distinct: 0,
    admittedPerSecond: [],
    throttledPerSecond: [],
    cpuMs: 0,
  };
  let tokens = conditions.requestsPerSecond;
  let last = performance.now();
  let first: number | undefined;
  const bump = (list: number[], now: number) => {
    const second = Math.floor((now - (first ?? now)) / 1000);
    list[second] = (list[second] ?? 0) + 1;
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const now = performance.now();
      first ??= now;
      tokens = Math.min(conditions.requestsPerSecond, tokens + ((now - last) / 1000) * conditions.requestsPerSecond);
      last = now;
      stats.calls += 1;
      const admitted = tokens >= 1;
      if (admitted) tokens -= 1;
      setTimeout(() => {
        if (!admitted) {
          stats.throttled += 1;
          bump(stats.throttledPerSecond, now);
          response.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'ThrottlingException' });
          response.end('{"message":"Rate exceeded"}');
          return;
        }
        bump(stats.admittedPerSecond, now);
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { eventList?: Array<{ eventId?: string }> };
        for (const event of body.eventList ?? []) {
          stats.events += 1;
          if (event.eventId !== undefined) ids.add(event.eventId);
        }
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{}');
      }, conditions.latencyMs);
    });
  });
  server.keepAliveTimeout = 60_000;
  process.on('message', (message: { type: string }) => {
    if (message.type !== 'stats') return;
    const cpu = process.cpuUsage();
    const fill = (list: number[]) => Array.from(list, (value) => value ?? 0);
    process.send?.({
      type: 'stats',
      stats: {
        ...stats,
        distinct: ids.size,
        admittedPerSecond: fill(stats.admittedPerSecond),
        throttledPerSecond: fill(stats.throttledPerSecond),
        cpuMs: (cpu.user + cpu.system) / 1000,
      },
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

const conditions = JSON.parse(process.argv[2] ?? '{}') as SinkConditions;
start(conditions).then((url) => process.send?.({ type: 'ready', url }));
process.on('disconnect', () => process.exit(0));
