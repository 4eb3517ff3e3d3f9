/**
 * Runs one fault mix: scripts the faults on a MemoryTransport (directly, or behind the local endpoint and an
 * AwsTransport), runs the writers' tasks concurrently on a ManualClock, closes them and checks the oracle.
 * @module
 */
import { ConflictError, FatalTransportError, PersonalizeImportError, ThrottledError } from '../../../src/errors.js';
import type { RecordKind } from '../../../src/records/kinds.js';
import type { MemoryTransport } from '../../../src/transport/memory/memory-transport.js';
import type { WireRecord } from '../../../src/transport/memory/scripted-faults.js';
import type { Transport } from '../../../src/transport/transport.js';
import type { ManualClock } from '../../../src/util/manual-clock.js';
import { RecordWriter } from '../../../src/writer/record-writer.js';
import type { WriterReport } from '../../../src/writer/report.js';
import type { FaultMix, WriterOp } from './fault-mix.js';
import { checkConservation, keyOf, type Violation } from './oracle.js';
import { slowTransport } from './slow-transport.js';

/** Where a mix runs: the backing fake (which stores and keeps the history) and the transport the writers use. */
export interface MixTarget {
  clock: ManualClock;
  backing: MemoryTransport;
  transport: Transport;
  /** True when calls take real time (HTTP): the driver then waits for real I/O before moving the clock. */
  realIo: boolean;
}

/** What one mix did. */
export interface MixOutcome {
  accepted: number;
  delivered: number;
  rejected: number;
  undelivered: number;
  violations: Violation[];
}

/** The tracking id of the event tracker `setUp` adds. */
export const TRACKING_ID = 'tracking-1';

/** Sets up a tracker, the Users/Items/Actions datasets and an Action interactions dataset on `backing`. */
export function setUp(backing: MemoryTransport) {
  const datasetGroupArn = backing.createDatasetGroup({ name: 'shop' });
  backing.addTracker(TRACKING_ID, datasetGroupArn);
  const dataset = (datasetType: 'Users' | 'Items' | 'Actions') =>
    backing.createDataset({ datasetGroupArn, datasetType, schema: { type: 'record', name: datasetType, fields: [] } })
      .datasetArn;
  const interactions = backing.createDataset({
    datasetGroupArn,
    datasetType: 'Action_Interactions',
    schema: { type: 'record', name: 'ActionInteractions', fields: [] },
  });
  return {
    datasets: { users: dataset('Users'), items: dataset('Items'), actions: dataset('Actions') },
    actionInteractionsTrackingId: interactions.trackingId as string,
  };
}

function idOf(record: WireRecord): string {
  const r = record as unknown as Record<string, unknown>;
  return String(r.eventId ?? r.userId ?? r.itemId ?? r.actionId);
}

function listLength(input: unknown): number {
  const lists = Object.values(input as Record<string, unknown>).filter(Array.isArray);
  return lists.reduce((most, list) => Math.max(most, (list as unknown[]).length), 0);
}

function script(mix: FaultMix, backing: MemoryTransport): void {
  const seenFlaky = new Set<string>();
  backing.rejectRecords((record, _call, input) => {
    const id = idOf(record);
    if (id.endsWith('-bad')) return `record ${id} is refused`;
    if (id.endsWith('-flaky') && !seenFlaky.has(id)) {
      seenFlaky.add(id);
      return `record ${id} is refused this once`;
    }
    const rule = mix.maxRecordsPerCallRule;
    if (rule !== undefined && listLength(input) > rule) return `calls of more than ${rule} records are refused`;
    return undefined;
  });
  for (const fault of mix.faults) {
    if (fault.kind === 'throttle') backing.throttleNext(fault.count);
    else if (fault.kind === 'throttleRetryAfter') {
      backing.failNext(fault.count, {
        error: () =>
          new ThrottledError('Rate exceeded', {
            serviceErrorName: 'ThrottlingException',
            statusCode: 429,
            retryAfterSeconds: fault.retryAfterSeconds,
          }),
      });
    } else if (fault.kind === 'transient') backing.failNext(fault.count);
    else if (fault.kind === 'fatal') {
      backing.failNext(1, {
        error: new FatalTransportError('The security token included in the request is invalid.', {
          serviceErrorName: 'UnrecognizedClientException',
          statusCode: 403,
        }),
      });
    } else {
      backing.failNext(fault.count, {
        error: () =>
          new ConflictError('The dataset is in use (CREATE PENDING)', {
            reason: 'IN_USE',
            serviceErrorName: 'ResourceInUseException',
            statusCode: 400,
          }),
      });
    }
  }
}

function recordOf(kind: RecordKind, id: string): Record<string, unknown> {
  const at = new Date(1_700_000_000_000);
  switch (kind) {
    case 'event':
      return { eventId: id, sessionId: `s-${id.length % 3}`, eventType: 'view', itemId: `i-${id}`, sentAt: at };
    case 'user':
      return { userId: id, properties: { tier: 'gold' } };
    case 'item':
      return { itemId: id };
    case 'action':
      return { actionId: id };
    case 'actionInteraction':
      return { eventId: id, actionId: `a-${id}`, sessionId: 's-1', eventType: 'Taken', timestamp: at };
  }
}

/** The writer's put method of each record kind. */
export const PUT = {
  event: 'putEvent',
  user: 'putUser',
  item: 'putItem',
  action: 'putAction',
  actionInteraction: 'putActionInteraction',
} as const;

/** Moves the clock while `promise` is pending; answers `undefined` when it does not settle (a hang). */
async function drive<T>(target: MixTarget, promise: Promise<T>): Promise<{ value: T } | undefined> {
  let settled = false;
  const watched = promise.finally(() => {
    settled = true;
  });
  watched.catch(() => {});
  const realDeadline = Date.now() + 20_000;
  for (let idle = 0; !settled; ) {
    await new Promise((resolve) => setImmediate(resolve));
    if (settled) break;
    const next = target.clock.nextTimerAt;
    if (next === undefined) {
      idle += 1;
      if (target.realIo ? Date.now() > realDeadline : idle > 20) return undefined;
      if (target.realIo) await new Promise((resolve) => setTimeout(resolve, 1));
      continue;
    }
    idle = 0;
    if (target.realIo && Date.now() > realDeadline) return undefined;
    await target.clock.advance(Math.max(0, next - target.clock.now()));
  }
  return { value: await watched };
}

async function runWriter(
  writer: RecordWriter,
  ops: readonly WriterOp[],
  index: number,
  target: MixTarget,
  accepted: Set<string>,
  violations: Violation[],
  finalTimeoutMs: number | undefined,
): Promise<WriterReport> {
  const pending: Array<Promise<unknown>> = [];
  const closeWithin = (timeoutMs: number | undefined) => writer.close(timeoutMs === undefined ? {} : { timeoutMs });
  for (const [n, op] of ops.entries()) {
    if (op.op === 'put') {
      const id = `w${index}-${n}${op.bad ? '-bad' : op.flaky ? '-flaky' : ''}`;
      const record = recordOf(op.kind, id);
      try {
        await (writer[PUT[op.kind]] as (r: unknown) => Promise<void>).call(writer, record);
        accepted.add(keyOf(op.kind, record));
      } catch (error) {
        if (!(error instanceof PersonalizeImportError)) throw error;
        if (error.code === 'RECORD_VALIDATION') {
          violations.push({ kind: 'countMismatch', detail: `valid record ${id} refused: ${error.message}` });
        }
      }
    } else if (op.op === 'flush') pending.push(writer.flush());
    else if (op.op === 'wait') await target.clock.sleep(op.ms);
    else pending.push(closeWithin(op.timeoutMs));
  }
  const report = await closeWithin(finalTimeoutMs);
  await Promise.all(pending);
  return report;
}

/** Runs `mix` on `target` and checks the oracle. */
export async function runMix(mix: FaultMix, target: MixTarget): Promise<MixOutcome> {
  const { backing, clock } = target;
  const { datasets, actionInteractionsTrackingId } = setUp(backing);
  script(mix, backing);
  const transport = slowTransport(target.transport, clock, new Map(mix.slowdowns));
  const accepted = new Set<string>();
  const violations: Violation[] = [];
  const writers = mix.writers.map(
    () =>
      new RecordWriter({
        transport,
        trackingId: TRACKING_ID,
        actionInteractionsTrackingId,
        datasets,
        clock,
        random: () => 0.5,
        maxBatchSize: mix.maxBatchSize,
        maxBufferedRecords: mix.maxBufferedRecords,
        retry: { retries: mix.retries },
      }),
  );
  const closeDeadlines: Array<Promise<void>> = [];
  const watchClose = (writer: RecordWriter, index: number) => {
    const original = writer.close.bind(writer);
    writer.close = (options = {}) => {
      // Only the first close sets the deadline; later calls return its report.
      const first = !writer.closed;
      const promise = original(options);
      if (first && options.timeoutMs !== undefined) {
        const by = clock.now() + options.timeoutMs;
        closeDeadlines.push(
          promise.then(() => {
            if (clock.now() > by) {
              violations.push({
                kind: 'hang',
                detail: `writer ${index}: close({ timeoutMs: ${options.timeoutMs} }) settled ${clock.now() - by} ms late`,
              });
            }
          }),
        );
      }
      return promise;
    };
  };
  writers.forEach(watchClose);
  const all = Promise.all(
    writers.map((writer, index) =>
      runWriter(writer, mix.writers[index] ?? [], index, target, accepted, violations, mix.finalCloseTimeoutMs),
    ),
  );
  const done = await drive(
    target,
    all.then(async (reports) => {
      await Promise.all(closeDeadlines);
      return reports;
    }),
  );
  if (done === undefined) {
    return {
      accepted: accepted.size,
      delivered: 0,
      rejected: 0,
      undelivered: 0,
      violations: [...violations, { kind: 'hang', detail: 'the writers did not settle (flush or close hangs)' }],
    };
  }
  const reports = done.value;
  violations.push(...checkConservation({ transport: backing, datasets, accepted, reports }));
  const sum = (pick: (r: WriterReport) => number) => reports.reduce((total, r) => total + pick(r), 0);
  return {
    accepted: accepted.size,
    delivered: sum((r) => Object.values(r.delivered).reduce((a, b) => a + b, 0)),
    rejected: sum((r) => r.rejected.length),
    undelivered: sum((r) => r.undelivered.length),
    violations,
  };
}
