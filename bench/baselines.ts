/**
 * The naive ways of using the raw AWS SDK that the library replaces: a default `PersonalizeEventsClient` (its own
 * retry, 3 attempts) and no handling beyond logging a failed call. Each runs against a fresh stand-in service.
 * @module
 */
import { PersonalizeEventsClient, PutEventsCommand } from '@aws-sdk/client-personalize-events';
import type { ServiceConditions } from './bench-endpoint.js';
import { checkDelivery, type RejectionCheck } from './delivery-check.js';
import type { ServiceStarter } from './remote-service.js';
import type { RunRaw } from './run-metrics.js';
import { BENCH_TRACKING_ID, type BenchEvent, type Workload } from './workload.js';

/** How the naive code sends. */
export type BaselineMode = 'one-per-call' | 'chunks-sequential' | 'chunks-promise-all';

/** The calls of a baseline: one event each, or chunks of 10 per session. */
function callsFor(workload: Workload, mode: BaselineMode): BenchEvent[][] {
  if (mode === 'one-per-call') return workload.events.map((event) => [event]);
  const bySession = new Map<string, BenchEvent[]>();
  for (const event of workload.events) {
    const list = bySession.get(event.record.sessionId) ?? [];
    list.push(event);
    bySession.set(event.record.sessionId, list);
  }
  const calls: BenchEvent[][] = [];
  for (const list of bySession.values()) {
    for (let i = 0; i < list.length; i += 10) calls.push(list.slice(i, i + 10));
  }
  return calls;
}

interface CallFailure {
  events: BenchEvent[];
  name: string;
  message: string;
}

/** Sends one call as naive code does: any error is logged and the call's events are gone. */
async function sendNaively(client: PersonalizeEventsClient, events: BenchEvent[]): Promise<CallFailure | undefined> {
  const first = events[0]?.record;
  if (first === undefined) return undefined;
  const eventList = events.map(({ record }) => ({
    eventType: record.eventType,
    sentAt: record.sentAt,
    ...(record.itemId === undefined ? {} : { itemId: record.itemId }),
  }));
  const input = { trackingId: BENCH_TRACKING_ID, sessionId: first.sessionId, userId: first.userId, eventList };
  try {
    await client.send(new PutEventsCommand(input));
    return undefined;
  } catch (error) {
    const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
    return { events, name, message };
  }
}

/** What naive code can report: a call of one refused event failed with that event's message. */
function naiveRejections(sent: BenchEvent[], failures: CallFailure[]): RejectionCheck {
  let reported = 0;
  for (const failure of failures) {
    const only = failure.events.length === 1 ? failure.events[0] : undefined;
    if (only !== undefined && failure.name === 'InvalidInputException' && failure.message === only.rejection) {
      reported += 1;
    }
  }
  const expected = sent.filter((event) => event.rejection !== undefined).length;
  return {
    expected,
    reportedWithMessage: reported,
    missing: expected - reported,
    wronglyReported: 0,
    sampleMessage: failures[0]?.message,
  };
}

async function sendAll(
  client: PersonalizeEventsClient,
  calls: BenchEvent[][],
  mode: BaselineMode,
  deadline: number,
): Promise<{ sent: BenchEvent[][]; failures: CallFailure[] }> {
  if (mode === 'chunks-promise-all') {
    const results = await Promise.all(calls.map((call) => sendNaively(client, call)));
    return { sent: calls, failures: results.filter((r): r is CallFailure => r !== undefined) };
  }
  const sent: BenchEvent[][] = [];
  const failures: CallFailure[] = [];
  for (const call of calls) {
    if (performance.now() >= deadline) break;
    sent.push(call);
    const failure = await sendNaively(client, call);
    if (failure !== undefined) failures.push(failure);
  }
  return { sent, failures };
}

/** Runs one baseline against a fresh service; sequential modes stop after `budgetMs`. */
export async function runBaseline(
  workload: Workload,
  mode: BaselineMode,
  conditions: ServiceConditions,
  budgetMs: number,
  startService: ServiceStarter,
): Promise<RunRaw> {
  const service = await startService(conditions, workload.seed);
  const client = new PersonalizeEventsClient({
    region: 'us-east-1',
    endpoint: service.url,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  let outcome: Awaited<ReturnType<typeof service.finish>> | undefined;
  try {
    const calls = callsFor(workload, mode);
    const start = performance.now();
    const { sent, failures } = await sendAll(client, calls, mode, start + budgetMs);
    const wallMs = performance.now() - start;
    outcome = await service.finish();
    const sentEvents = sent.flat();
    return {
      name: mode,
      budgeted: sent.length < calls.length,
      eventsSent: sentEvents.length,
      wallMs,
      endpoint: outcome.stats,
      delivery: checkDelivery(
        workload,
        new Map(outcome.stored),
        sentEvents.map((event) => event.key),
      ),
      rejections: naiveRejections(sentEvents, failures),
      maxRecordsPerCall: Math.max(0, ...sent.map((call) => call.length)),
      bisectionCalls: undefined,
      undelivered: 0,
      deliveredCallSizes: undefined,
    };
  } finally {
    client.destroy();
    // Stop the service even when the run failed; its own error must not hide the run's.
    if (outcome === undefined) await service.finish().catch(() => undefined);
  }
}
