/**
 * The Events API's five calls without the SDK's middleware stack: each call is a restJson1 POST, signed with the
 * SDK's own signer (`@smithy/signature-v4`, through `EventsSigner`) and the credentials the SDK's provider chain
 * resolves, over a keep-alive connection pool. Profiled at the documented quota, the SDK's stack cost most of the
 * client's CPU per call
 * (docs/performance.md); this path keeps what users trust of it (signing, credentials, the service's answers,
 * classified by `classifyAwsError`) and leaves out what the writer does itself (retries, which the built SDK clients
 * turn off anyway) or does not need per call (endpoint rules, user-agent assembly, schema-driven serde).
 * @module
 */
import http from 'node:http';
import https from 'node:https';
import type { DataPlaneCall } from '../../transport.js';
import { AbortWatch, abortErrorOf } from './abort-watch.js';
import { errorOfResponse } from './error-of-response.js';
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

/** The answer of one call, read whole (the Events API answers 200 with `{}`, or an error document). */
interface Answer {
  statusCode: number;
  headers: Record<string, string>;
  text: string;
}

function headersOf(message: http.IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Sends the Events API's calls, signed, over one keep-alive pool. */
export class EventsHttpClient {
  readonly #options: EventsHttpClientOptions;
  readonly #signer: EventsSigner;
  readonly #agent: http.Agent;
  readonly #request: typeof http.request;
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
    const secure = options.endpoint.protocol === 'https:';
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets, scheduling: 'lifo' as const };
    this.#agent = secure ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
    this.#request = secure ? https.request : http.request;
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
    // As a flat list of names and values: Node stores such headers at once, where an object's go one by one
    // through `setHeader` and are rendered again when the request is sent.
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

  /** Closes the pool's connections. */
  destroy(): void {
    this.#agent.destroy();
  }

  #post(path: string, headers: string[], body: string, signal: AbortSignal | undefined): Promise<Answer> {
    const { endpoint, requestTimeoutMs } = this.#options;
    return new Promise<Answer>((settle, fail) => {
      if (signal?.aborted) {
        fail(abortErrorOf(signal));
        return;
      }
      // Set once the request exists: Node may refuse to build it (a header it cannot send), and a timer set before
      // would outlive the failed call, then throw on the request that never was.
      let timer: NodeJS.Timeout | undefined;
      let request: http.ClientRequest | undefined;
      const done = () => {
        clearTimeout(timer);
        if (signal !== undefined && request !== undefined) this.#aborts.unwatch(signal, request);
      };
      const resolve = (answer: Answer) => {
        done();
        settle(answer);
      };
      const reject = (error: unknown) => {
        done();
        fail(error);
      };
      request = this.#request(
        {
          agent: this.#agent,
          protocol: endpoint.protocol,
          hostname: endpoint.hostname,
          port: endpoint.port,
          method: 'POST',
          path,
          headers,
        },
        (response) => {
          const statusCode = response.statusCode ?? 0;
          response.on('error', reject);
          if (statusCode >= 200 && statusCode <= 299) {
            // A success says nothing but its status (the Events API answers `{}`): its body is read and dropped,
            // its headers never built.
            response.on('end', () => resolve({ statusCode, headers: {}, text: '' }));
            response.resume();
            return;
          }
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ statusCode, headers: headersOf(response), text });
          });
        },
      );
      // Named as Node names a timed-out connection, so that `classifyAwsError` sees a transient network failure.
      timer = setTimeout(() => {
        const timedOut = new Error(`The Events endpoint sent no whole answer within ${requestTimeoutMs} ms`);
        request.destroy(Object.assign(timedOut, { code: 'ETIMEDOUT' }));
      }, requestTimeoutMs);
      if (signal !== undefined) this.#aborts.watch(signal, request);
      request.on('error', reject);
      request.end(body);
    });
  }
}
