/**
 * The stand-in service of one run: a fresh `MemoryTransport` with the benchmark's event tracker and rejection rule,
 * behind a local endpoint that enforces the request quota, the latency and the transient faults.
 * @module
 */
import { type LocalEndpointStats, MemoryTransport, startLocalEndpoint } from '../src/testing.js';
import { seededRandom } from '../src/util/seeded-random.js';
import { BENCH_TRACKING_ID, eventKey, rejectionOf } from './workload.js';

/** The service's conditions, as the issue states them. */
export interface ServiceConditions {
  /** PutEvents requests per second the endpoint admits (the documented quota is 1,000). */
  requestsPerSecond: number;
  latencyMs: number;
  /** Share of admitted requests answered 500 InternalFailure. */
  transientFaultRate: number;
}

/** The conditions of issue 2: a quota ten times below the documented one, 25 ms, 3% faults. */
export const ISSUE_CONDITIONS: ServiceConditions = { requestsPerSecond: 100, latencyMs: 25, transientFaultRate: 0.03 };

/** What the service holds at the end of a run. */
export interface ServiceOutcome {
  stats: LocalEndpointStats;
  /** Stored events per key (`eventKey`): a good event stored once has 1. */
  stored: Array<[string, number]>;
  /** The most events in one PutEvents call that reached the backing (whatever its outcome). */
  maxCallRecords: number;
}

/** A running stand-in service, in this process or in a child. */
export interface BenchService {
  url: string;
  stats(): Promise<LocalEndpointStats>;
  /** Reads what the service holds and stops it. */
  finish(): Promise<ServiceOutcome>;
}

function outcomeOf(backing: MemoryTransport, stats: LocalEndpointStats): ServiceOutcome {
  const counts = new Map<string, number>();
  for (const event of backing.events(BENCH_TRACKING_ID)) {
    const key = eventKey(event.sessionId, event.sentAt);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const sizes = backing.callsOf('putEvents').map((call) => call.input.eventList.length);
  return { stats, stored: [...counts], maxCallRecords: Math.max(0, ...sizes) };
}

/** Starts a fresh service in this process; `seed` drives its fault injection. */
export async function startBenchService(conditions: ServiceConditions, seed: number): Promise<BenchService> {
  const backing = new MemoryTransport();
  const groupArn = backing.createDatasetGroup({ name: 'bench' });
  backing.addTracker(BENCH_TRACKING_ID, groupArn);
  // The whole call fails with the first refused record's message, as the service answers InvalidInputException.
  backing.rejectRecords((record, call) =>
    call === 'putEvents' && 'itemId' in record ? rejectionOf(record.itemId) : undefined,
  );
  const endpoint = await startLocalEndpoint({
    backing,
    quota: { putEvents: { requestsPerSecond: conditions.requestsPerSecond } },
    latencyMs: conditions.latencyMs,
    transientFaultRate: conditions.transientFaultRate,
    random: seededRandom(seed ^ 0x5eed),
  });
  return {
    url: endpoint.url,
    stats: async () => endpoint.stats(),
    async finish() {
      const outcome = outcomeOf(backing, endpoint.stats());
      await endpoint.close();
      return outcome;
    },
  };
}
