/**
 * What actually reached the service's store, compared with what should have: good events lost or stored twice, and
 * rejected events stored anyway.
 * @module
 */
import type { RejectedRecord } from '../src/index.js';
import { eventKey, type Workload } from './workload.js';

/** The store compared with the good events that were sent. */
export interface DeliveryCheck {
  /** Good events the run sent (all of them, unless it ran on a time budget). */
  goodSent: number;
  /** Good events stored exactly once. */
  deliveredOnce: number;
  /** Good events sent and not stored. */
  lost: number;
  /** Good events stored more than once. */
  duplicated: number;
  /** Stored events that the service should have refused, or that were never sent. */
  unexpected: number;
}

/** Compares the service's store (stored events per key) with the good events among `sentKeys`. */
export function checkDelivery(
  workload: Workload,
  stored: ReadonlyMap<string, number>,
  sentKeys: Iterable<string>,
): DeliveryCheck {
  const check: DeliveryCheck = { goodSent: 0, deliveredOnce: 0, lost: 0, duplicated: 0, unexpected: 0 };
  const sent = new Set(sentKeys);
  for (const key of sent) {
    if (!workload.good.has(key)) continue;
    check.goodSent += 1;
    const count = stored.get(key) ?? 0;
    if (count === 0) check.lost += 1;
    else if (count === 1) check.deliveredOnce += 1;
    else check.duplicated += 1;
  }
  for (const key of stored.keys()) {
    if (!workload.good.has(key) || !sent.has(key)) check.unexpected += 1;
  }
  return check;
}

/** The writer's rejected records compared with the events the service refuses. */
export interface RejectionCheck {
  expected: number;
  /** Refused events reported with code INVALID_INPUT and the service's exact message. */
  reportedWithMessage: number;
  /** Refused events not reported (or reported with another code or message). */
  missing: number;
  /** Reported records that the service does not refuse. */
  wronglyReported: number;
  /** One reported message, to show what the reader gets. */
  sampleMessage: string | undefined;
}

/** Compares a writer's `rejected` list with the workload's refused events. */
export function checkRejections(workload: Workload, rejected: readonly RejectedRecord[]): RejectionCheck {
  const matched = new Set<string>();
  let wronglyReported = 0;
  for (const entry of rejected) {
    if (entry.kind !== 'event') {
      wronglyReported += 1;
      continue;
    }
    const key = eventKey(entry.record.sessionId, entry.record.sentAt);
    const expected = workload.bad.get(key);
    if (expected !== undefined && entry.code === 'INVALID_INPUT' && entry.message === expected) matched.add(key);
    else wronglyReported += 1;
  }
  return {
    expected: workload.bad.size,
    reportedWithMessage: matched.size,
    missing: workload.bad.size - matched.size,
    wronglyReported,
    sampleMessage: rejected[0]?.message,
  };
}
