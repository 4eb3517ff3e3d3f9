/**
 * Warms the stand-in service's code in its process before the measured service starts: a fresh Node process runs
 * its first requests cold (parsing and compiling the endpoint's HTTP, decoding and the fake's checks on first use),
 * and the benchmark starts a fresh child for every run. Measured on the loaded 2-core machine, a fresh child took
 * 55-263 ms to answer its first PutEvents against 30-45 ms for the next ones, all of it counted in the writer's
 * "first call answered" figure, though a real service is warm. The requests go to a throwaway service of their own
 * (its own backing, quota and fault dice), so the measured one starts with nothing counted, stored or drawn.
 * The writer's own first-call costs (loading the SDK, building its client, connecting) stay in the figure.
 * @module
 */
import { AwsTransport } from '../src/index.js';
import { startBenchService } from './bench-endpoint.js';
import { BENCH_TRACKING_ID, rejectionOf } from './workload.js';

/** Requests sent to warm the service: enough that the later ones answer in the time the warm ones take. */
const WARM_REQUESTS = 20;

/** An item id the stand-in refuses, so that the rejection path is warmed too. */
function refusedItemId(): string {
  for (let n = 1; ; n += 1) if (rejectionOf(`item-${n}`) !== undefined) return `item-${n}`;
}

/** Sends `WARM_REQUESTS` PutEvents to a throwaway stand-in service in this process, then stops it. */
export async function warmStandInService(): Promise<void> {
  const service = await startBenchService({ requestsPerSecond: 100_000, latencyMs: 0, transientFaultRate: 0 }, 1);
  const credentials = { accessKeyId: 'warm', secretAccessKey: 'warm' };
  const transport = new AwsTransport({ region: 'us-east-1', endpoint: service.url, credentials });
  const refused = refusedItemId();
  try {
    for (let n = 0; n < WARM_REQUESTS; n += 1) {
      const eventList = Array.from({ length: 10 }, (_, i) => ({
        eventId: `warm-${n}-${i}`,
        eventType: 'View',
        itemId: n === 0 && i === 0 ? refused : `item-${n * 10 + i}`,
        sentAt: new Date(Date.UTC(2026, 0, 1) + i * 1000),
      }));
      await transport
        .putEvents({ trackingId: BENCH_TRACKING_ID, sessionId: `warm-${n}`, userId: 'warm', eventList })
        .catch(() => undefined);
    }
  } finally {
    transport.destroy();
    await service.finish();
  }
}
