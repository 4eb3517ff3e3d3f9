/**
 * One invocation, whatever the event source: put the batch's records, flush, and answer before the deadline with
 * the messages to deliver again. A message is acknowledged only when each of its records is delivered or poison
 * (and `onRejected` heard the poison); in a group (a Kinesis shard) a message is acknowledged only when every
 * earlier one is.
 * @module
 */
import type { Clock } from '../util/clock.js';
import { MAX_TIMER_MS } from '../util/clock.js';
import type { WriterReport } from '../writer/report.js';
import { BatchLedger, type Failure, failureOf, failureOfError, type MessageBook } from './batch-ledger.js';
import type { BatchResponse, LambdaContext } from './event-types.js';
import type { LambdaHandlerConfiguration } from './handler-options.js';
import { BatchFailedError, DeadlineError } from './lambda-errors.js';
import { type BatchItem, type PutRun, putBatch } from './put-batch.js';
import { type WriterInUse, WriterSlot } from './writer-slot.js';

/** The invocation's deadline on the handler's clock, or none (no context: run outside Lambda). */
class Deadline {
  readonly #clock: Clock;
  readonly #at: number | undefined;
  readonly budgetMs: number;

  constructor(clock: Clock, context: LambdaContext | undefined, marginMs: number) {
    this.#clock = clock;
    const remaining = context?.getRemainingTimeInMillis();
    const budget = typeof remaining === 'number' && Number.isFinite(remaining) ? remaining - marginMs : undefined;
    this.budgetMs = budget === undefined ? Number.POSITIVE_INFINITY : Math.max(0, Math.floor(budget));
    this.#at = budget === undefined ? undefined : clock.now() + this.budgetMs;
  }

  /** True once the deadline has passed: nothing more may start. */
  get passed(): boolean {
    return this.#at !== undefined && this.#clock.now() >= this.#at;
  }

  /** Resolves with `promise`'s outcome, or with `undefined` when the deadline comes first. */
  async race<T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown } | undefined> {
    const settled = promise.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    if (this.#at === undefined) return settled;
    const left = this.#at - this.#clock.now();
    if (left <= 0) return undefined;
    const timer = new AbortController();
    const passed = this.#clock.sleep(Math.min(left, MAX_TIMER_MS), timer.signal).then(
      () => undefined,
      () => undefined,
    );
    const first = await Promise.race([settled, passed]);
    timer.abort();
    return first;
  }
}

/** Calls `onRejected` for each poison record of an acknowledged message; a failure if one throws or runs late. */
async function tellRejected<M>(
  config: LambdaHandlerConfiguration<M>,
  deadline: Deadline,
  item: BatchItem<M>,
  book: MessageBook,
): Promise<Failure | undefined> {
  for (const { record, error } of book.poison()) {
    // Never start a call whose message may still fail: it would be told again when the message comes back.
    if (deadline.passed) return failureOfError(new DeadlineError(deadline.budgetMs));
    const told = await deadline.race(Promise.resolve().then(() => config.onRejected(item.message, record, error)));
    if (told === undefined) return failureOfError(new DeadlineError(deadline.budgetMs));
    if ('error' in told) return failureOfError(told.error);
  }
  return undefined;
}

/** The messages in acknowledgement order: one group per Kinesis shard (by sequence number), or one per message. */
function groupsOf<M>(items: readonly BatchItem<M>[]): number[][] {
  const groups = new Map<string, number[]>();
  const alone: number[][] = [];
  for (const [at, item] of items.entries()) {
    if (item.group === undefined) {
      alone.push([at]);
      continue;
    }
    const group = groups.get(item.group) ?? [];
    groups.set(item.group, group);
    group.push(at);
  }
  const byOrder = (a: number, b: number) => {
    const x = (items[a] as BatchItem<M>).order;
    const y = (items[b] as BatchItem<M>).order;
    return x < y ? -1 : x > y ? 1 : a - b;
  };
  return [...alone, ...[...groups.values()].map((group) => group.sort(byOrder))];
}

/** Decides each message: acknowledged (`undefined`) or failed, telling `onRejected` of the acknowledged ones' poison. */
async function decide<M>(
  config: LambdaHandlerConfiguration<M>,
  deadline: Deadline,
  items: readonly BatchItem<M>[],
  ledger: BatchLedger,
  unsettled: Failure,
): Promise<(Failure | undefined)[]> {
  const outcome: (Failure | undefined)[] = new Array(items.length).fill(undefined);
  if (items.every((item) => item.group === undefined)) {
    // Each message on its own (SQS): no groups to build, a list of one for each message.
    for (let at = 0; at < items.length; at += 1) {
      const book = ledger.books[at] as MessageBook;
      let failure = book.blocker(unsettled);
      if (failure === undefined && book.poison().length > 0)
        failure = await tellRejected(config, deadline, items[at] as BatchItem<M>, book);
      outcome[at] = failure;
    }
    return outcome;
  }
  for (const group of groupsOf(items)) {
    let earlier: Failure | undefined;
    for (const at of group) {
      const book = ledger.books[at] as MessageBook;
      let failure = earlier ?? book.blocker(unsettled);
      if (failure === undefined && book.poison().length > 0)
        failure = await tellRejected(config, deadline, items[at] as BatchItem<M>, book);
      outcome[at] = failure;
      earlier ??= failure;
    }
  }
  return outcome;
}

/** Puts and flushes within the deadline; what the writer said is in the ledger, which closes. */
async function write<M>(
  config: LambdaHandlerConfiguration<M>,
  inUse: WriterInUse,
  items: readonly BatchItem<M>[],
  deadline: Deadline,
  ledger: BatchLedger,
): Promise<{ report: WriterReport | undefined; unsettled: Failure }> {
  const run: PutRun<M> = { toRecords: config.toRecords, cut: false };
  inUse.listener = ledger;
  const work = putBatch(run, inUse.writer, items, ledger).then(() => inUse.writer.flush());
  const done = await deadline.race(work);
  if (done !== undefined && 'value' in done) {
    ledger.reconcile(done.value, inUse.cursor);
    WriterSlot.advance(inUse, done.value);
    ledger.close();
    inUse.listener = undefined;
    return { report: done.value, unsettled: failureOfError(new DeadlineError(deadline.budgetMs)) };
  }
  run.cut = true;
  ledger.close();
  inUse.listener = undefined;
  work.catch(() => {});
  const unsettled = done === undefined ? new DeadlineError(deadline.budgetMs) : done.error;
  return { report: undefined, unsettled: failureOfError(unsettled) };
}

/** Handles one batch; throws `BatchFailedError` when no message of a non-empty batch could be acknowledged. */
export async function handleBatch<M>(
  config: LambdaHandlerConfiguration<M>,
  slot: WriterSlot,
  items: readonly BatchItem<M>[],
  context: LambdaContext | undefined,
): Promise<BatchResponse> {
  if (items.length === 0) return { batchItemFailures: [] };
  const deadline = new Deadline(config.clock, context, config.deadlineMarginMs);
  const inUse = slot.current();
  const ledger = new BatchLedger(items.length);
  const { report, unsettled } = await write(config, inUse, items, deadline, ledger);
  if (report === undefined) slot.cutOff(inUse);
  else slot.afterInvocation(inUse, report);
  const outcome = await decide(config, deadline, items, ledger, unsettled);
  const failed = items.filter((_, at) => outcome[at] !== undefined);
  if (failed.length === items.length) {
    const stop = report?.stoppedBy;
    const first = stop === undefined ? (outcome[0] as Failure) : failureOf(stop, outcome[0]?.cause);
    throw new BatchFailedError(items.length, first.code, first.message, { cause: first.cause });
  }
  return { batchItemFailures: failed.map((item) => ({ itemIdentifier: item.id })) };
}
