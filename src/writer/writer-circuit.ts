/**
 * The writer's circuit: the signals every wait and every call listens to, and the fatal error that opened it.
 * @module
 */
import { setMaxListeners } from 'node:events';
import { AbortedError } from '../errors.js';

/** Shared by every lane of one writer. */
export class WriterCircuit {
  /** The close deadline: aborts calls in flight. */
  readonly #calls = new AbortController();
  /** Aborts waiting in the limiters' queues and in back-off: at the close deadline, or when the writer stops. */
  readonly #waits = new AbortController();
  /** Aborts once, when a fatal error stops the writer. */
  readonly #stop = new AbortController();
  #cause: unknown;
  /** Calls in flight that the close deadline cuts off: one listener on the call signal for all of them. */
  readonly #cutOff = new Set<(error: AbortedError) => void>();

  constructor() {
    // Every queued call, back-off sleep and request listens to these signals: hundreds are normal, not a leak.
    setMaxListeners(0, this.#calls.signal);
    setMaxListeners(0, this.#waits.signal);
    this.#calls.signal.addEventListener(
      'abort',
      () => {
        this.#waits.abort(this.#calls.signal.reason);
        const error = new AbortedError(undefined, { cause: this.#calls.signal.reason });
        for (const cut of this.#cutOff) cut(error);
        this.#cutOff.clear();
      },
      { once: true },
    );
  }

  /**
   * `call`, or an `AbortedError` as soon as the close deadline passes, whether or not the transport heeds the call
   * signal: a transport that ignores it cannot hold the writer.
   */
  untilCutOff(call: Promise<void>): Promise<void> {
    const signal = this.#calls.signal;
    if (signal.aborted) return Promise.reject(new AbortedError(undefined, { cause: signal.reason }));
    return new Promise((resolve, reject) => {
      this.#cutOff.add(reject);
      call.then(
        () => {
          this.#cutOff.delete(reject);
          resolve();
        },
        (error: unknown) => {
          this.#cutOff.delete(reject);
          reject(error);
        },
      );
    });
  }

  /** Aborts the transport calls in flight. */
  get callSignal(): AbortSignal {
    return this.#calls.signal;
  }

  /** Aborts waiting for a slot or for a back-off delay. */
  get waitSignal(): AbortSignal {
    return this.#waits.signal;
  }

  /** Aborts when the writer stops at a fatal error; its `reason` is the error. */
  get stopSignal(): AbortSignal {
    return this.#stop.signal;
  }

  /** The fatal error that stopped the writer, once one did. */
  get stopCause(): unknown {
    return this.#cause;
  }

  /** True once a fatal error stopped the writer. */
  get stopped(): boolean {
    return this.#cause !== undefined;
  }

  /**
   * Opens the circuit at the first fatal error: no call goes out after it (queued ones are dropped). False when it
   * was open already.
   */
  stop(cause: unknown): boolean {
    if (this.#cause !== undefined) return false;
    this.#cause = cause;
    this.#waits.abort(cause);
    this.#stop.abort(cause);
    return true;
  }

  /** The close deadline passed: cuts off the calls in flight and every wait. */
  abortCalls(reason: unknown): void {
    this.#calls.abort(reason);
  }
}
