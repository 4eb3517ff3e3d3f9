/**
 * The Lambda handlers' cost and reach: (1) the SQS handler's CPU per record against the writer's alone, into the
 * same sink with no I/O (the handler puts each message's records, derives event ids, tags records and reads the
 * writer's report; `toRecords` returns a ready record, so decoding is not measured); (2) a batch of 10,000 SQS
 * messages (the mapping's largest) against a MemoryTransport at the documented PutEvents quota (1,000 requests/s)
 * with 25 ms latency, on its ManualClock: the time the invocation takes on that clock, against a 60 s function.
 * @module
 */
import { type EventRecord, RecordWriter, type Transport } from '../src/index.js';
import { createSqsHandler, type SqsEvent, type SqsMessage } from '../src/lambda.js';
import { flushPromises, ManualClock, MemoryTransport } from '../src/testing.js';
import { median } from './run-metrics.js';
import { BENCH_TRACKING_ID, makeWorkload } from './workload.js';

/** The handler's cost per record beside the writer's. */
export interface LambdaCpuResult {
  records: number;
  /** The writer on events without eventId (it makes a UUID for each). */
  writerNoIdMicros: number;
  /** The writer on the same events with the eventIds the handler derives: the baseline of the ratio. */
  writerMicros: number;
  handlerMicros: number;
  ratio: number;
  /** The handler over a writer that does nothing (puts resolve at once, flush reports nothing): its own cost. */
  ownMicros: number;
}

/** One batch of 10,000 messages at the quota. */
export interface LambdaBatchResult {
  messages: number;
  sessions: number;
  /** Time on the fake's clock from the invocation to its answer, in ms. */
  fakeClockMs: number;
  functionTimeoutMs: number;
  calls: number;
  recordsPerCall: number;
  throttled: number;
  failures: number;
  stored: number;
  /** Wall-clock time the run took, in ms (the CPU cost of handling the batch, plus the fake's). */
  wallMs: number;
}

function cpuMicros(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return used.user + used.system;
}

/** Bytes the sinks serialised, so that the serialising is not optimised away. */
export const sunk = { bytes: 0 };

function sinkTransport(): Transport {
  const put = async (input: unknown) => {
    sunk.bytes += JSON.stringify(input).length;
  };
  return { putEvents: put, putUsers: put, putItems: put, putActions: put, putActionInteractions: put } as never;
}

const FAST = { rate: { initialRequestsPerSecond: { putEvents: 1e9 }, adaptive: false } } as const;

function messagesOf(records: readonly EventRecord[]): SqsMessage[] {
  return records.map((_record, n) => ({
    messageId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    receiptHandle: 'AQEB',
    body: String(n),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '0',
      SenderId: 'bench',
      ApproximateFirstReceiveTimestamp: '0',
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:bench',
    awsRegion: 'us-east-1',
  }));
}

/** The writer alone (exported for profiling): the records put in batches of `batch`, a flush after each, as the handler does. */
export async function writerRun(records: readonly EventRecord[], batch: number): Promise<void> {
  const writer = new RecordWriter({
    transport: sinkTransport(),
    trackingId: BENCH_TRACKING_ID,
    maxBufferedRecords: batch,
    ...FAST,
  });
  for (let start = 0; start < records.length; start += batch) {
    for (const record of records.slice(start, start + batch)) await writer.putEvent(record);
    await writer.flush();
  }
  await writer.close();
}

/** The handler: the same records, one per SQS message, in batches of `batch` messages. */
export async function handlerRun(
  records: readonly EventRecord[],
  events: readonly SqsEvent[],
  batch: number,
): Promise<void> {
  const handler = createSqsHandler({
    writerOptions: { transport: sinkTransport(), trackingId: BENCH_TRACKING_ID, maxBufferedRecords: batch, ...FAST },
    toRecords: (message) => [{ kind: 'event', record: records[Number(message.body)] as EventRecord }],
  });
  for (const event of events) {
    const answer = await handler(event, { getRemainingTimeInMillis: () => 900_000 });
    if (answer.batchItemFailures.length > 0) throw new Error(`${answer.batchItemFailures.length} failures`);
  }
}

/** A writer that takes every record and delivers nothing to report: what is left is the handler's own work. */
function stubWriter(): RecordWriter {
  const report = {
    delivered: { events: 0, users: 0, items: 0, actions: 0, actionInteractions: 0 },
    rejected: [],
    undelivered: [],
    stats: { accepted: 0, refused: 0, buffered: 0, inFlight: 0, calls: 0, retried: 0, throttled: 0, bisectionCalls: 0 },
  };
  const put = () => Promise.resolve();
  const flush = () => Promise.resolve(report);
  return { putEvent: put, putUser: put, putItem: put, putAction: put, putActionInteraction: put, flush } as never;
}

/** The handler on the stub writer: its own cost per record. */
export async function ownRun(records: readonly EventRecord[], events: readonly SqsEvent[]): Promise<void> {
  const handler = createSqsHandler({
    writer: stubWriter(),
    toRecords: (message) => [{ kind: 'event', record: records[Number(message.body)] as EventRecord }],
  });
  for (const event of events) await handler(event, { getRemainingTimeInMillis: () => 900_000 });
}

/** Rounds of each, interleaved, after a warm-up of each. */
export async function measureLambdaCpu(options: {
  records: number;
  rounds: number;
  /** Messages per batch (and records per flush of the baseline writer). */
  batch?: number;
}): Promise<LambdaCpuResult> {
  const batch = options.batch ?? 10_000;
  const records = makeWorkload({ events: options.records, sessions: 2000, seed: 9 }).events.map((e) => {
    const { eventId: _, ...record } = e.record;
    return record;
  });
  const messages = messagesOf(records);
  // The ids the handler derives (`<messageId>#0`), for the baseline writer.
  const withIds = records.map((record, n) => ({ ...record, eventId: `${messages[n]?.messageId}#0` }));
  const events: SqsEvent[] = [];
  for (let start = 0; start < messages.length; start += batch)
    events.push({ Records: messages.slice(start, start + batch) });
  const writer: number[] = [];
  const writerNoId: number[] = [];
  const handler: number[] = [];
  const own: number[] = [];
  await writerRun(records, batch);
  await writerRun(withIds, batch);
  await handlerRun(records, events, batch);
  await ownRun(records, events);
  for (let round = 0; round < options.rounds; round += 1) {
    let start = process.cpuUsage();
    await ownRun(records, events);
    own.push(cpuMicros(start) / records.length);
    start = process.cpuUsage();
    await writerRun(records, batch);
    writerNoId.push(cpuMicros(start) / records.length);
    start = process.cpuUsage();
    await writerRun(withIds, batch);
    writer.push(cpuMicros(start) / records.length);
    start = process.cpuUsage();
    await handlerRun(records, events, batch);
    handler.push(cpuMicros(start) / records.length);
  }
  const writerMicros = median(writer);
  const handlerMicros = median(handler);
  const ownMicros = median(own);
  return {
    records: records.length,
    writerNoIdMicros: median(writerNoId),
    writerMicros,
    handlerMicros,
    ratio: handlerMicros / writerMicros,
    ownMicros,
  };
}

/** Moves `clock` timer by timer until `promise` settles. */
async function drive<T>(clock: ManualClock, promise: Promise<T>): Promise<T> {
  let done = false;
  const watched = promise.finally(() => {
    done = true;
  });
  while (!done) {
    await flushPromises(1);
    if (done) break;
    const next = clock.nextTimerAt;
    await clock.advance(next === undefined ? 1 : Math.max(0, next - clock.now()));
  }
  return watched;
}

/** One batch of `messages` SQS messages, one event each from `sessions` sessions, at 1,000 PutEvents/s. */
export async function measureLambdaBatch(options: { messages: number; sessions: number }): Promise<LambdaBatchResult> {
  const wallStart = performance.now();
  const clock = new ManualClock();
  const transport = new MemoryTransport({ clock, latencyMs: 25, requestsPerSecond: { putEvents: 1000 } });
  transport.addTracker(BENCH_TRACKING_ID);
  const records = makeWorkload({ events: options.messages, sessions: options.sessions, seed: 4 }).events.map(
    (e) => e.record,
  );
  const handler = createSqsHandler({
    writerOptions: { transport, trackingId: BENCH_TRACKING_ID, clock, random: () => 0.5 },
    toRecords: (message) => [{ kind: 'event', record: records[Number(message.body)] as EventRecord }],
  });
  const functionTimeoutMs = 60_000;
  const started = clock.now();
  const end = started + functionTimeoutMs;
  const context = { getRemainingTimeInMillis: () => end - clock.now() };
  const answer = await drive(clock, handler({ Records: messagesOf(records) }, context));
  const calls = transport.callsOf('putEvents');
  const throttled = calls.filter((call) => call.outcome === 'error').length;
  const delivered = calls.filter((call) => call.outcome === 'ok');
  const sent = delivered.reduce((sum, call) => sum + call.input.eventList.length, 0);
  return {
    messages: options.messages,
    sessions: options.sessions,
    fakeClockMs: clock.now() - started,
    functionTimeoutMs,
    calls: calls.length,
    recordsPerCall: sent / Math.max(1, delivered.length),
    throttled,
    failures: answer.batchItemFailures.length,
    stored: transport.events(BENCH_TRACKING_ID).length,
    wallMs: performance.now() - wallStart,
  };
}
