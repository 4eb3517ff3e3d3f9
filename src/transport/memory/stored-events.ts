/**
 * The events PutEvents stored in `MemoryTransport`: kept as each call brought them (one entry per call, over the
 * call's own copy of its events), and made the flat `StoredEvent`s that `events()` answers at their first read. A
 * fake that takes thousands of calls a second (the local endpoint) then makes and keeps one object per call instead
 * of one per event, which is most of what a call costs it; a test that reads the events pays it once per event.
 * @module
 */
import type { WireEvent } from '../transport.js';
import type { StoredEvent } from './memory-types.js';

/** One PutEvents call's events, not read yet. */
interface PendingCall {
  readonly trackingId: string;
  readonly sessionId: string;
  readonly userId: string | undefined;
  /** The call's own copy of its events (never the caller's objects). */
  readonly events: readonly WireEvent[];
}

/** Every event stored, oldest first. */
export class StoredEvents {
  readonly #read: StoredEvent[] = [];
  #pending: PendingCall[] = [];

  /** Stores the events of one call; `events` must be the fake's own copy. */
  add(trackingId: string, sessionId: string, userId: string | undefined, events: readonly WireEvent[]): void {
    this.#pending.push({ trackingId, sessionId, userId, events });
  }

  /** Every event, oldest first, each with its call's tracking id, session and user; the same objects on every read. */
  all(): readonly StoredEvent[] {
    if (this.#pending.length > 0) {
      for (const { trackingId, sessionId, userId, events } of this.#pending) {
        for (const event of events) {
          this.#read.push({ ...event, trackingId, sessionId, ...(userId !== undefined && { userId }) });
        }
      }
      this.#pending = [];
    }
    return this.#read;
  }
}
