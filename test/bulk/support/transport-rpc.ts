/**
 * A Transport served over HTTP, so that a child process can import through the test process's MemoryTransport: the
 * state (jobs, objects) outlives the child, as the service's does. JSON in, JSON out; only the calls whose arguments
 * and results are plain data (no streams) are served. Library errors cross as { name, message, reason }.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ConflictError,
  type ConflictReason,
  FatalTransportError,
  InvalidInputError,
  LimitExceededError,
  NotFoundError,
  ThrottledError,
  TransientError,
  type TransportError,
} from '../../../src/errors.js';
import type { Transport } from '../../../src/transport/transport.js';

const SERVED = [
  'createDatasetImportJob',
  'describeDatasetImportJob',
  'listDatasetImportJobs',
  'listDatasets',
  'describeDataset',
  'describeSchema',
  'describeDatasetGroup',
  'headObject',
  'listObjects',
] as const;

type ServedCall = (typeof SERVED)[number];

/** Serves `transport` on 127.0.0.1; `close()` stops it. */
export async function serveTransport(transport: Transport): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const call = (req.url ?? '').slice(1) as ServedCall;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let status = 200;
    let body: unknown;
    try {
      if (!SERVED.includes(call)) throw new FatalTransportError(`not served: ${call}`);
      const args = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown[];
      const method = transport[call] as (...a: unknown[]) => Promise<unknown>;
      body = { result: await method.apply(transport, args) };
    } catch (error) {
      status = 500;
      const e = error as TransportError & { reason?: ConflictReason };
      body = { error: { name: e.name, message: e.message, reason: e.reason } };
    }
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const ERRORS: Record<string, (message: string, reason?: ConflictReason) => Error> = {
  ThrottledError: (m) => new ThrottledError(m),
  TransientError: (m) => new TransientError(m),
  InvalidInputError: (m) => new InvalidInputError(m),
  NotFoundError: (m) => new NotFoundError(m),
  LimitExceededError: (m) => new LimitExceededError(m),
  ConflictError: (m, reason) => new ConflictError(m, { reason: reason ?? 'IN_USE' }),
};

/** The client side: a Transport whose served calls go to `url`; the others throw. */
export function transportClient(url: string): Transport {
  const reviveDates = (key: string, value: unknown) =>
    (key === 'createdAt' || key === 'updatedAt') && typeof value === 'string' ? new Date(value) : value;
  return new Proxy({} as Transport, {
    get(_target, call: string) {
      return async (...args: unknown[]) => {
        // AbortSignals do not cross processes: drop them from the call options.
        const plain = args.map((arg) =>
          typeof arg === 'object' && arg !== null && 'signal' in arg ? { ...arg, signal: undefined } : arg,
        );
        const response = await fetch(`${url}/${call}`, { method: 'POST', body: JSON.stringify(plain) });
        const body = JSON.parse(await response.text(), reviveDates) as {
          result?: unknown;
          error?: { name: string; message: string; reason?: ConflictReason };
        };
        if (body.error !== undefined) {
          const make = ERRORS[body.error.name] ?? ((m: string) => new FatalTransportError(m));
          throw make(body.error.message, body.error.reason);
        }
        return body.result;
      };
    },
  });
}
