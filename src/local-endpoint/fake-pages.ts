/**
 * The endpoint's own pages under `/_fake/`, for tests in any language: `GET /_fake/state` answers a read-only JSON
 * view of what the backing `MemoryTransport` holds. No AWS API has these paths, so no client reaches them by
 * mistake.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { UnreadImportJobError } from '../transport/memory/memory-errors.js';
import type { MemoryTransport } from '../transport/memory/memory-transport.js';
import type { ImportJob, Transport } from '../transport/transport.js';
import { isFake } from './setup-routes.js';
import { toEpochSeconds } from './wire-decode.js';

/** The path prefix of the endpoint's own pages. */
export const FAKE_PATH_PREFIX = '/_fake/';

/** Dates as epoch seconds, as on the wire; everything else as it is. */
function wireJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v) {
    const raw = this[key];
    return raw instanceof Date ? toEpochSeconds(raw) : v;
  });
}

function jobView(job: ImportJob) {
  const { jobArn, ...rest } = job;
  return { datasetImportJobArn: jobArn, ...rest };
}

/** Records of the types that hold them, each dataset's bulk row count, an Action interactions dataset's records. */
function datasetsView(fake: MemoryTransport) {
  return fake.resources().datasets.map((dataset) => {
    const { datasetArn, datasetType, trackingId } = dataset;
    const records =
      datasetType === 'Users' || datasetType === 'Items' || datasetType === 'Actions'
        ? { records: fake.users(datasetArn) as object[] }
        : {};
    const interactions = trackingId === undefined ? {} : { actionInteractions: fake.actionInteractions(trackingId) };
    return { ...dataset, ...records, ...interactions, bulkRowCount: fake.bulkRows(datasetArn).length };
  });
}

/**
 * The jobs and the datasets' view, consistent: reading the jobs settles the due ones, whose rows the datasets' view
 * then counts. On a real clock another job can fall due between the two (`bulkRows` then throws
 * `UnreadImportJobError`): read the jobs again.
 */
async function jobsAndDatasets(fake: MemoryTransport) {
  for (let attempt = 1; ; attempt++) {
    const importJobs = (await fake.importJobs()).map(jobView);
    try {
      return { importJobs, datasets: datasetsView(fake) };
    } catch (error) {
      if (!(error instanceof UnreadImportJobError) || attempt >= 5) throw error;
    }
  }
}

/** The whole view: every resource, what was put into it, the import jobs and the S3 listing (no bodies). */
export async function fakeState(fake: MemoryTransport): Promise<object> {
  const { importJobs, datasets } = await jobsAndDatasets(fake);
  const { datasetGroups, schemas, eventTrackers } = fake.resources();
  const objects = fake.objectList();
  return {
    datasetGroups,
    schemas,
    datasets,
    eventTrackers: eventTrackers.map((tracker) => ({ ...tracker, events: fake.events(tracker.trackingId) })),
    importJobs,
    buckets: fake.buckets().map((name) => ({
      name,
      objects: objects.filter((o) => o.bucket === name).map(({ key, size, etag }) => ({ key, size, etag })),
    })),
  };
}

function reply(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

/** Answers a request under `/_fake/`: the state view, or a 404 / 405 saying what is there. */
export async function serveFakePage(backing: Transport, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // The body, if any, is not read: drain it so the connection can be reused.
  req.resume();
  const path = (req.url ?? '').split('?')[0];
  if (path !== `${FAKE_PATH_PREFIX}state`) {
    reply(res, 404, JSON.stringify({ message: `No page at ${path}: the fake serves GET ${FAKE_PATH_PREFIX}state` }));
  } else if (req.method !== 'GET') {
    reply(res, 405, JSON.stringify({ message: `${FAKE_PATH_PREFIX}state is read-only: use GET` }));
  } else if (!isFake(backing)) {
    reply(res, 404, JSON.stringify({ message: "The endpoint's backing is not a MemoryTransport: no state to show" }));
  } else {
    try {
      reply(res, 200, wireJson(await fakeState(backing)));
    } catch (error) {
      reply(res, 500, JSON.stringify({ message: `The state could not be read: ${String(error)}` }));
    }
  }
}
