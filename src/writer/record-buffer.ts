/**
 * Open chunks by group, and the way down to the lanes: records that may share a call gather in one chunk until it is
 * full, its oldest record has waited `flushIntervalMs`, or the writer flushes; then the chunk goes down its call
 * type's lane. Grouping before chunking matters: live events from many sessions arrive interleaved, and chunking in
 * arrival order would send calls of about one event each (docs/live-records.md, "How records travel", 1. Grouping).
 *
 * A chunk sealed before it was full still takes records of its group while it waits in the lane's queue, until its
 * call goes out and the chunk closes (`Chunk.tryAdd` answers): under throttling calls wait for seconds, and sealing
 * them early had the benchmark sending 7.5 records a call where its sessions needed fewer, fuller calls.
 * @module
 */
import type { RecordKind } from '../records/kinds.js';
import type { Clock, TimerHandle } from '../util/clock.js';
import type { CallLane } from './call-lane.js';
import { Chunk, type Entry, type Target } from './chunk.js';
import type { RecordRoom } from './record-room.js';

/**
 * A group's state: its open chunk (gathering), and a chunk sealed before it was full that still takes records while
 * its call waits. The group object itself is what the buffer's sets hold and its closures keep, so that a put looks
 * its group up once, by the event's own `sessionId` (no key is built for it).
 */
interface Group {
  readonly kind: RecordKind;
  /** An event group's session (the key it is found by) and user; undefined for the other kinds. */
  readonly sessionId: string | undefined;
  readonly userId: string | undefined;
  open: Chunk | undefined;
  /** When `open` opened, on the clock: it is sealed `flushIntervalMs` later. */
  openedAt: number;
  waiting: Chunk | undefined;
  /** The next group of the same session (another user, or none): one session rarely has more than one. */
  next: Group | undefined;
}

/** What a buffer is built with. */
export interface BufferSetup {
  maxBatchSize: number;
  flushIntervalMs: number;
  clock: Clock;
  /** The lane of each kind of record: the lane of the call that carries it. */
  lanes: Readonly<Record<RecordKind, CallLane>>;
  /** Read to see whether puts wait for room. */
  room: RecordRoom;
  /**
   * What a chunk opened for a record of `kind` is addressed to; `sessionId` and `userId` are an event's, as they were
   * when it was put.
   */
  targetOf(kind: RecordKind, sessionId: string | undefined, userId: string | undefined): Target;
}

/** Holds open chunks and hands sealed ones down their lane. */
export class RecordBuffer {
  /**
   * The event groups by session: the first of the session's groups (one per user, chained by `next`). The tracking
   * id is the writer's own, so a session and a user tell event groups apart; keying on the session alone spares a
   * put building and hashing a joined key (and keeps ids with any characters apart: the user is compared as is).
   */
  readonly #sessions = new Map<string, Group>();
  /** The one group of each other kind (their tracking id or dataset is the writer's own). */
  readonly #kindGroups = new Map<RecordKind, Group>();
  /** Groups with an open chunk, in the order their chunks opened (the oldest first, for `unblock` and the timer). */
  readonly #opened = new Set<Group>();
  readonly #setup: BufferSetup;
  /** Deliveries not yet settled. */
  readonly #outstanding = new Set<Promise<void>>();
  #records = 0;
  /**
   * One flush timer for the whole buffer, set for the oldest open chunk's deadline (not one per chunk: a timer set and
   * cancelled per chunk was most of a chunk's cost). It may fire for a chunk that already went (full): it then seals
   * what is due and is set again for the oldest left.
   */
  #timer: TimerHandle | undefined;
  readonly #onTimer = () => this.#sealDue();

  constructor(setup: BufferSetup) {
    this.#setup = setup;
  }

  /** Records waiting in open chunks. */
  get size(): number {
    return this.#records;
  }

  /**
   * Adds a record to its group's chunk (`sessionId` and `userId`: an event's, read when it was put, not from the
   * caller's object now), sealing the chunk when it is full.
   */
  add(kind: RecordKind, record: Entry['record'], wire: Entry['wire'], sessionId?: string, userId?: string): void {
    const group = this.#groupOf(kind, sessionId, userId);
    const { waiting } = group;
    if (waiting !== undefined) {
      if (waiting.tryAdd(record, wire).success) {
        if (waiting.full) this.#forget(group, waiting);
        return;
      }
      group.waiting = undefined;
    }
    let open = group.open;
    if (open === undefined) {
      open = new Chunk(this.#setup.targetOf(kind, sessionId, userId), this.#setup.maxBatchSize);
      group.open = open;
      group.openedAt = this.#setup.clock.now();
      this.#opened.add(group);
      if (this.#timer === undefined)
        this.#timer = this.#setup.clock.setTimer(this.#onTimer, this.#setup.flushIntervalMs);
    }
    open.tryAdd(record, wire);
    this.#records += 1;
    if (open.full) this.#seal(group);
  }

  /** The group of a record, made when it has none. */
  #groupOf(kind: RecordKind, sessionId: string | undefined, userId: string | undefined): Group {
    if (kind !== 'event') {
      let group = this.#kindGroups.get(kind);
      if (group === undefined) {
        group = newGroup(kind, undefined, undefined, undefined);
        this.#kindGroups.set(kind, group);
      }
      return group;
    }
    const first = this.#sessions.get(sessionId as string);
    let group = first;
    while (group !== undefined && group.userId !== userId) group = group.next;
    if (group === undefined) {
      group = newGroup(kind, sessionId, userId, first);
      this.#sessions.set(sessionId as string, group);
    }
    return group;
  }

  /** Seals every open chunk; resolves once every chunk sealed so far (and so every record added) has settled. */
  flush(): Promise<void> {
    this.sealAll();
    return Promise.all([...this.#outstanding]).then(() => {});
  }

  /** Resolves once nothing is outstanding, chunks sealed while it waits included. */
  async drain(): Promise<void> {
    while (this.#outstanding.size > 0) await Promise.all([...this.#outstanding]);
  }

  /** Seals every open chunk. */
  sealAll(): void {
    for (const group of [...this.#opened]) this.#seal(group);
  }

  /**
   * While puts wait for room, seals open chunks early, the oldest first, as long as the lane of the oldest has no call
   * waiting for its turn: the buffer then turns over at the sending rate instead of at `flushIntervalMs` (at the
   * documented quota, 2,000 interleaved sessions filled the buffer in 0.6 s and the lane sat idle until the chunks'
   * flush intervals ran out). One sealed chunk waiting in the lane's queue is enough: it keeps taking records of its
   * group until its call goes, and the lane calls this again when it goes. Where calls queue for the rate (the quota
   * binds), nothing is sealed early, and a chunk keeps filling until its flush interval. With nothing outstanding the
   * lane's queue is empty too, so a full buffer never waits on a flush timer with nothing to free room.
   */
  unblock(): void {
    const { room, lanes } = this.#setup;
    while (room.waiting) {
      // Set iteration follows insertion, and a group is inserted when its chunk's first record arrives.
      const first = this.#opened.values().next();
      if (first.done) return;
      if (lanes[first.value.kind].queued > 0) return;
      this.#seal(first.value);
    }
  }

  /** The flush timer fired: seals the chunks that have waited `flushIntervalMs`, and sets it for the oldest left. */
  #sealDue(): void {
    this.#timer = undefined;
    const { clock, flushIntervalMs } = this.#setup;
    const now = clock.now();
    for (const group of this.#opened) {
      const wait = group.openedAt + flushIntervalMs - now;
      if (wait > 0) {
        this.#timer = clock.setTimer(this.#onTimer, wait);
        return;
      }
      // Deleting the group being visited is safe: a Set's iteration goes on with the next one.
      this.#seal(group);
    }
  }

  #seal(group: Group): void {
    const chunk = group.open;
    if (chunk === undefined) return;
    group.open = undefined;
    this.#opened.delete(group);
    if (this.#opened.size === 0 && this.#timer !== undefined) {
      // Nothing left to time: a fake clock's next timer must not be a stale one.
      this.#timer.cancel();
      this.#timer = undefined;
    }
    this.#records -= chunk.size;
    if (chunk.full) this.#forget(group, undefined);
    else group.waiting = chunk;
    // `then`, not `finally`: a delivery never rejects, and `finally` costs two closures and a promise more per chunk.
    const delivery = this.#setup.lanes[group.kind].deliver(chunk).then(() => {
      this.#outstanding.delete(delivery);
      // Its call went out (the chunk closed): a group that never sees another record must not keep it alive.
      if (group.waiting === chunk) this.#forget(group, chunk);
      this.unblock();
    });
    this.#outstanding.add(delivery);
  }

  /** Drops `chunk` from the group's waiting place (if it is there), and the group once it holds nothing. */
  #forget(group: Group, chunk: Chunk | undefined): void {
    if (group.waiting === chunk) group.waiting = undefined;
    if (group.open !== undefined || group.waiting !== undefined) return;
    if (group.kind !== 'event') {
      if (this.#kindGroups.get(group.kind) === group) this.#kindGroups.delete(group.kind);
      return;
    }
    const key = group.sessionId as string;
    const first = this.#sessions.get(key);
    if (first === group) {
      if (group.next === undefined) this.#sessions.delete(key);
      else this.#sessions.set(key, group.next);
      return;
    }
    for (let before = first; before !== undefined; before = before.next) {
      if (before.next === group) {
        before.next = group.next;
        return;
      }
    }
  }
}

function newGroup(
  kind: RecordKind,
  sessionId: string | undefined,
  userId: string | undefined,
  next: Group | undefined,
): Group {
  return { kind, sessionId, userId, open: undefined, openedAt: 0, waiting: undefined, next };
}
