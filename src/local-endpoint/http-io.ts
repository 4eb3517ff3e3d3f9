/**
 * Reading requests and writing replies in the two protocols the endpoint speaks.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WireError } from './wire-errors.js';

/** Bodies larger than this are refused: no Events or control-plane request comes near it. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** The wire protocols the endpoint speaks. */
export type Protocol = 'restJson1' | 'awsJson1_1';

/** Reads a request body as UTF-8. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error(`Request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const CONTENT_TYPE: Record<Protocol, string> = {
  restJson1: 'application/json',
  awsJson1_1: 'application/x-amz-json-1.1',
};

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

/**
 * An error reply. restJson1 names the error in `x-amzn-errortype` and sends the status as is; awsJson1_1 names it
 * in `__type`, and client errors are all 400 there (the SDK reads the name, not the status).
 */
export function sendError(res: ServerResponse, protocol: Protocol, error: WireError): void {
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
