/**
 * Reading requests and writing replies in the two protocols the endpoint speaks.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../util/clock.js';
import type { BodyBudget } from './body-budget.js';
import type { WireError } from './wire-errors.js';

/** The wire protocols the endpoint speaks. */
export type Protocol = 'restJson1' | 'awsJson1_1';

/** A body the endpoint would not read: the reply to send instead (the connection is closed after it). */
export class BodyRefusedError extends Error {
  constructor(readonly reply: WireError) {
    super(reply.message);
    this.name = 'BodyRefusedError';
  }
}

/** The bounds one body is read within. */
export interface BodyBounds {
  /** Largest body, in bytes. */
  maxBodyBytes: number;
  /** The bytes all bodies being read or handled may hold together. */
  budget: BodyBudget;
  /** Time the whole body may take to arrive, on `clock`. */
  timeoutMs: number;
  clock: Clock;
}

/** A body read within its bounds; `release()` gives its bytes back to the budget once the request is answered. */
export interface ReadBody {
  text: string;
  release(): void;
}

const tooLarge = (max: number): WireError => ({
  status: 413,
  name: 'RequestEntityTooLarge',
  message: `Request body over ${max} bytes (maxBodyBytes)`,
});
const busy = (): WireError => ({
  status: 503,
  name: 'ServiceUnavailable',
  message: 'The local endpoint holds as many request bodies as maxConcurrentBodyBytes allows: retry later',
  retryAfterSeconds: 1,
});
const timedOut = (ms: number): WireError => ({
  status: 408,
  name: 'RequestTimeout',
  message: `The request body did not arrive within ${ms} ms (bodyTimeoutMs)`,
});

/**
 * Reads a request body as UTF-8 within `bounds`. A body's bytes are reserved against the shared budget before they
 * are held: all of its `content-length` at once (refused at once when it does not fit), or chunk by chunk without
 * one. Rejects with `BodyRefusedError` (413 over `maxBodyBytes`, 503 over the budget, 408 past the timeout).
 */
export async function readBody(req: IncomingMessage, bounds: BodyBounds): Promise<ReadBody> {
  const { budget, maxBodyBytes } = bounds;
  let reserved = 0;
  const release = () => {
    budget.release(reserved);
    reserved = 0;
  };
  const reserve = (bytes: number) => {
    if (!budget.tryReserve(bytes)) throw new BodyRefusedError(busy());
    reserved += bytes;
  };
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (declared > maxBodyBytes) throw new BodyRefusedError(tooLarge(maxBodyBytes));
  if (Number.isSafeInteger(declared) && declared > 0) reserve(declared);
  let timer: { cancel(): void } | undefined;
  try {
    const chunks: Buffer[] = [];
    const timeout = new Promise<never>((_, reject) => {
      timer = bounds.clock.setTimer(() => reject(new BodyRefusedError(timedOut(bounds.timeoutMs))), bounds.timeoutMs);
    });
    timeout.catch(() => {});
    const read = (async () => {
      let size = 0;
      for await (const chunk of req) {
        const buffer = chunk as Buffer;
        size += buffer.length;
        if (size > maxBodyBytes) throw new BodyRefusedError(tooLarge(maxBodyBytes));
        if (size > reserved) reserve(size - reserved);
        chunks.push(buffer);
      }
    })();
    read.catch(() => {}); // after a timeout, the read ends when the connection is destroyed
    await Promise.race([read, timeout]);
    return { text: Buffer.concat(chunks).toString('utf8'), release };
  } catch (error) {
    release();
    throw error;
  } finally {
    timer?.cancel();
  }
}

const CONTENT_TYPE: Record<Protocol, string> = {
  restJson1: 'application/json',
  awsJson1_1: 'application/x-amz-json-1.1',
};

/** Answers a refused body and closes the connection: the rest of the body is never read. */
export function sendRefusal(res: ServerResponse, protocol: Protocol, error: BodyRefusedError): void {
  res.shouldKeepAlive = false;
  res.once('finish', () => res.req.destroy());
  sendError(res, protocol, error.reply);
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

/** A successful reply: Events calls answer 200 with an empty body, control-plane calls a JSON document. */
export function sendOk(res: ServerResponse, protocol: Protocol, result: object | undefined): void {
  if (result === undefined) send(res, 200, {}, '');
  else send(res, 200, { 'content-type': CONTENT_TYPE[protocol] }, JSON.stringify(result));
}

// The error name each error reply carried, for the request log.
const ERROR_NAMES = new WeakMap<ServerResponse, string>();

/** The name of the error `res` was answered with, if it was. */
export function errorNameOf(res: ServerResponse): string | undefined {
  return ERROR_NAMES.get(res);
}

/**
 * An error reply. restJson1 names the error in `x-amzn-errortype` and sends the status as is; awsJson1_1 names it
 * in `__type`, and client errors are all 400 there (the SDK reads the name, not the status).
 */
export function sendError(res: ServerResponse, protocol: Protocol, error: WireError): void {
  ERROR_NAMES.set(res, error.name);
  const headers: Record<string, string> = { 'content-type': CONTENT_TYPE[protocol] };
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
  if (protocol === 'restJson1') {
    headers['x-amzn-errortype'] = error.name;
    send(res, error.status, headers, JSON.stringify({ message: error.message }));
    return;
  }
  const status = error.status >= 500 || error.status === 429 ? error.status : 400;
  send(res, status, headers, JSON.stringify({ __type: error.name, message: error.message }));
}
