/**
 * The Events API's five calls without the SDK's middleware stack: each call is a restJson1 POST, signed with the
 * SDK's own signer (`@smithy/signature-v4`, through `EventsSigner`) and the credentials the SDK's provider chain
 * resolves, over a keep-alive connection pool (undici's `Pool`, one `dispatch` a request: 14-27% less CPU a call
 * than `node:http`). Profiled at the documented quota, the SDK's stack cost most of the client's CPU per call
 * (docs/performance.md); this path keeps what users trust of it (signing, credentials, the service's answers,
 * classified by `classifyAwsError`) and leaves out what the writer does itself (retries, which the built SDK clients
 * turn off anyway) or does not need per call (endpoint rules, user-agent assembly, schema-driven serde).
 * @module
 */
import type { Pool } from 'undici';
import UndiciPool from 'undici/lib/dispatcher/pool.js';
import type { DataPlaneCall } from '../../transport.js';
import { AbortWatch, abortErrorOf } from './abort-watch.js';
import { errorOfResponse } from './error-of-response.js';
import { type Answer, EventsExchange } from './events-exchange.js';
import { EVENTS_PATHS, type EventsInputOf, eventsBody } from './events-request.js';
import { EventsSigner, type SigningCredentials } from './events-signer.js';

/** How far a request's signing time may be from the service's clock (SigV4 refuses beyond it), in ms. */
const MAX_SIGNATURE_SKEW_MS = 5 * 60 * 1000;

/** What an `EventsHttpClient` needs. */
export interface EventsHttpClientOptions {
  /** The Events API's base URL, e.g. `https://personalize-events.us-east-1.amazonaws.com`, or a local endpoint. */
  endpoint: URL;
  /** The region to sign for. */
  region: string;
  /** Resolves the credentials to sign with (memoized and refreshed by the provider, as the SDK's are). */
  credentials: () => Promise<SigningCredentials>;
  /** Connections kept open at most. */
  maxSockets: number;
  /** Time one request may take, from its start to the whole answer, in ms: then it fails with `ETIMEDOUT`. */
  requestTimeoutMs: number;
  /** The `user-agent` header. */
  userAgent: string;
}

/** Sends the Events API's calls, signed, over one keep-alive pool. */
export class EventsHttpClient {
  readonly #options: EventsHttpClientOptions;
  readonly #signer: EventsSigner;
  /** The connection pool, made on first use and again after `destroy`. */
  #pool: Pool | undefined;
  readonly #host: string;
  /** Each call's request path, under the endpoint's own path. */
  readonly #paths: Record<DataPlaneCall, string>;
  /**
   * Server time minus local time, in ms, learnt from an error answer's `Date` when they differ by more than the 5
   * minutes a signature may be off: later calls are signed with the server's time, as the SDK corrects clock skew.
   */
  #clockOffsetMs = 0;
  /** The requests in flight by the signal that aborts them. */
  readonly #aborts = new AbortWatch();

  constructor(options: EventsHttpClientOptions) {
    this.#options = options;
    this.#signer = new EventsSigner({
      credentials: options.credentials,
      region: options.region,
      service: 'personalize',
    });
    this.#host = options.endpoint.host;
    const base = options.endpoint.pathname.replace(/\/$/, '');
    this.#paths = Object.fromEntries(
      Object.entries(EVENTS_PATHS).map(([call, path]) => [call, `${base}${path}`]),
    ) as Record<DataPlaneCall, string>;
  }

  /**
   * Sends `call`; resolves on a 2xx answer, rejects with the answer as a `ServiceErrorShape` (to be classified by
   * `classifyAwsError`), with Node's error on a network failure, or with an `AbortError` when `signal` aborts.
   */
  async send<C extends DataPlaneCall>(call: C, input: EventsInputOf[C], signal?: AbortSignal): Promise<void> {
    const body = eventsBody(call, input);
    const path = this.#paths[call];
    const headers = await this.#signer.sign(
      { host: this.#host, path, contentType: 'application/json', body },
      new Date(Date.now() + this.#clockOffsetMs),
    );
    // As a flat list of names and values, which undici takes as it is.
    const list: string[] = ['user-agent', this.#options.userAgent];
    for (const name in headers) list.push(name, headers[name] as string);
    const answer = await this.#post(path, list, body, signal);
    if (answer.statusCode < 200 || answer.statusCode > 299) {
      this.#learnClockSkew(answer.headers.date);
      throw errorOfResponse(answer.statusCode, answer.headers, answer.text);
    }
  }

  #learnClockSkew(date: string | undefined): void {
    const serverMs = date === undefined ? Number.NaN : Date.parse(date);
    if (Number.isNaN(serverMs)) return;
    const offset = serverMs - Date.now();
    if (Math.abs(offset - this.#clockOffsetMs) > MAX_SIGNATURE_SKEW_MS) this.#clockOffsetMs = offset;
  }

  /**
   * Closes the pool's connections. A request in flight fails as Node's HTTP client failed it when its agent was
   * destroyed (`ECONNRESET`, a transient network failure: the service may have stored its records); a later call
   * opens a new pool, as a destroyed Node agent opened new sockets.
   */
  destroy(): void {
    const pool = this.#pool;
    this.#pool = undefined;
    if (pool === undefined) return;
    const closed = new Error('The Events client was destroyed with this request in flight (socket hang up)');
    void pool.destroy(Object.assign(closed, { code: 'ECONNRESET' }));
  }

  #openPool(): Pool {
    const { endpoint, maxSockets } = this.#options;
    // The request timer (`requestTimeoutMs`, from the start to the whole answer) is this client's own: undici's
    // header and body timers are off, so that one timer, with one error, ends a request that takes too long.
    this.#pool = new UndiciPool(endpoint.origin, { connections: maxSockets, headersTimeout: 0, bodyTimeout: 0 });
    return this.#pool;
  }

  #post(path: string, headers: string[], body: string, signal: AbortSignal | undefined): Promise<Answer> {
    if (signal?.aborted) return Promise.reject(abortErrorOf(signal));
    const exchange = new EventsExchange(this.#options.requestTimeoutMs, signal, this.#aborts);
    (this.#pool ?? this.#openPool()).dispatch({ method: 'POST', path, headers, body }, exchange);
    return exchange.answer;
  }
}
