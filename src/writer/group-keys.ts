/**
 * The group key of each put (`groupKey`), the same string object for every event of a session and user: the buffer
 * looks its group up by that key, and a key built afresh for each event is a new string that the lookup must flatten
 * and hash (10-14% of the writer's CPU per record). Here an event's key is found by its `sessionId`, a string the
 * record already holds (flat, and hashed once), and reused while the session's user stays the same.
 * @module
 */
import type { RecordKind } from '../records/kinds.js';
import { groupKey } from './chunk.js';

/**
 * Sessions remembered at most; past it the memory starts again. A session's entry is its user and its key, about
 * 100 bytes, so at most about 1.6 MB, whatever the number of sessions a long-lived writer sees.
 */
const MAX_REMEMBERED_SESSIONS = 16_384;

interface Remembered {
  readonly userId: string | undefined;
  readonly key: string;
}

/** Group keys by session. */
export class GroupKeys {
  readonly #bySession = new Map<string, Remembered>();

  /** `groupKey(kind, sessionId, userId)`, the same string as last time for an event of the same session and user. */
  of(kind: RecordKind, sessionId: string | undefined, userId: string | undefined): string {
    if (kind !== 'event') return groupKey(kind, sessionId, userId);
    const session = sessionId as string;
    const known = this.#bySession.get(session);
    if (known !== undefined && known.userId === userId) return known.key;
    const key = groupKey(kind, session, userId);
    // Read once, so that the key the buffer hashes is flat (a key built by concatenation is a tree of strings).
    key.charCodeAt(0);
    if (known === undefined && this.#bySession.size >= MAX_REMEMBERED_SESSIONS) this.#bySession.clear();
    this.#bySession.set(session, { userId, key });
    return key;
  }
}
