// The faults a round of a harness may meet, drawn from a seeded generator: throttles and transient faults on the
// next calls (past the writer's retry budget or not), a fatal error (access denied), a Lambda deadline too short for
// the work, a cold start (the old execution environment is killed), an onRejected that throws, poison in messages.
import { FatalTransportError } from '../../../src/errors.js';
import type { MessageSpec, RecordSpec, World } from './world.js';

/** How often each fault happens: the chance per round (per record for poison). */
export interface FaultMix {
  throttle: number;
  transient: number;
  fatal: number;
  deadline: number;
  coldStart: number;
  onRejectedThrows: number;
  poison: number;
  undecodable: number;
  /** Chance that the producer sets the eventId itself. */
  sourceEventId: number;
}

export const NO_FAULTS: FaultMix = {
  throttle: 0,
  transient: 0,
  fatal: 0,
  deadline: 0,
  coldStart: 0,
  onRejectedThrows: 0,
  poison: 0,
  undecodable: 0,
  sourceEventId: 0,
};

export const DEFAULT_MIX: FaultMix = {
  throttle: 0.25,
  transient: 0.2,
  fatal: 0.03,
  deadline: 0.1,
  coldStart: 0.05,
  onRejectedThrows: 0.05,
  poison: 0.08,
  undecodable: 0.02,
  sourceEventId: 0.3,
};

/** The Lambda function's timeout in the harnesses, and what a round with a short deadline gets instead. */
export const FUNCTION_TIMEOUT_MS = 3000;

/** Scripts this round's faults on the world; answers the function timeout to invoke with, and whether to cold start. */
export function scriptRound(world: World, mix: FaultMix, random: () => number): { timeoutMs: number; cold: boolean } {
  world.memory.clearScripts();
  world.onRejectedThrows = random() < mix.onRejectedThrows;
  if (random() < mix.throttle) world.memory.throttleNext(1 + Math.floor(random() * 12));
  if (random() < mix.transient) world.memory.failNext(1 + Math.floor(random() * 8));
  if (random() < mix.fatal) {
    world.memory.failNext(1, { error: new FatalTransportError('AccessDeniedException: not authorized to PutEvents') });
  }
  reinstateRejecter(world);
  const deadline = random() < mix.deadline;
  // A deadline round leaves the handler 0..300 ms of work after its margin: a call takes 20 ms, a back-off 50+ ms.
  const timeoutMs = deadline ? 1000 + Math.floor(random() * 300) : FUNCTION_TIMEOUT_MS;
  return { timeoutMs, cold: random() < mix.coldStart };
}

function reinstateRejecter(world: World): void {
  // clearScripts removed the poison rule too: put it back.
  world.installRejecter();
}

let nextKey = 0;

/** A message of 0..3 records (sometimes poison, sometimes with the producer's eventId), or an undecodable one. */
export function makeMessage(mix: FaultMix, random: () => number): MessageSpec {
  if (random() < mix.undecodable) return { undecodable: true };
  const count = Math.floor(random() * 4);
  const records: RecordSpec[] = [];
  for (let i = 0; i < count; i += 1) {
    const key = `k${(nextKey++).toString(36).padStart(5, '0')}`;
    const kind = random() < 0.8 ? 'event' : 'user';
    const roll = random();
    const fate = roll < mix.poison / 2 ? 'rejected' : roll < mix.poison ? 'refused' : 'good';
    const eventId = kind === 'event' && random() < mix.sourceEventId ? `src-${key}` : undefined;
    records.push({ key, kind, fate, ...(eventId !== undefined && { eventId }) });
  }
  return { records };
}
