// An emulated SQS event source mapping with ReportBatchItemFailures: a standard queue whose received messages stay
// invisible for the visibility timeout; after an invocation, the messages not listed in `batchItemFailures` are
// deleted and the listed ones come back once their visibility timeout passes. An invocation that throws or times out
// deletes nothing (the whole batch comes back). MaximumRetryAttempts is unlimited, so no message may leave the queue
// other than by being acknowledged. A timeout or a cold start kills the execution environment: the next invocation
// runs in a new module scope (a new handler, a new writer).
import type { SqsHandler } from '../../../src/lambda/sqs-handler.js';
import { type FaultMix, makeMessage, NO_FAULTS, scriptRound } from './faults.js';
import { invoke } from './invoke.js';
import { Oracle } from './oracle.js';
import { messageIdOf, sqsEvent, sqsMessage } from './payloads.js';
import { bodyOf, type Environment, type MessageSpec, World } from './world.js';

export interface SqsRunOptions {
  /** Rounds with faults (each one invocation, or a wait for visibility); then rounds without until the queue drains. */
  rounds: number;
  mix: FaultMix;
  random: () => number;
  /** Messages per batch at most (the mapping's BatchSize). */
  batchSize: number;
  /** Builds the handler of a new execution environment (a cold start). */
  makeHandler: (world: World, environment: Environment) => SqsHandler;
  visibilityTimeoutMs?: number;
  world?: World;
  /** What the producer sends: the harness's own messages by default (0..3 records of any fate). */
  makeMessage?: (mix: FaultMix, random: () => number) => MessageSpec;
  /** The body of a message, in the consumer's format. */
  encode?: (spec: MessageSpec) => string;
}

interface Queued {
  readonly id: string;
  readonly spec: MessageSpec;
  visibleAt: number;
  receives: number;
}

/** What a run did. */
export interface SqsRunResult {
  world: World;
  problems: string[];
  invocations: number;
  coldStarts: number;
  failuresReported: number;
  threw: number;
  timedOut: number;
  sent: number;
}

export async function runSqs(options: SqsRunOptions): Promise<SqsRunResult> {
  const world = options.world ?? new World();
  const oracle = new Oracle(world);
  const queue = new Map<string, Queued>();
  const visibilityMs = options.visibilityTimeoutMs ?? 30_000;
  const encode = options.encode ?? bodyOf;
  const stats = { invocations: 0, coldStarts: 1, failuresReported: 0, threw: 0, timedOut: 0 };
  let environment = world.environment();
  let handler = options.makeHandler(world, environment);
  let sent = 0;
  const coldStart = () => {
    environment.kill();
    environment = world.environment();
    handler = options.makeHandler(world, environment);
    stats.coldStarts += 1;
  };
  const maxRounds = options.rounds + 2000;
  for (let round = 0; round < maxRounds && (round < options.rounds || queue.size > 0); round += 1) {
    const faulty = round < options.rounds;
    const mix = faulty ? options.mix : NO_FAULTS;
    if (faulty) {
      for (let n = Math.floor(options.random() * (options.batchSize + 1)); n > 0; n -= 1) {
        const id = messageIdOf(sent++);
        const spec = (options.makeMessage ?? makeMessage)(mix, options.random);
        queue.set(id, { id, spec, visibleAt: world.clock.now(), receives: 0 });
        oracle.sent(id, spec);
      }
    }
    const now = world.clock.now();
    const batch = [...queue.values()].filter((m) => m.visibleAt <= now).slice(0, options.batchSize);
    if (batch.length === 0) {
      const next = Math.min(...[...queue.values()].map((m) => m.visibleAt));
      await world.clock.advance(Number.isFinite(next) ? Math.max(1, next - now) : 1);
      continue;
    }
    for (const message of batch) {
      message.visibleAt = now + visibilityMs;
      message.receives += 1;
    }
    const { timeoutMs, cold } = scriptRound(world, mix, options.random);
    if (cold) coldStart();
    const event = sqsEvent(
      batch.map((m) => sqsMessage({ messageId: m.id, body: encode(m.spec), receiveCount: m.receives })),
    );
    stats.invocations += 1;
    const outcome = await invoke(world, handler, event, timeoutMs);
    if ('answered' in outcome) {
      const failed = new Set(outcome.answered.batchItemFailures.map((failure) => failure.itemIdentifier));
      stats.failuresReported += failed.size;
      for (const id of failed) if (!batch.some((m) => m.id === id)) oracle.violations.push(`reported unknown ${id}`);
      for (const message of batch) {
        if (failed.has(message.id)) continue;
        queue.delete(message.id);
        oracle.acked(message.id);
      }
    } else if ('threw' in outcome) stats.threw += 1;
    else {
      stats.timedOut += 1;
      coldStart();
    }
    await world.clock.advance(Math.floor(options.random() * 50));
  }
  world.memory.clearScripts();
  return { world, problems: oracle.finalCheck(), ...stats, sent };
}
