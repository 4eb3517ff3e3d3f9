/**
 * The call history of `MemoryTransport`: one entry per call, in the order the calls settled, for assertions.
 * @module
 */
import type { Transport } from '../transport.js';

/** The name of a `Transport` method, e.g. `'putEvents'` or `'createDatasetImportJob'`. */
export type TransportCallName = keyof Transport;

/** The first argument of the `Transport` method `K` (its input, or the ARN it takes). */
export type CallInputOf<K extends TransportCallName> = Parameters<Transport[K]>[0];

/** One call to the transport of method `K`. */
export interface CallRecordOf<K extends TransportCallName> {
  /** The method called. */
  readonly call: K;
  /** Its first argument; a copy for the data-plane calls, so a later change by the caller does not show here. */
  readonly input: CallInputOf<K>;
  /** `clock.now()` when the call started. */
  readonly at: number;
  /** Whether it resolved or rejected. */
  readonly outcome: 'ok' | 'error';
  /** The error it rejected with, when it did. */
  readonly error?: Error;
}

/** One call to the transport; narrow it on `call` to get the input's type. */
export type CallRecord = { [K in TransportCallName]: CallRecordOf<K> }[TransportCallName];

/**
 * Dropped entries at the head of the array wait for this many before they are spliced out (with a bound, compacting
 * at every add would copy the whole history each call).
 */
const COMPACT_AFTER = 1024;

/** The calls a transport received: the latest `limit` of them. */
export class CallHistory {
  readonly #calls: CallRecord[] = [];
  readonly #limit: number;

  /** `limit`: calls kept, the oldest dropped first; 0 keeps none, `Infinity` every one. */
  constructor(limit = Number.POSITIVE_INFINITY) {
    this.#limit = limit;
  }

  /** Every call kept, oldest first. */
  get calls(): readonly CallRecord[] {
    this.#trim(0);
    return this.#calls;
  }

  /** Records a settled call. */
  add(record: CallRecord): void {
    if (this.#limit === 0) return;
    this.#calls.push(record);
    this.#trim(Math.max(COMPACT_AFTER, this.#limit));
  }

  /** The calls of one method kept, oldest first. */
  of<K extends TransportCallName>(call: K): CallRecordOf<K>[] {
    return this.calls.filter((record): record is CallRecordOf<K> & CallRecord => record.call === call);
  }

  /** Forgets every call. */
  clear(): void {
    this.#calls.length = 0;
  }

  /** Drops the oldest calls past the limit once `slack` of them are over it. */
  #trim(slack: number): void {
    const over = this.#calls.length - this.#limit;
    if (over > slack) this.#calls.splice(0, over);
  }
}
