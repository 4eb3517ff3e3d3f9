/**
 * Fault classes the writer fails on before issue 7's writer fixes (faults 6, 7, 8, 14, 15) are merged. The `npm test`
 * runs leave them out so the rest is still checked; empty this list once those fixes are in, and the suite checks
 * the whole contract. `RELIABILITY_FULL=1` runs with nothing left out.
 * @module
 */
import type { FaultClass } from './fault-mix.js';
import type { HostileClass } from './hostile-records.js';

const PENDING: FaultClass[] = [
  // fault 6: a fatal error is reported as `rejected` (code FATAL), and the writer keeps sending.
  'fatal',
  // fault 7: a record is blamed when the first half of a split goes through (a rejection that happened once, or a
  // rule on the call, sinks a good record); even a bad record is blamed unsent when its call's other half was
  // delivered (the writer infers it instead of sending it alone).
  'rejectRecord',
  'rejectOnce',
  'rejectCallRule',
  // fault 8: a call cut off after it was sent is reported `ABORTED` though it was stored.
  'slowResponse',
  // fault 15: close({ timeoutMs }) waits for a call that ignores the abort signal.
  'deafResponse',
];

/** The fault classes left out of the default runs. */
export const KNOWN_WRITER_FAULTS: readonly FaultClass[] = process.env.RELIABILITY_FULL === '1' ? [] : PENDING;

const PENDING_RECORDS: HostileClass[] = [
  // fault 4: a `__proto__` key in `properties` is silently dropped.
  'protoKeys',
  // fault 9: ids are measured in code points locally and in UTF-16 units by the fake.
  'astralIds',
];

/** The hostile-record classes left out of the default runs, until faults 4 and 9 are merged. */
export const KNOWN_RECORD_FAULTS: readonly HostileClass[] = process.env.RELIABILITY_FULL === '1' ? [] : PENDING_RECORDS;
