// An emulated Kinesis event source mapping with ReportBatchItemFailures, BisectBatchOnFunctionError off and
// MaximumRetryAttempts unlimited: each shard is read in order from its checkpoint, one batch at a time; after an
// invocation that answers, the shard's checkpoint moves to the lowest sequence number listed (or past the batch when
// none is), and the next batch starts there. An invocation that throws or times out moves nothing. A timeout or a cold
// start kills the execution environment.
import type { KinesisHandler } from '../../../src/lambda/kinesis-handler.js';
import { type FaultMix, makeMessage, NO_FAULTS, scriptRound } from './faults.js';
import { invoke } from './invoke.js';
import { Oracle } from './oracle.js';
import { kinesisEvent, kinesisRecord, SEQUENCE_BASE } from './payloads.js';
import { bodyOf, type Environment, type MessageSpec, World } from './world.js';

export interface KinesisRunOptions {
  rounds: number;
  mix: FaultMix;
  random: () => number;
  batchSize: number;
  shards: number;
  makeHandler: (world: World, environment: Environment) => KinesisHandler;
}

interface StreamRecord {
  readonly eventId: string;
  readonly sequence: string;
  readonly spec: MessageSpec;
}

interface Shard {
  readonly id: string;
  readonly records: StreamRecord[];
  checkpoint: number;
  next: bigint;
}

export interface KinesisRunResult {
  world: World;
  problems: string[];
  invocations: number;
  coldStarts: number;
  restarts: number;
  threw: number;
  timedOut: number;
  sent: number;
}

function produce(shards: Shard[], oracle: Oracle, options: KinesisRunOptions): number {
  let sent = 0;
  for (let n = Math.floor(options.random() * (options.batchSize + 1)); n > 0; n -= 1) {
    const shard = shards[Math.floor(options.random() * shards.length)] as Shard;
    // Sequence numbers grow within a shard, with gaps (other producers' records, aggregation).
    shard.next += 1n + BigInt(Math.floor(options.random() * 1000));
    const sequence = shard.next.toString();
    const spec = makeMessage(options.mix, options.random);
    const eventId = `${shard.id}:${sequence}`;
    shard.records.push({ eventId, sequence, spec });
    oracle.sent(eventId, spec);
    sent += 1;
  }
  return sent;
}

/** Checks the answer and moves the checkpoint; answers how many records it acknowledged. */
function checkpoint(shard: Shard, batch: readonly StreamRecord[], failures: readonly string[], oracle: Oracle): number {
  const listed = new Set(failures);
  for (const id of listed)
    if (!batch.some((r) => r.sequence === id)) oracle.violations.push(`reported unknown sequence ${id}`);
  const first = batch.findIndex((r) => listed.has(r.sequence));
  const acked = first === -1 ? batch.length : first;
  // The handler promises more than Lambda needs: everything after the first failure of the shard is listed too.
  for (const record of batch.slice(acked))
    if (!listed.has(record.sequence)) oracle.violations.push(`${record.eventId} after a failure was not listed`);
  for (const record of batch.slice(0, acked)) oracle.acked(record.eventId);
  shard.checkpoint += acked;
  return acked;
}

export async function runKinesis(options: KinesisRunOptions): Promise<KinesisRunResult> {
  const world = new World();
  const oracle = new Oracle(world);
  const shards: Shard[] = Array.from({ length: options.shards }, (_, n) => ({
    id: `shardId-${String(n).padStart(12, '0')}`,
    records: [],
    checkpoint: 0,
    next: SEQUENCE_BASE + BigInt(n) * 10n ** 30n,
  }));
  const stats = { invocations: 0, coldStarts: 1, restarts: 0, threw: 0, timedOut: 0 };
  let environment = world.environment();
  let handler = options.makeHandler(world, environment);
  const coldStart = () => {
    environment.kill();
    environment = world.environment();
    handler = options.makeHandler(world, environment);
    stats.coldStarts += 1;
  };
  let sent = 0;
  const pending = () => shards.some((s) => s.checkpoint < s.records.length);
  for (let round = 0; round < options.rounds + 2000 && (round < options.rounds || pending()); round += 1) {
    const faulty = round < options.rounds;
    const mix = faulty ? options.mix : NO_FAULTS;
    if (faulty) sent += produce(shards, oracle, { ...options, mix });
    const shard = shards[round % shards.length] as Shard;
    const batch = shard.records.slice(shard.checkpoint, shard.checkpoint + options.batchSize);
    if (batch.length === 0) continue;
    const { timeoutMs, cold } = scriptRound(world, mix, options.random);
    if (cold) coldStart();
    const event = kinesisEvent(
      batch.map((r) => kinesisRecord({ shardId: shard.id, sequenceNumber: r.sequence, data: bodyOf(r.spec) })),
    );
    stats.invocations += 1;
    const outcome = await invoke(world, handler, event, timeoutMs);
    if ('answered' in outcome) {
      const failures = outcome.answered.batchItemFailures.map((failure) => failure.itemIdentifier);
      if (checkpoint(shard, batch, failures, oracle) < batch.length) stats.restarts += 1;
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
