/**
 * The documented-quota benchmark's workload where the quota binds, simulated on a `ManualClock` against a
 * `MemoryTransport` that enforces the quota and the latency: how full the writer's calls are, in seconds of CPU and
 * repeatable to the call, whatever else the machine runs. The writer has its defaults but `maxBufferedRecords` (and a seeded `random`).
 *
 * Run: `npx esbuild bench/binding-fill-sim.ts --bundle --platform=node --format=esm --packages=external
 * --outfile=.tmp/binding-fill-sim.mjs && node .tmp/binding-fill-sim.mjs [events] [maxBufferedRecords]
 * [requestsPerSecond] [sessions]` (defaults 50000 10000 200 2000: the full bench's binding-quota run).
 * @module
 */
import { MemoryTransport } from '../src/transport/memory/memory-transport.js';
import { ManualClock } from '../src/util/manual-clock.js';
import { seededRandom } from '../src/util/seeded-random.js';
import { RecordWriter } from '../src/writer/record-writer.js';
import { idealRecordsPerCall } from './documented-quota.js';
import { makeWorkload } from './workload.js';

const LATENCY_MS = 25;

async function main(): Promise<void> {
  const [events = 50_000, buffer = 10_000, requestsPerSecond = 200, sessions = 2000] = process.argv
    .slice(2)
    .map(Number);
  const records = makeWorkload({ events, sessions, seed: 11 }).events.map((e) => e.record);
  const clock = new ManualClock();
  const transport = new MemoryTransport({
    clock,
    latencyMs: LATENCY_MS,
    requestsPerSecond: { putEvents: requestsPerSecond },
  });
  transport.addTracker('t1');
  // A seeded `random` (the limiter's window jitter): the same figures on every run.
  const random = seededRandom(1);
  const writer = new RecordWriter({ transport, trackingId: 't1', clock, random, maxBufferedRecords: buffer });
  let done = false;
  const run = (async () => {
    for (const record of records) await writer.putEvent(record);
    return writer.close();
  })().finally(() => {
    done = true;
  });
  while (!done) {
    const next = clock.nextTimerAt;
    await clock.advance(next === undefined ? 0 : Math.max(0, next - clock.now()));
  }
  const report = await run;
  const admitted = report.stats.calls - report.stats.throttled;
  const perCall = report.delivered.events / admitted;
  const ideal = idealRecordsPerCall(records);
  const seconds = (clock.now() - ManualClock.START) / 1000;
  console.log(
    `${events} events from ${sessions} sessions, maxBufferedRecords ${buffer}, quota ${requestsPerSecond}/s: ` +
      `${report.delivered.events} delivered in ${admitted} admitted calls (${report.stats.throttled} throttled), ` +
      `${perCall.toFixed(2)} records a call of ${ideal.toFixed(2)} ideal (${((perCall / ideal) * 100).toFixed(1)}%), ` +
      `${(events / seconds).toFixed(0)} events/s over ${seconds.toFixed(1)} s of the fake clock`,
  );
}

void main();
