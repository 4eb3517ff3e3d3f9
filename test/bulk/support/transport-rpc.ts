/**
 * A Transport served over HTTP, so that a child process can import through the test process's MemoryTransport: the
 * state (jobs, objects) outlives the child, as the service's does. JSON in, JSON out; every `Transport` method
 * (`TRANSPORT_METHODS`) is served but the two that carry a stream (`uploadObject`, `getObject`), which the client
 * refuses. Library errors cross as { name, message, reason }.
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
import {
  type CreateImportJobInput,
  type ListDatasetsInput,
  type ListImportJobsInput,
  type ListObjectsInput,
  type ObjectLocation,
  type PutActionInteractionsInput,
  type PutActionsInput,
  type PutEventsInput,
  type PutItemsInput,
  type PutUsersInput,
  TRANSPORT_METHODS,
  type Transport,
} from '../../../src/transport/transport.js';

type Method = keyof Transport;

function isMethod(name: string): name is Method {
  return (TRANSPORT_METHODS as readonly string[]).includes(name);
}

/** Serves `transport` on 127.0.0.1; `close()` stops it. */
export async function serveTransport(transport: Transport): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const call = (req.url ?? '').slice(1);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let status = 200;
    let body: unknown;
    try {
      if (!isMethod(call)) throw new FatalTransportError(`not a Transport method: ${call}`);
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

const reviveDates = (key: string, value: unknown) =>
  (key === 'createdAt' || key === 'updatedAt') && typeof value === 'string' ? new Date(value) : value;

/**
 * The client side: a Transport whose calls go to `url`. A class, so that the compiler names any method the interface
 * gains; the two stream calls throw, since a stream does not cross processes.
 */
export class RpcTransport implements Transport {
  readonly #url: string;

  constructor(url: string) {
    this.#url = url;
  }

  async #post<M extends Method>(
    method: M,
    input: Parameters<Transport[M]>[0],
  ): Promise<Awaited<ReturnType<Transport[M]>>> {
    const response = await fetch(`${this.#url}/${method}`, { method: 'POST', body: JSON.stringify([input]) });
    const body = JSON.parse(await response.text(), reviveDates) as {
      result?: unknown;
      error?: { name: string; message: string; reason?: ConflictReason };
    };
    if (body.error !== undefined) {
      const make = ERRORS[body.error.name] ?? ((m: string) => new FatalTransportError(m));
      throw make(body.error.message, body.error.reason);
    }
    return body.result as Awaited<ReturnType<Transport[M]>>;
  }

  // Each method sends its first argument; the call options (a signal) stay behind.
  putEvents(input: PutEventsInput) {
    return this.#post('putEvents', input);
  }
  putUsers(input: PutUsersInput) {
    return this.#post('putUsers', input);
  }
  putItems(input: PutItemsInput) {
    return this.#post('putItems', input);
  }
  putActions(input: PutActionsInput) {
    return this.#post('putActions', input);
  }
  putActionInteractions(input: PutActionInteractionsInput) {
    return this.#post('putActionInteractions', input);
  }
  createDatasetImportJob(input: CreateImportJobInput) {
    return this.#post('createDatasetImportJob', input);
  }
  describeDatasetImportJob(jobArn: string) {
    return this.#post('describeDatasetImportJob', jobArn);
  }
  listDatasetImportJobs(input: ListImportJobsInput) {
    return this.#post('listDatasetImportJobs', input);
  }
  listDatasets(input: ListDatasetsInput) {
    return this.#post('listDatasets', input);
  }
  describeDataset(datasetArn: string) {
    return this.#post('describeDataset', datasetArn);
  }
  describeSchema(schemaArn: string) {
    return this.#post('describeSchema', schemaArn);
  }
  describeDatasetGroup(datasetGroupArn: string) {
    return this.#post('describeDatasetGroup', datasetGroupArn);
  }
  uploadObject(): Promise<never> {
    return Promise.reject(new FatalTransportError('not served: uploadObject (a stream does not cross processes)'));
  }
  headObject(location: ObjectLocation) {
    return this.#post('headObject', location);
  }
  getObject(): Promise<never> {
    return Promise.reject(new FatalTransportError('not served: getObject (a stream does not cross processes)'));
  }
  listObjects(input: ListObjectsInput) {
    return this.#post('listObjects', input);
  }
}

/** The client side: a Transport whose calls go to `url`. */
export function transportClient(url: string): Transport {
  return new RpcTransport(url);
}
