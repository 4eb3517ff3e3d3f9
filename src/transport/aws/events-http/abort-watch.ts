/**
 * Ends requests when their caller's signal aborts, with one listener a signal however many of its requests are in
 * flight. An HTTP client's own `signal` option (Node's, undici's `request()`) adds and removes a listener for every
 * request: a writer's calls all share its one signal, and that bookkeeping was 2% of the client's CPU per call at the
 * documented quota. A request ends as Node's option ends it: destroyed with an `AbortError` whose `cause` is the
 * signal's reason.
 * @module
 */

/** What a watch can end. */
interface Destroyable {
  destroy(error?: Error): void;
}

/** The error a request ends with when `signal` aborts, as Node's `signal` option makes it. */
export function abortErrorOf(signal: AbortSignal): Error {
  return Object.assign(new Error('The operation was aborted', { cause: signal.reason }), {
    name: 'AbortError',
    code: 'ABORT_ERR',
  });
}

interface Watched {
  requests: Set<Destroyable>;
  onAbort: () => void;
}

/** The requests in flight by the signal that aborts them. */
export class AbortWatch {
  readonly #bySignal = new Map<AbortSignal, Watched>();

  /** Destroys `request` when `signal` aborts, until `unwatch`. */
  watch(signal: AbortSignal, request: Destroyable): void {
    let watched = this.#bySignal.get(signal);
    if (watched === undefined) {
      const requests = new Set<Destroyable>();
      const onAbort = () => {
        this.#bySignal.delete(signal);
        for (const each of requests) each.destroy(abortErrorOf(signal));
      };
      watched = { requests, onAbort };
      this.#bySignal.set(signal, watched);
      signal.addEventListener('abort', onAbort, { once: true });
    }
    watched.requests.add(request);
  }

  /** Forgets `request`; the signal's listener goes with its last request. */
  unwatch(signal: AbortSignal, request: Destroyable): void {
    const watched = this.#bySignal.get(signal);
    if (watched === undefined || !watched.requests.delete(request) || watched.requests.size > 0) return;
    this.#bySignal.delete(signal);
    signal.removeEventListener('abort', watched.onAbort);
  }
}
