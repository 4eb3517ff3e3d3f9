/**
 * What a writer reports: records delivered, records the service rejected, records it could not deliver, and running
 * counters. A failed record is data, not an exception: it is reported with the reason.
 * @module
 */
import type { RecordKind } from '../records/kinds.js';
import type { ActionInteractionRecord, ActionRecord, EventRecord, ItemRecord, UserRecord } from '../records/types.js';
import type { DataPlaneCall } from '../transport/transport.js';

/** The type of record each kind of `RejectedRecord` holds, as `put*` took it. */
export interface RecordOf {
  /** What `putEvent` took, with the `eventId` the writer assigned when it had none. */
  event: EventRecord;
  /** The user as `putUser` took it; an upsert by `userId`, so sending it again is safe. */
  user: UserRecord;
  /** The item as `putItem` took it; an upsert by `itemId`, so sending it again is safe. */
  item: ItemRecord;
  /** The action as `putAction` took it; an upsert by `actionId`, so sending it again is safe. */
  action: ActionRecord;
  /** What `putActionInteraction` took, with the `eventId` the writer assigned when it had none. */
  actionInteraction: ActionInteractionRecord;
}

/** A record that was accepted but did not reach the service. */
export type RejectedRecord = {
  [K in RecordKind]: {
    /** What kind of record: which `put*` took it. */
    kind: K;
    /**
     * The record as it was written (with the `eventId` the writer assigned, for events). The writer does not copy
     * what it is given: this is built from your object when the report is made, so a field you changed after `put*`
     * shows its new value here, while the call carried the value it had when it was put.
     */
    record: RecordOf[K];
    /**
     * Why. Rejected records: `INVALID_INPUT` (the service refused it alone in its call). Undelivered records:
     * `THROTTLED` / `TRANSIENT` (retries ran out), `CONFLICT` (the dataset was in use), `ABORTED` (close timed out
     * before its call was sent), `OUTCOME_UNKNOWN` (its call was sent and cut off at the close deadline: it may have
     * been stored), or the code of the fatal error that stopped the writer (`FATAL`, `NOT_FOUND`, …; see
     * `WriterReport.stoppedBy`).
     */
    code: string;
    /** The service's message, or what went wrong. */
    message: string;
  };
}[RecordKind];

/** Records the service accepted, per kind (the plurals of `records/kinds.ts`). */
export interface DeliveredCounts {
  /** Events delivered by PutEvents. */
  events: number;
  /** Users delivered by PutUsers. */
  users: number;
  /** Items delivered by PutItems. */
  items: number;
  /** Actions delivered by PutActions. */
  actions: number;
  /** Action interactions delivered by PutActionInteractions. */
  actionInteractions: number;
}

/** Running counters of a writer. */
export interface WriterStats {
  /** Records accepted by `put*`. */
  accepted: number;
  /** Records refused by local validation (their `put*` call rejected). */
  refused: number;
  /** Records waiting in the buffer for their chunk to be sealed. */
  buffered: number;
  /** Records accepted and not yet settled that are no longer in the buffer: queued for their call or in it. */
  inFlight: number;
  /** Calls sent (every attempt counts). */
  calls: number;
  /** Attempts that were retries of a throttled or failed call (`calls` counts them too). */
  retried: number;
  /** Attempts the service throttled; each may be retried. */
  throttled: number;
  /** Calls made to isolate records in a call the service rejected. */
  bisectionCalls: number;
}

/** The fatal error that stopped a writer, as `WriterReport.stoppedBy` states it. */
export interface StopCause {
  /** Its code: `FATAL` (credentials, access denied, unknown region, …), `NOT_FOUND` (tracking id or dataset), … */
  code: string;
  /** Its message, as the service or the transport gave it. */
  message: string;
}

/** Everything a writer did, as `flush()` and `close()` report it. Every accepted record is delivered, rejected or undelivered. */
export interface WriterReport {
  /** Records the service accepted, per kind. */
  delivered: DeliveredCounts;
  /** Records the service refused, each in a call of its own, with the service's message. */
  rejected: RejectedRecord[];
  /**
   * Records that could not be delivered (retries exhausted, the close deadline, the writer stopped); safe to send
   * again. Those with code `OUTCOME_UNKNOWN` may have been stored: a resend is still safe (same `eventId`, upserts).
   */
  undelivered: RejectedRecord[];
  /**
   * Present when a fatal error (bad credentials, access denied, an unknown region, tracking id or dataset) stopped
   * the writer: it made no call after it, and every record it did not deliver is in `undelivered`.
   */
  stoppedBy?: StopCause;
  /** The counters at the time of the report. */
  stats: WriterStats;
}

/** Passed to `onSettled` as records settle: each accepted record once, as delivered, rejected or undelivered. */
export interface SettledInfo {
  /** How they ended, as in the report. */
  outcome: 'delivered' | 'rejected' | 'undelivered';
  /** The records themselves, as `put*` took them (the same objects, or a copy with the `eventId` the writer gave). */
  records: readonly unknown[];
}

/** Passed to `onBatch` after each call ends. */
export interface BatchInfo {
  /** Which Events API call. */
  call: DataPlaneCall;
  /** Records in the call, 1..`maxBatchSize`. */
  records: number;
  /** `delivered`; `rejected` (invalid input, will be split or reported); `failed` (other error after retries). */
  outcome: 'delivered' | 'rejected' | 'failed';
  /** Attempts made (1 when the first succeeded). */
  attempts: number;
  /** From the first attempt to the end, in ms. */
  durationMs: number;
  /** The error of the last attempt, when it failed. */
  error?: unknown;
}
