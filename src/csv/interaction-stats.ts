/**
 * What the file-level checks of an Interactions file need, in bounded memory: records per event type (at most
 * `MAX_EVENT_TYPES` distinct values) and whether 25 users have 2 or more interactions (at most `maxTrackedUsers`
 * distinct users remembered, and nothing once 25 qualify).
 * @module
 */
import { MAX_ID_LENGTH, MIN_USERS_FOR_TRAINING } from '../limits.js';
import { textLength } from '../util/text-length.js';
import type { TrainingUsersCount } from './report.js';

/** Distinct event types counted one by one; the rest are summed under `OTHER_EVENT_TYPES`. */
export const MAX_EVENT_TYPES = 1000;
/**
 * The key of the event types past `MAX_EVENT_TYPES`, and of those longer than an event type may be (256 characters,
 * as `limits.MAX_ID_LENGTH`): a hostile file must not make the counter keep, or the report print, megabyte names.
 */
export const OTHER_EVENT_TYPES = '(other)';

interface Known {
  bytes: Buffer;
  /** The name's whole 4-byte words, little-endian (as `DataView.getInt32(…, true)` reads them). */
  words: Int32Array;
  name: string;
  count: number;
}

/** Counts records per event type, matching the few usual types on bytes before any string is built. */
export class EventTypeCounter {
  private readonly recent: Known[] = [];
  private readonly byName = new Map<string, Known>();
  private other = 0;

  /** Counts the value `buf[start..end)` (raw bytes; `text` when the caller already decoded it). */
  add(buf: Buffer, start: number, end: number, text?: string): void {
    if (text === undefined && this.addKnown(buf, start, end)) return;
    this.addName(text ?? buf.toString('utf8', start, end));
  }

  /**
   * Counts `buf[start..end)` when it is one of the first 16 types seen; false (nothing counted) otherwise. With
   * `view` (a `DataView` of `buf`'s bytes), compares four bytes at a time.
   */
  addKnown(buf: Buffer, start: number, end: number, view?: DataView): boolean {
    const length = end - start;
    const recent = this.recent;
    for (let r = 0; r < recent.length; r++) {
      const known = recent[r] as Known;
      const bytes = known.bytes;
      if (bytes.length !== length) continue;
      let k = 0;
      if (view !== undefined) {
        const words = known.words;
        let w = 0;
        while (w < words.length && view.getInt32(start + k, true) === words[w]) {
          w++;
          k += 4;
        }
        if (w < words.length) continue;
      }
      while (k < length && bytes[k] === buf[start + k]) k++;
      if (k === length) {
        known.count++;
        return true;
      }
    }
    return false;
  }

  private addName(name: string): void {
    if (name.length > MAX_ID_LENGTH && textLength(name) > MAX_ID_LENGTH) {
      this.other++;
      return;
    }
    const known = this.byName.get(name);
    if (known !== undefined) {
      known.count++;
      return;
    }
    if (this.byName.size >= MAX_EVENT_TYPES) {
      this.other++;
      return;
    }
    const bytes = Buffer.from(name);
    const words = new Int32Array(bytes.length >> 2);
    for (let w = 0; w < words.length; w++) words[w] = bytes.readInt32LE(w * 4);
    const entry = { bytes, words, name, count: 1 };
    this.byName.set(name, entry);
    if (this.recent.length < 16) this.recent.push(entry);
  }

  /** Records per event type. */
  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, known] of this.byName) out[name] = known.count;
    if (this.other > 0) out[OTHER_EVENT_TYPES] = this.other;
    return out;
  }
}

/** Looks for the users with 2 or more interactions that training needs, and forgets them all once enough are found. */
export class TrainingUserCounter {
  private seen: Map<string, number> | undefined = new Map();
  private qualified = 0;
  private saturated = false;

  constructor(private readonly maxTrackedUsers: number) {}

  /** True once enough users qualify: the caller may stop calling `add`. */
  get done(): boolean {
    return this.seen === undefined;
  }

  add(userId: string): void {
    const seen = this.seen;
    if (seen === undefined) return;
    const count = seen.get(userId);
    if (count === undefined) {
      if (seen.size >= this.maxTrackedUsers) this.saturated = true;
      else seen.set(userId, 1);
      return;
    }
    if (count === 1) {
      this.qualified++;
      if (this.qualified >= MIN_USERS_FOR_TRAINING) {
        this.seen = undefined;
        return;
      }
    }
    seen.set(userId, count + 1);
  }

  result(): TrainingUsersCount {
    return { count: this.qualified, exact: this.done || !this.saturated };
  }
}
