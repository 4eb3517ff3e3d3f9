/**
 * Random fault mixes for the writer's conservation properties: what the writers put, flush and close, and which
 * faults the transport is scripted with. Each fault class can be left out (`exclude`), so a run can skip a class the
 * writer is known to fail on and still check the rest.
 * @module
 */
import fc from 'fast-check';
import type { RecordKind } from '../../../src/records/kinds.js';
import type { Slowdown } from './slow-transport.js';

/** The fault classes a mix can hold. */
export const FAULT_CLASSES = [
  'throttle',
  'throttleRetryAfter',
  'transient',
  'fatal',
  'inUse',
  'slowRequest',
  'slowResponse',
  'deafResponse',
  'rejectRecord',
  'rejectOnce',
  'rejectCallRule',
  'flushDuringPuts',
  'closeTimeout',
  'closeDuringPuts',
] as const;

/** One fault class. */
export type FaultClass = (typeof FAULT_CLASSES)[number];

/** A scripted call fault: the next `count` calls fail this way, after `afterCalls` calls have gone through. */
export interface CallFault {
  kind: 'throttle' | 'throttleRetryAfter' | 'transient' | 'fatal' | 'inUse';
  count: number;
  retryAfterSeconds: number;
}

/** One step of a writer's task. */
export type WriterOp =
  | { op: 'put'; kind: RecordKind; bad: boolean; flaky: boolean }
  | { op: 'flush' }
  | { op: 'wait'; ms: number }
  | { op: 'close'; timeoutMs: number | undefined };

/** A whole mix: the writers' tasks, the faults, the writers' settings. */
export interface FaultMix {
  writers: WriterOp[][];
  faults: CallFault[];
  slowdowns: Array<[number, Slowdown]>;
  /** Calls with more records than this are refused as invalid input (a rule on the call), while `rejectCallRule`. */
  maxRecordsPerCallRule: number | undefined;
  maxBatchSize: number;
  maxBufferedRecords: number;
  retries: number;
  /** Each writer closes at its end with this timeout (`undefined`: no deadline). */
  finalCloseTimeoutMs: number | undefined;
}

/** Options of `faultMix`. */
export interface FaultMixOptions {
  /** Fault classes left out of every mix. */
  exclude?: readonly FaultClass[];
  /** Most writers on one transport. @default 3 */
  maxWriters?: number;
  /** Most steps per writer. @default 40 */
  maxOps?: number;
  /** fast-check's size of the writers' tasks (`'large'` in the soak: more records per mix). @default 'small' */
  size?: fc.SizeForArbitrary;
}

const KINDS: RecordKind[] = ['event', 'user', 'item', 'action', 'actionInteraction'];

/** The fast-check arbitrary of fault mixes. */
export function faultMix(options: FaultMixOptions = {}): fc.Arbitrary<FaultMix> {
  const excluded = new Set(options.exclude ?? []);
  const on = (name: FaultClass) => !excluded.has(name);
  const put = fc.record({
    op: fc.constant('put' as const),
    kind: fc.constantFrom(...KINDS),
    bad: on('rejectRecord') ? fc.integer({ min: 0, max: 9 }).map((n) => n === 0) : fc.constant(false),
    flaky: on('rejectOnce') ? fc.integer({ min: 0, max: 9 }).map((n) => n === 0) : fc.constant(false),
  });
  // Weighted so that a mix puts many records: a close in the middle ends a writer's intake.
  const steps: Array<fc.WeightedArbitrary<WriterOp>> = [
    { arbitrary: put, weight: 20 },
    { arbitrary: fc.record({ op: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 3000 }) }), weight: 2 },
  ];
  if (on('flushDuringPuts')) steps.push({ arbitrary: fc.constant({ op: 'flush' as const }), weight: 1 });
  if (on('closeDuringPuts')) {
    const timeoutMs = on('closeTimeout')
      ? fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined })
      : fc.constant(undefined);
    steps.push({ arbitrary: fc.record({ op: fc.constant('close' as const), timeoutMs }), weight: 1 });
  }
  const callKinds = (['throttle', 'throttleRetryAfter', 'transient', 'fatal', 'inUse'] as const).filter(on);
  const fault =
    callKinds.length === 0
      ? fc.constant(undefined)
      : fc.record({
          kind: fc.constantFrom(...callKinds),
          count: fc.integer({ min: 1, max: 6 }),
          retryAfterSeconds: fc.integer({ min: 0, max: 30 }),
        });
  const slowModes = (['slowRequest', 'slowResponse', 'deafResponse'] as const).filter(on);
  const slowdown =
    slowModes.length === 0
      ? fc.constant(undefined)
      : fc.tuple(
          fc.integer({ min: 0, max: 60 }),
          fc.record({
            mode: fc
              .constantFrom(...slowModes)
              .map((m) =>
                m === 'slowRequest'
                  ? ('request' as const)
                  : m === 'slowResponse'
                    ? ('response' as const)
                    : ('deaf' as const),
              ),
            ms: fc.integer({ min: 1, max: 600_000 }),
          }),
        );
  return fc.record({
    writers: fc.array(
      fc.array(fc.oneof(...steps), { maxLength: options.maxOps ?? 40, size: options.size ?? 'small' }),
      {
        minLength: 1,
        maxLength: options.maxWriters ?? 3,
      },
    ),
    faults: fc.array(fault, { maxLength: 4 }).map((list) => list.filter((f): f is CallFault => f !== undefined)),
    slowdowns: fc
      .array(slowdown, { maxLength: 4 })
      .map((list) => list.filter((s): s is [number, Slowdown] => s !== undefined)),
    maxRecordsPerCallRule: on('rejectCallRule')
      ? fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined })
      : fc.constant(undefined),
    maxBatchSize: fc.integer({ min: 1, max: 10 }),
    maxBufferedRecords: fc.integer({ min: 10, max: 40 }),
    retries: fc.integer({ min: 0, max: 6 }),
    finalCloseTimeoutMs: on('closeTimeout')
      ? fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: undefined })
      : fc.constant(undefined),
  });
}
