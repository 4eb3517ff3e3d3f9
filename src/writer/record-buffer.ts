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
 * A group's state: its open chunk (gathering, with its flush timer), and a chunk sealed before it was full that
 * still takes records while its call waits. One map of these, so that a put looks its group up once.
 */
interface Group {
  open: Chunk | undefined;
  timer: TimerHandle | undefined;
  waiting: Chunk | undefined;
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
  readonly #groups = new Map<string, Group>();
  /** Groups with an open chunk, in the order their chunks opened (the oldest first, for `unblock`). */
  readonly #opened = new Set<string>();
  readonly #setup: BufferSetup;
  /** Deliveries not yet settled. */
  readonly #outstanding = new Set<Promise<void>>();
  #records = 0;

  constructor(setup: BufferSetup) {
    this.#setup = setup;
  }

  /** Records waiting in open chunks. */
  get size(): number {
    return this.#records;
  }

  /**
   * Adds a record to its group's chunk (`key`: its `groupKey`; `sessionId` and `userId`: an event's, read when it was
   * put, not from the caller's object now), sealing the chunk when it is full.
   */
  add(key: string, entry: Entry, sessionId?: string, userId?: string): void {
    let group = this.#groups.get(key);
    if (group === undefined) {
      group = { open: undefined, timer: undefined, waiting: undefined };
      this.#groups.set(key, group);
    }
    const { waiting } = group;
    if (waiting !== undefined) {
      if (waiting.tryAdd(entry).success) {
        if (waiting.full) this.#forget(key, group, waiting);
        return;
      }
      group.waiting = undefined;
    }
    let open = group.open;
    if (open === undefined) {
      open = new Chunk(this.#setup.targetOf(entry.kind, sessionId, userId), this.#setup.maxBatchSize);
      group.open = open;
      group.timer = this.#setup.clock.setTimer(() => this.#seal(key), this.#setup.flushIntervalMs);
      this.#opened.add(key);
    }
    open.tryAdd(entry);
    this.#records += 1;
    if (open.full) this.#seal(key);
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
    for (const key of [...this.#opened]) this.#seal(key);
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
      const kind = this.#groups.get(first.value)?.open?.target.kind;
      if (kind === undefined || lanes[kind].queued > 0) return;
      this.#seal(first.value);
    }
  }

  #seal(key: string): void {
    const group = this.#groups.get(key);
    const chunk = group?.open;
    if (group === undefined || chunk === undefined) return;
    group.open = undefined;
    group.timer?.cancel();
    group.timer = undefined;
    this.#opened.delete(key);
    this.#records -= chunk.size;
    if (chunk.full) this.#forget(key, group, undefined);
    else group.waiting = chunk;
    const delivery = this.#setup.lanes[chunk.target.kind].deliver(chunk).finally(() => {
      this.#outstanding.delete(delivery);
      // Its call went out (the chunk closed): a group that never sees another record must not keep it alive.
      const now = this.#groups.get(key);
      if (now !== undefined && now.waiting === chunk) this.#forget(key, now, chunk);
      this.unblock();
    });
    this.#outstanding.add(delivery);
  }

  /** Drops `chunk` from the group's waiting place (if it is there), and the group once it holds nothing. */
  #forget(key: string, group: Group, chunk: Chunk | undefined): void {
    if (group.waiting === chunk) group.waiting = undefined;
    if (group.open === undefined && group.waiting === undefined) this.#groups.delete(key);
  }
}
