/**
 * Client CPU per Events call, the transport alone: `AwsTransport.putEvents` with 10 events a call, 32 calls in
 * flight, against the events sink in its own process (25 ms latency, a quota that never binds), in rounds of
 * `--calls` calls; the first round warms up (module loading, the JIT), the later ones are the figure. The table
 * "client CPU per PutEvents call of 10 events" in docs/performance.md comes from here.
 *
 * Run: `npm run bench:events-call -- [direct|sdk] [calls] [rounds]` (defaults: direct 4000 3), one JSON line a round.
 * @module
 */
import { AwsTransport, type PutEventsInput } from '../src/index.js';
import { startEventsSink } from './events-sink.js';

const IN_FLIGHT = 32;
const EVENTS_PER_CALL = 10;
const CREDENTIALS = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' };

/** One round's figures. */
export interface CallCpuRound {
  round: number;
  callsPerSecond: number;
  /** User and system CPU of this process per call, ms. */
  cpuPerCallMs: number;
  systemCpuPerCallMs: number;
}

function inputOf(n: number): PutEventsInput {
  const session = n % 2000;
  return {
    trackingId: 'bench-tracking',
    sessionId: `s${session}`,
    userId: `u${session}`,
    eventList: Array.from({ length: EVENTS_PER_CALL }, (_, i) => ({
      eventId: `e${n}-${i}`,
      eventType: 'click',
      sentAt: new Date(Date.UTC(2026, 0, 1) + n * EVENTS_PER_CALL + i),
      itemId: `item${(n * 7 + i) % 20_000}`,
    })),
  };
}

/** Runs `rounds` rounds of `calls` calls through the direct path or (`sdk`) the SDK client. */
export async function measureEventsCallCpu(
  childScript: URL,
  options: { path: 'direct' | 'sdk'; calls: number; rounds: number },
): Promise<CallCpuRound[]> {
  const sink = await startEventsSink(childScript, { requestsPerSecond: 1e9, latencyMs: 25 });
  const transport = new AwsTransport({
    endpoint: sink.url,
    region: 'us-east-1',
    credentials: CREDENTIALS,
    directEvents: options.path === 'direct',
  });
  const rounds: CallCpuRound[] = [];
  let sent = 0;
  try {
    for (let round = 1; round <= options.rounds; round += 1) {
      let left = options.calls;
      const start = performance.now();
      const cpu = process.cpuUsage();
      await Promise.all(
        Array.from({ length: IN_FLIGHT }, async () => {
          while (left > 0) {
            left -= 1;
            await transport.putEvents(inputOf(sent++));
          }
        }),
      );
      const used = process.cpuUsage(cpu);
      const seconds = (performance.now() - start) / 1000;
      rounds.push({
        round,
        callsPerSecond: options.calls / seconds,
        cpuPerCallMs: (used.user + used.system) / 1000 / options.calls,
        systemCpuPerCallMs: used.system / 1000 / options.calls,
      });
    }
  } finally {
    transport.destroy();
    await sink.stop();
  }
  return rounds;
}

const entry = process.argv[1] ?? '';
if (/events-call-cpu\.[cm]?js$/.test(entry)) {
  const path = process.argv[2] === 'sdk' ? 'sdk' : 'direct';
  const calls = Number(process.argv[3] ?? 4000);
  const rounds = Number(process.argv[4] ?? 3);
  const child = new URL('events-sink-child.js', import.meta.url);
  for (const round of await measureEventsCallCpu(child, { path, calls, rounds })) {
    console.log(
      JSON.stringify({
        path,
        round: round.round,
        callsPerSecond: Math.round(round.callsPerSecond),
        cpuPerCallMs: Number(round.cpuPerCallMs.toFixed(3)),
        systemCpuPerCallMs: Number(round.systemCpuPerCallMs.toFixed(3)),
      }),
    );
  }
}
