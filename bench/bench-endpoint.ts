/**
 * The stand-in service of one run: a fresh `MemoryTransport` with the benchmark's event tracker and rejection rule,
 * behind a local endpoint that enforces the request quota, the latency and the transient faults.
 * @module
 */
import { type LocalEndpoint, type LocalEndpointStats, MemoryTransport, startLocalEndpoint } from '../src/index.js';
import { BENCH_TRACKING_ID, rejectionOf, seededRandom } from './workload.js';

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

/** A running stand-in service. */
export interface BenchService {
  url: string;
  backing: MemoryTransport;
  stats(): LocalEndpointStats;
  close(): Promise<void>;
}

/** Starts a fresh service; `seed` drives its fault injection, so runs with the same seed meet the same dice. */
export async function startBenchService(conditions: ServiceConditions, seed: number): Promise<BenchService> {
  const backing = new MemoryTransport();
  const groupArn = backing.createDatasetGroup({ name: 'bench' });
  backing.addTracker(BENCH_TRACKING_ID, groupArn);
  // The whole call fails with the first refused record's message, as the service answers InvalidInputException.
  backing.rejectRecords((record, call) =>
    call === 'putEvents' && 'itemId' in record ? rejectionOf(record.itemId) : undefined,
  );
  const endpoint: LocalEndpoint = await startLocalEndpoint({
    backing,
    quota: { putEvents: { requestsPerSecond: conditions.requestsPerSecond } },
    latencyMs: conditions.latencyMs,
    transientFaultRate: conditions.transientFaultRate,
    random: seededRandom(seed ^ 0x5eed),
  });
  return { url: endpoint.url, backing, stats: () => endpoint.stats(), close: () => endpoint.close() };
}
