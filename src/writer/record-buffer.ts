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
import { Chunk, type Entry, groupKey, type Target } from './chunk.js';
import type { RecordRoom } from './record-room.js';

interface OpenChunk {
  chunk: Chunk;
  timer: TimerHandle;
}

/** What a buffer is built with. */
export interface BufferSetup {
  maxBatchSize: number;
  flushIntervalMs: number;
  clock: Clock;
  /** The lane of each kind of record: the lane of the call that carries it. */
  lanes: Readonly<Record<RecordKind, CallLane>>;
  /** Read to see whether puts wait for room while nothing is in flight. */
  room: RecordRoom;
}

/** Holds open chunks and hands sealed ones down their lane. */
export class RecordBuffer {
  readonly #open = new Map<string, OpenChunk>();
  /** Chunks sealed before they were full; they take records until their call goes out. */
  readonly #waiting = new Map<string, Chunk>();
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

  /** Adds a record to its group's chunk, sealing the chunk when it is full. */
  add(target: Target, entry: Entry): void {
    const key = groupKey(target);
    const waiting = this.#waiting.get(key);
    if (waiting !== undefined) {
      if (waiting.tryAdd(entry).success) {
        if (waiting.full) this.#waiting.delete(key);
        return;
      }
      this.#waiting.delete(key);
    }
    let open = this.#open.get(key);
    if (open === undefined) {
      const timer = this.#setup.clock.setTimer(() => this.#seal(key), this.#setup.flushIntervalMs);
      open = { chunk: new Chunk(target, this.#setup.maxBatchSize), timer };
      this.#open.set(key, open);
    }
    open.chunk.tryAdd(entry);
    this.#records += 1;
    if (open.chunk.full) this.#seal(key);
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
    for (const key of [...this.#open.keys()]) this.#seal(key);
  }

  /** When puts wait for room and nothing is in flight, nothing would free room: sends the oldest chunk now. */
  unblock(): void {
    if (!this.#setup.room.waiting || this.#outstanding.size > 0) return;
    // Map iteration follows insertion, and a chunk is inserted when its first record arrives.
    const first = this.#open.keys().next();
    if (!first.done) this.#seal(first.value);
  }

  #seal(key: string): void {
    const open = this.#open.get(key);
    if (open === undefined) return;
    this.#open.delete(key);
    open.timer.cancel();
    const { chunk } = open;
    this.#records -= chunk.size;
    if (!chunk.full) this.#waiting.set(key, chunk);
    const delivery = this.#setup.lanes[chunk.target.kind].deliver(chunk).finally(() => {
      this.#outstanding.delete(delivery);
      // Its call went out (the chunk closed): a group that never sees another record must not keep it alive.
      if (this.#waiting.get(key) === chunk) this.#waiting.delete(key);
      this.unblock();
    });
    this.#outstanding.add(delivery);
  }
}
