/**
 * Memory under backpressure: a producer puts far more records than the writer may hold (`maxBufferedRecords`, 10,000
 * by default) into a transport that answers each call on a later turn of the event loop, as a network would. The
 * heap retained (after a collection) must stay flat whatever the number of records: the writer holds a bounded
 * number, not the run. Peak heap and RSS count garbage not yet collected too (run with `--expose-gc`).
 * @module
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { RecordWriter, type Transport } from '../src/index.js';
import { BENCH_TRACKING_ID, makeWorkload } from './workload.js';

/** What one run held at most. */
export interface BackpressureRun {
  records: number;
  /** The most heap still in use right after a full collection (sampled every 50,000 puts): what the writer holds. */
  peakRetainedHeapMiB: number;
  /** The most heap in use at any sample, garbage included. */
  peakHeapMiB: number;
  peakRssMiB: number;
  seconds: number;
}

function laterTransport(): Transport {
  const put = async () => {
    await nextTurn();
  };
  return {
    putEvents: put,
    putUsers: put,
    putItems: put,
    putActions: put,
    putActionInteractions: put,
  } as unknown as Transport;
}

/** Puts `records` events (generated from a workload of 100,000, cycled, so the input itself stays small). */
export async function measureBackpressure(records: number): Promise<BackpressureRun> {
  const base = makeWorkload({ events: 100_000, sessions: 2000, seed: 13 }).events.map((event) => event.record);
  const gc = (globalThis as { gc?: () => void }).gc;
  let peakRetained = 0;
  let peakHeap = 0;
  let peakRss = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    peakHeap = Math.max(peakHeap, usage.heapUsed);
    peakRss = Math.max(peakRss, usage.rss);
  };
  const timer = setInterval(sample, 20);
  const start = performance.now();
  const writer = new RecordWriter({
    transport: laterTransport(),
    trackingId: BENCH_TRACKING_ID,
    rate: { initialRequestsPerSecond: { putEvents: Number.POSITIVE_INFINITY }, adaptive: false },
  });
  for (let i = 0; i < records; i += 1) {
    const record = base[i % base.length];
    if (record !== undefined) await writer.putEvent({ ...record, eventId: `e-${i}` });
    if (i % 10_000 === 0) sample();
    if (i % 50_000 === 0 && gc !== undefined) {
      gc();
      peakRetained = Math.max(peakRetained, process.memoryUsage().heapUsed);
    }
  }
  const report = await writer.close();
  clearInterval(timer);
  sample();
  if (report.delivered.events !== records) throw new Error(`delivered ${report.delivered.events} of ${records}`);
  const mib = (bytes: number) => bytes / 1024 / 1024;
  return {
    records,
    peakRetainedHeapMiB: mib(peakRetained),
    peakHeapMiB: mib(peakHeap),
    peakRssMiB: mib(peakRss),
    seconds: (performance.now() - start) / 1000,
  };
}
