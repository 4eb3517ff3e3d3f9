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

/** The calls a transport received. */
export class CallHistory {
  readonly #calls: CallRecord[] = [];

  /** Every call, oldest first. */
  get calls(): readonly CallRecord[] {
    return this.#calls;
  }

  /** Records a settled call. */
  add(record: CallRecord): void {
    this.#calls.push(record);
  }

  /** The calls of one method, oldest first. */
  of<K extends TransportCallName>(call: K): CallRecordOf<K>[] {
    return this.#calls.filter((record): record is CallRecordOf<K> & CallRecord => record.call === call);
  }

  /** Forgets every call. */
  clear(): void {
    this.#calls.length = 0;
  }
}
