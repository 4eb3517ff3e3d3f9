/**
 * The direct Events path sends over undici, which names its network failures otherwise than Node's HTTP client
 * (`UND_ERR_SOCKET` for a connection the other side closed, where Node said `ECONNRESET`, "socket hang up"). Each
 * failure is made to happen against a real local server, and must still classify as transient through
 * `classifyAwsError`: the writer retries it, and reports the records as of unknown outcome if it gives up. Also:
 * `destroy()` with a request in flight, and an https endpoint (TLS, its certificate verified).
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { errors, Pool } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { FatalTransportError, TransientError } from '../../src/errors.js';
import { EventsHttpClient } from '../../src/transport/aws/events-http/events-http-client.js';
import { classifyAwsError } from '../../src/transport/classify-aws-error.js';

const input = {
  trackingId: 't',
  sessionId: 's',
  eventList: [{ eventId: 'e', eventType: 'View', sentAt: new Date(0) }],
};

const servers: Array<http.Server | https.Server> = [];
const clients: EventsHttpClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function listen<S extends http.Server | https.Server>(server: S): Promise<number> {
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

/** A server that reads each request whole, then does `then` with it. */
function serve(then: (request: http.IncomingMessage, response: http.ServerResponse) => void): Promise<number> {
  return listen(
    http.createServer((request, response) => {
      request.on('end', () => then(request, response));
      request.resume();
    }),
  );
}

function client(endpoint: string, requestTimeoutMs = 30_000): EventsHttpClient {
  const made = new EventsHttpClient({
    endpoint: new URL(endpoint),
    region: 'us-east-1',
    credentials: () => Promise.resolve({ accessKeyId: 'AKID', secretAccessKey: 'secret' }),
    maxSockets: 2,
    requestTimeoutMs,
    userAgent: 'personalize-import-test',
  });
  clients.push(made);
  return made;
}

/** What `promise` rejected with (it must reject). */
async function failure(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  const outcome = await promise.then(
    () => new Error('answered'),
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(Error);
  expect((outcome as Error).message).not.toBe('answered');
  return outcome as Error & { code?: string };
}

function expectTransient(error: unknown): void {
  expect(classifyAwsError(error, 'events')).toBeInstanceOf(TransientError);
}

describe('EventsHttpClient: network failures against a real server classify as transient', () => {
  it('a connection the server closes before answering (undici: UND_ERR_SOCKET, "other side closed")', async () => {
    const port = await serve((request) => request.socket.destroy());
    const error = await failure(client(`http://127.0.0.1:${port}`).send('putEvents', input));
    expect(error.code).toBe('UND_ERR_SOCKET');
    expectTransient(error);
  });

  it('a connection the server resets before answering (ECONNRESET)', async () => {
    const port = await serve((request) => request.socket.resetAndDestroy());
    const error = await failure(client(`http://127.0.0.1:${port}`).send('putEvents', input));
    expect(error.code).toBe('ECONNRESET');
    expectTransient(error);
  });

  it('a connection closed in the middle of the headers, or of the body', async () => {
    const midHeaders = await serve((request) => {
      request.socket.write('HTTP/1.1 200 OK\r\ncontent-le');
      request.socket.end();
    });
    const midBody = await serve((request, response) => {
      response.writeHead(500, { 'content-type': 'application/json', 'content-length': '100' });
      response.write('{"message":', () => request.socket.destroy());
    });
    for (const port of [midHeaders, midBody]) {
      const error = await failure(client(`http://127.0.0.1:${port}`).send('putEvents', input));
      expect(error.code).toBe('UND_ERR_SOCKET');
      expectTransient(error);
    }
  });

  it('a connection refused (ECONNREFUSED)', async () => {
    const closed = http.createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(client(`http://127.0.0.1:${port}`).send('putEvents', input));
    expect(error.code).toBe('ECONNREFUSED');
    expectTransient(error);
  });

  it('an endpoint that never answers: the request timer ends the request (ETIMEDOUT)', async () => {
    const port = await listen(http.createServer((request) => request.resume()));
    const error = await failure(client(`http://127.0.0.1:${port}`, 50).send('putEvents', input));
    expect(error.code).toBe('ETIMEDOUT');
    expectTransient(error);
  });

  it("undici's own timers, were they on (the client turns them off for its one request timer)", async () => {
    const hung = await listen(http.createServer((request) => request.resume()));
    const halfAnswered = await serve((_request, response) => {
      response.writeHead(200, { 'content-length': '10' });
      response.write('{');
    });
    const headers = new Pool(`http://127.0.0.1:${hung}`, { headersTimeout: 20 });
    const body = new Pool(`http://127.0.0.1:${halfAnswered}`, { bodyTimeout: 20 });
    try {
      const noHeaders = await failure(headers.request({ method: 'POST', path: '/', body: '{}' }));
      expect(noHeaders.code).toBe('UND_ERR_HEADERS_TIMEOUT');
      expectTransient(noHeaders);
      const noBody = await failure(
        body.request({ method: 'POST', path: '/', body: '{}' }).then((answer) => answer.body.text()),
      );
      expect(noBody.code).toBe('UND_ERR_BODY_TIMEOUT');
      expectTransient(noBody);
    } finally {
      await Promise.all([headers.destroy(), body.destroy()]);
    }
    // A connection that does not open in time: undici's own error (a local server accepts at once).
    expectTransient(new errors.ConnectTimeoutError());
  });

  it('an answer that is not HTTP stays fatal, as it was over Node', async () => {
    const port = await serve((request) => request.socket.end('NOT HTTP\r\n\r\n'));
    const error = await failure(client(`http://127.0.0.1:${port}`).send('putEvents', input));
    expect(classifyAwsError(error, 'events')).toBeInstanceOf(FatalTransportError);
  });
});

describe('EventsHttpClient.destroy', () => {
  it('fails a request in flight as transient, and a later call opens new connections', async () => {
    const held: http.ServerResponse[] = [];
    const port = await listen(
      http.createServer((request, response) => {
        request.resume();
        held.push(response);
      }),
    );
    const events = client(`http://127.0.0.1:${port}`);
    const inFlight = events.send('putEvents', input);
    while (held.length < 1) await new Promise((resolve) => setImmediate(resolve));
    events.destroy();
    const error = await failure(inFlight);
    expectTransient(error);
    const next = events.send('putEvents', input);
    while (held.length < 2) await new Promise((resolve) => setImmediate(resolve));
    const response = held[1] as http.ServerResponse;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{}');
    await expect(next).resolves.toBeUndefined();
  });
});

describe('EventsHttpClient over https', () => {
  const key = readFileSync(new URL('./tls/localhost.key.pem', import.meta.url));
  const cert = readFileSync(new URL('./tls/localhost.cert.pem', import.meta.url));
  const savedReject = process.env.NODE_TLS_REJECT_UNAUTHORIZED;

  afterEach(() => {
    if (savedReject === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    else process.env.NODE_TLS_REJECT_UNAUTHORIZED = savedReject;
  });

  async function secure(): Promise<{ port: number; seen: Array<{ path: string; encrypted: boolean }> }> {
    const seen: Array<{ path: string; encrypted: boolean }> = [];
    const server = https.createServer({ key, cert }, (request, response) => {
      request.resume();
      request.on('end', () => {
        seen.push({ path: request.url ?? '', encrypted: 'encrypted' in request.socket });
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{}');
      });
    });
    return { port: await listen(server), seen };
  }

  it("refuses a certificate it cannot verify (the endpoint's is self-signed)", async () => {
    const { port, seen } = await secure();
    const error = await failure(client(`https://127.0.0.1:${port}`).send('putEvents', input));
    expect(error.code).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY/);
    expect(seen).toHaveLength(0);
  });

  it('sends the call over TLS once the certificate is accepted', async () => {
    // Node reads this at each TLS connection: here, to accept the test's self-signed certificate.
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    const { port, seen } = await secure();
    await client(`https://127.0.0.1:${port}`).send('putEvents', input);
    expect(seen).toEqual([{ path: '/events', encrypted: true }]);
  });
});
