/**
 * Throughput at the documented quota (1,000 PutEvents requests/s, so 10,000 events/s at 10 a call), the stand-in
 * service in its own process and cheap enough not to be the bottleneck: the RecordWriter over AwsTransport against
 * the raw SDK used as a careful user would (calls pre-chunked by session, 16 in flight), side by side in one run.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { PersonalizeEventsClient, PutEventsCommand } from '@aws-sdk/client-personalize-events';
import { AwsTransport, type EventRecord, RecordWriter } from '../src/index.js';
import { type EventsSink, startEventsSink } from './events-sink.js';
import type { SinkStats } from './events-sink-child.js';
import { BENCH_TRACKING_ID, makeWorkload } from './workload.js';

/** The documented PutEvents quota, requests per second. */
export const DOCUMENTED_PUT_EVENTS_PER_SECOND = 1000;
const LATENCY_MS = 25;
const CREDENTIALS = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' };

/** One run's figures. */
export interface QuotaRun {
  name: string;
  events: number;
  wallSeconds: number;
  eventsPerSecond: number;
  /** eventsPerSecond over the events/s the quota allows (10 a call at its request rate: 10,000/s documented). */
  shareOfLimit: number;
  lost: number;
  duplicated: number;
  calls: number;
  throttledShare: number;
  /** Client CPU per call that reached the sink, ms. */
  clientCpuPerCallMs: number;
  recordsPerCall: number;
  /** recordsPerCall over the most the traffic allows (`idealRecordsPerCall`). */
  shareOfIdealFill: number;
  /** Seconds from the first put to the first call's answer. */
  firstAnswerSeconds: number;
  /** Throttled calls in the first 5 s over all calls in them. */
  throttledFirst5s: number;
  sinkCpuPerCallMs: number;
}

/**
 * The most records per call this traffic allows: every session's events in calls of 10 (a session of 23 events
 * takes 3 calls at best), whatever their order.
 */
export function idealRecordsPerCall(records: readonly EventRecord[]): number {
  const perSession = new Map<string, number>();
  for (const record of records) perSession.set(record.sessionId, (perSession.get(record.sessionId) ?? 0) + 1);
  let calls = 0;
  for (const count of perSession.values()) calls += Math.ceil(count / 10);
  return calls === 0 ? 0 : records.length / calls;
}

function figures(
  name: string,
  records: readonly EventRecord[],
  wallSeconds: number,
  cpuMs: number,
  sink: SinkStats,
  firstAnswer: number,
): QuotaRun {
  const events = records.length;
  const ideal = idealRecordsPerCall(records);
  const admitted = sink.calls - sink.throttled;
  const first5 = (list: number[]) => list.slice(0, 5).reduce((a, b) => a + b, 0);
  const early = first5(sink.admittedPerSecond) + first5(sink.throttledPerSecond);
  return {
    name,
    events,
    wallSeconds,
    eventsPerSecond: sink.distinct / wallSeconds,
    shareOfLimit: sink.distinct / wallSeconds / (DOCUMENTED_PUT_EVENTS_PER_SECOND * 10),
    lost: events - sink.distinct,
    duplicated: sink.events - sink.distinct,
    calls: sink.calls,
    throttledShare: sink.calls === 0 ? 0 : sink.throttled / sink.calls,
    clientCpuPerCallMs: cpuMs / Math.max(1, sink.calls),
    recordsPerCall: admitted === 0 ? 0 : sink.events / admitted,
    shareOfIdealFill: admitted === 0 ? 0 : sink.events / admitted / ideal,
    firstAnswerSeconds: firstAnswer,
    throttledFirst5s: early === 0 ? 0 : first5(sink.throttledPerSecond) / early,
    sinkCpuPerCallMs: sink.cpuMs / Math.max(1, sink.calls),
  };
}

async function timed(
  sink: EventsSink,
  name: string,
  records: readonly EventRecord[],
  run: (onAnswer: () => void) => Promise<void>,
): Promise<QuotaRun> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  let firstAnswer = Number.NaN;
  await run(() => {
    if (Number.isNaN(firstAnswer)) firstAnswer = (performance.now() - start) / 1000;
  });
  const wallSeconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return figures(name, records, wallSeconds, (used.user + used.system) / 1000, await sink.stats(), firstAnswer);
}

/** The RecordWriter over AwsTransport, once, on a fresh sink. */
export async function writerRun(sink: EventsSink, records: readonly EventRecord[]): Promise<QuotaRun> {
  const transport = new AwsTransport({ endpoint: sink.url, region: 'us-east-1', credentials: CREDENTIALS });
  try {
    return await timed(sink, 'RecordWriter over AwsTransport', records, async (onAnswer) => {
      const writer = new RecordWriter({ transport, trackingId: BENCH_TRACKING_ID, onBatch: onAnswer });
      for (const record of records) await writer.putEvent(record);
      const report = await writer.close();
      if (report.undelivered.length > 0) throw new Error(`${report.undelivered.length} undelivered`);
    });
  } finally {
    transport.destroy();
  }
}

/** Calls of up to 10 events of one session, in the order their first event came. */
function chunksBySession(records: readonly EventRecord[]): EventRecord[][] {
  const open = new Map<string, EventRecord[]>();
  const chunks: EventRecord[][] = [];
  for (const record of records) {
    let chunk = open.get(record.sessionId);
    if (chunk === undefined) {
      chunk = [];
      open.set(record.sessionId, chunk);
      chunks.push(chunk);
    }
    chunk.push(record);
    if (chunk.length === 10) open.delete(record.sessionId);
  }
  return chunks;
}

async function rawSdkRun(sink: EventsSink, records: readonly EventRecord[], concurrency: number): Promise<QuotaRun> {
  const client = new PersonalizeEventsClient({ endpoint: sink.url, region: 'us-east-1', credentials: CREDENTIALS });
  const chunks = chunksBySession(records);
  try {
    return await timed(sink, `raw SDK, pre-chunked, ${concurrency} in flight`, records, async (onAnswer) => {
      let next = 0;
      const worker = async () => {
        for (let chunk = chunks[next++]; chunk !== undefined; chunk = chunks[next++]) {
          const first = chunk[0] as EventRecord;
          const eventList = chunk.map((e) => ({
            eventId: randomUUID(),
            eventType: e.eventType,
            sentAt: e.sentAt,
            itemId: e.itemId,
          }));
          // The SDK's own retries (3 attempts) are all a naive user has: a call that runs out of them is lost.
          await client
            .send(
              new PutEventsCommand({
                trackingId: BENCH_TRACKING_ID,
                sessionId: first.sessionId,
                userId: first.userId,
                eventList,
              }),
            )
            .catch(() => undefined)
            .finally(onAnswer);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
    });
  } finally {
    client.destroy();
  }
}

/** Runs each contender `runs` times on a fresh sink, alternating, on `events` events from 2,000 sessions. */
export async function measureDocumentedQuota(
  childScript: URL,
  options: { events: number; runs: number; requestsPerSecond?: number },
): Promise<QuotaRun[]> {
  const records = makeWorkload({ events: options.events, sessions: 2000, seed: 11 }).events.map((e) => e.record);
  const results: QuotaRun[] = [];
  const conditions = {
    requestsPerSecond: options.requestsPerSecond ?? DOCUMENTED_PUT_EVENTS_PER_SECOND,
    latencyMs: LATENCY_MS,
  };
  for (let run = 0; run < options.runs; run += 1) {
    for (const contender of [writerRun, (sink: EventsSink, r: readonly EventRecord[]) => rawSdkRun(sink, r, 16)]) {
      const sink = await startEventsSink(childScript, conditions);
      try {
        const run = await contender(sink, records);
        // Of this run's limit: 10 events a call at the sink's request rate.
        results.push({ ...run, shareOfLimit: run.eventsPerSecond / (conditions.requestsPerSecond * 10) });
      } finally {
        await sink.stop();
      }
    }
  }
  return results;
}
