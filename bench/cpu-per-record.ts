/**
 * The writer's own cost per record, against a floor loop that does only what any writer must: group live events by
 * session, cut groups into calls of 10, give each event an id, and serialise each call's body. Both write into a
 * sink with no I/O (the body is serialised and dropped), so the difference is the writer's bookkeeping: validation,
 * buffering, pacing, retries, reporting. Also measures the heap a held record costs.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { type EventRecord, RecordWriter, type Transport } from '../src/index.js';
import { type EventsInputOf, eventsBody } from '../src/transport/aws/events-http/events-request.js';
import type { DataPlaneCall } from '../src/transport/transport.js';
import { median } from './run-metrics.js';
import { BENCH_TRACKING_ID, makeWorkload } from './workload.js';

/** What one measurement of the writer's cost gave. */
export interface CpuPerRecordResult {
  records: number;
  /** CPU per record of the floor loop, µs (median of the rounds). */
  floorMicros: number;
  /** CPU per record of the RecordWriter into the same sink, µs (median of the rounds). */
  writerMicros: number;
  /** writerMicros / floorMicros. */
  ratio: number;
  /** Heap per record held in the writer's buffer, bytes. */
  heapPerHeldRecord: number;
}

function cpuMicros(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return used.user + used.system;
}

/** The floor: group by session and user, calls of 10, an id each, the body serialised. */
function floorLoop(records: readonly EventRecord[]): number {
  const groups = new Map<string, EventRecord[]>();
  let bytes = 0;
  const send = (sessionId: string, userId: string | undefined, group: readonly EventRecord[]) => {
    const eventList = group.map((e) => ({
      eventId: randomUUID(),
      eventType: e.eventType,
      sentAt: e.sentAt.getTime() / 1000,
      itemId: e.itemId,
    }));
    bytes += JSON.stringify({ trackingId: BENCH_TRACKING_ID, sessionId, userId, eventList }).length;
  };
  for (const record of records) {
    const key = `${record.sessionId}\u0000${record.userId ?? ''}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = [];
      groups.set(key, group);
    }
    group.push(record);
    if (group.length === 10) {
      send(record.sessionId, record.userId, group);
      groups.delete(key);
    }
  }
  for (const group of groups.values()) send(group[0]?.sessionId ?? '', group[0]?.userId, group);
  return bytes;
}

/**
 * A transport that serialises each call's body as the direct Events path sends it (`eventsBody`: `sentAt` in epoch
 * seconds, as the floor does) and answers at once.
 */
function sinkTransport(): Transport & { bytes: number } {
  const sink = { bytes: 0 };
  const put =
    <C extends DataPlaneCall>(call: C) =>
    async (input: EventsInputOf[C]) => {
      sink.bytes += eventsBody(call, input).length;
    };
  const calls = {
    putEvents: put('putEvents'),
    putUsers: put('putUsers'),
    putItems: put('putItems'),
    putActions: put('putActions'),
    putActionInteractions: put('putActionInteractions'),
  };
  return Object.assign(sink, calls) as unknown as Transport & { bytes: number };
}

async function writerRun(records: readonly EventRecord[]): Promise<void> {
  const transport = sinkTransport();
  // Pacing is not what this measures: a rate far above what the loop reaches, and a buffer the size of the run.
  const writer = new RecordWriter({
    transport,
    trackingId: BENCH_TRACKING_ID,
    maxBufferedRecords: records.length,
    rate: { initialRequestsPerSecond: { putEvents: 1e9 }, adaptive: false },
  });
  for (const record of records) await writer.putEvent(record);
  const report = await writer.close();
  if (report.delivered.events !== records.length) throw new Error(`delivered ${report.delivered.events}`);
}

async function heapPerHeldRecord(records: readonly EventRecord[]): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const hold = () => held;
  const transport = {
    putEvents: hold,
    putUsers: hold,
    putItems: hold,
    putActions: hold,
    putActionInteractions: hold,
  } as unknown as Transport;
  const writer = new RecordWriter({
    transport,
    trackingId: BENCH_TRACKING_ID,
    maxBufferedRecords: records.length,
    maxConcurrency: 1,
    flushIntervalMs: 3_600_000,
    rate: { initialRequestsPerSecond: { putEvents: 1e9 }, adaptive: false },
  });
  gc?.();
  const before = process.memoryUsage().heapUsed;
  for (const record of records) await writer.putEvent(record);
  gc?.();
  const after = process.memoryUsage().heapUsed;
  release();
  await writer.close();
  return (after - before) / records.length;
}

/** Runs `rounds` rounds of each on `records` events from 2,000 sessions, interleaved. */
export async function measureCpuPerRecord(options: { records: number; rounds: number }): Promise<CpuPerRecordResult> {
  const workload = makeWorkload({ events: options.records, sessions: 2000, seed: 9 });
  const records = workload.events.map((event) => event.record);
  const floor: number[] = [];
  const writer: number[] = [];
  // A warm-up of each, so that both are measured compiled.
  floorLoop(records);
  await writerRun(records);
  for (let round = 0; round < options.rounds; round += 1) {
    let start = process.cpuUsage();
    floorLoop(records);
    floor.push(cpuMicros(start) / records.length);
    start = process.cpuUsage();
    await writerRun(records);
    writer.push(cpuMicros(start) / records.length);
  }
  const floorMicros = median(floor);
  const writerMicros = median(writer);
  return {
    records: records.length,
    floorMicros,
    writerMicros,
    ratio: writerMicros / floorMicros,
    heapPerHeldRecord: await heapPerHeldRecord(records),
  };
}
