/**
 * One request of the direct Events path on undici's `dispatch` handler interface, and the promise of its answer: the
 * status, and the headers and body only of an error (the Events API answers a success with `{}`, which says
 * nothing). One object a request holds what undici's `request()` would build apart (a promise, an abort listener, a
 * body stream, the headers of every answer as an object), which is where that higher-level call spends its CPU.
 *
 * It settles once: with the answer, with undici's error (a network failure), or with the error `destroy` is given
 * (the caller's signal, the request timer), at once even while the request still waits for a connection.
 * @module
 */
import type { Dispatcher } from 'undici';
import type { AbortWatch } from './abort-watch.js';

/** The answer of one call, read whole. */
export interface Answer {
  statusCode: number;
  headers: Record<string, string>;
  text: string;
}

const NO_HEADERS: Record<string, string> = Object.freeze({}) as Record<string, string>;

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function timeOut(exchange: EventsExchange, timeoutMs: number): void {
  // Named as Node names a timed-out connection, so that `classifyAwsError` sees a transient network failure.
  const timedOut = new Error(`The Events endpoint sent no whole answer within ${timeoutMs} ms`);
  exchange.destroy(Object.assign(timedOut, { code: 'ETIMEDOUT' }));
}

/** One request's handler: collects its answer, and ends the request when told to or when its time is up. */
export class EventsExchange implements Dispatcher.DispatchHandler {
  /** Settles once the request ends, however it ends. */
  readonly answer: Promise<Answer>;
  #settle: ((answer: Answer) => void) | undefined;
  #fail: ((error: unknown) => void) | undefined;
  readonly #timer: NodeJS.Timeout;
  readonly #signal: AbortSignal | undefined;
  readonly #aborts: AbortWatch;
  #controller: Dispatcher.DispatchController | undefined;
  /** Why the request was ended before undici handed over its controller: aborted as soon as it does. */
  #endedBefore: Error | undefined;
  #statusCode = 0;
  #headers: Record<string, string> = NO_HEADERS;
  #chunks: Buffer[] | undefined;

  /** Starts the request's timer, and watches `signal` (through `aborts`) until the request ends. */
  constructor(timeoutMs: number, signal: AbortSignal | undefined, aborts: AbortWatch) {
    this.answer = new Promise<Answer>((settle, fail) => {
      this.#settle = settle;
      this.#fail = fail;
    });
    this.#signal = signal;
    this.#aborts = aborts;
    if (signal !== undefined) aborts.watch(signal, this);
    this.#timer = setTimeout(timeOut, timeoutMs, this, timeoutMs);
  }

  /** Ends the request with `error` (its answer rejects with `error`), whether it was sent yet or not. */
  destroy(error: Error): void {
    if (this.#controller === undefined) this.#endedBefore ??= error;
    else this.#controller.abort(error);
    this.#end(undefined, error);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#endedBefore !== undefined) controller.abort(this.#endedBefore);
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    this.#statusCode = statusCode;
    if (statusCode < 200 || statusCode > 299) {
      this.#headers = flatHeaders(headers);
      this.#chunks = [];
    }
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#chunks?.push(chunk);
  }

  onResponseEnd(): void {
    const chunks = this.#chunks;
    const text = chunks === undefined ? '' : Buffer.concat(chunks).toString('utf8');
    this.#end({ statusCode: this.#statusCode, headers: this.#headers, text }, undefined);
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.#end(undefined, error);
  }

  #end(answer: Answer | undefined, error: unknown): void {
    const settle = this.#settle;
    const fail = this.#fail;
    if (settle === undefined || fail === undefined) return;
    this.#settle = undefined;
    this.#fail = undefined;
    clearTimeout(this.#timer);
    if (this.#signal !== undefined) this.#aborts.unwatch(this.#signal, this);
    if (answer === undefined) fail(error);
    else settle(answer);
  }
}
