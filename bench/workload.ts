/**
 * The benchmark's workload: live events from many sessions, interleaved as they would arrive, and the rule by which
 * the stand-in service rejects some of them. Everything is derived from a seed, so runs are comparable.
 * @module
 */
import type { EventRecord } from '../src/index.js';
import { seededRandom } from '../src/util/seeded-random.js';

/** The tracking id of the benchmark's event tracker. */
export const BENCH_TRACKING_ID = 'bench-tracker';

/** One event of the workload, with the key that finds it again in the backing's store and in reports. */
export interface BenchEvent {
  key: string;
  record: EventRecord;
  /** The service's message when it rejects this event; `undefined` for a good event. */
  rejection: string | undefined;
}

/** The events to send, in arrival order. */
export interface Workload {
  events: BenchEvent[];
  sessions: number;
  seed: number;
  /** Keys of the good events. */
  good: Set<string>;
  /** Keys of the events the service rejects, with its message. */
  bad: Map<string, string>;
}

/** Settings of `makeWorkload`. */
export interface WorkloadOptions {
  events: number;
  sessions: number;
  seed: number;
}

// A catalogue this size makes each event's item a fresh draw, so ~1 in REJECT_MODULUS events hits a refused item.
const CATALOGUE_SIZE = 20_000;
/** One item id in this many is refused by the stand-in service: 0.5% of records. */
const REJECT_MODULUS = 200;
const EVENT_TYPES = ['View', 'View', 'View', 'Click', 'AddToCart', 'Purchase'] as const;
// Events are one second apart, so (sessionId, sentAt) identifies an event even after the wire's epoch seconds.
const FIRST_SENT_AT_MS = Date.UTC(2026, 0, 1);

/** FNV-1a, 32 bits: a stable hash of a string. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The stand-in service's rule: the message it rejects an event about `itemId` with, or `undefined`. */
export function rejectionOf(itemId: string | undefined): string | undefined {
  if (itemId === undefined || fnv1a(itemId) % REJECT_MODULUS !== 0) return undefined;
  return `1 validation error detected: Value '${itemId}' at 'eventList.member.itemId' refers to an item the service refuses (benchmark rule)`;
}

/** The key of an event: its session and its send time, in whole seconds as the wire carries it. */
export function eventKey(sessionId: string, sentAt: Date): string {
  return `${sessionId}@${Math.round(sentAt.getTime() / 1000)}`;
}

/**
 * Builds `events` events over `sessions` sessions: each event's session is drawn at random, so sessions interleave
 * as live traffic does, and each session has one user.
 */
export function makeWorkload(options: WorkloadOptions): Workload {
  const random = seededRandom(options.seed);
  const pick = (n: number) => Math.floor(random() * n);
  const events: BenchEvent[] = [];
  const good = new Set<string>();
  const bad = new Map<string, string>();
  for (let i = 0; i < options.events; i += 1) {
    const session = pick(options.sessions);
    const itemId = `item-${1 + pick(CATALOGUE_SIZE)}`;
    const record: EventRecord = {
      sessionId: `session-${session}`,
      userId: `user-${session}`,
      eventType: EVENT_TYPES[pick(EVENT_TYPES.length)] ?? 'View',
      itemId,
      sentAt: new Date(FIRST_SENT_AT_MS + i * 1000),
    };
    const key = eventKey(record.sessionId, record.sentAt);
    const rejection = rejectionOf(itemId);
    if (rejection === undefined) good.add(key);
    else bad.set(key, rejection);
    events.push({ key, record, rejection });
  }
  return { events, sessions: options.sessions, seed: options.seed, good, bad };
}
