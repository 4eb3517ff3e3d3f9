/**
 * `serve`: a local Personalize endpoint on the in-memory fake, set up from flags (a dataset group, its datasets, an
 * event tracker, buckets and S3 objects to import from) or from a state file (`--state`), with its S3 on the same URL (path style), so the CLI, the AWS SDK,
 * the AWS CLI or your own code can run the whole import flow against it with `--endpoint`. Prints one line of JSON (the URL, every ARN and tracking id) on start;
 * `--verbose` logs one line per request on stderr. Runs until Ctrl-C.
 * @module
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { RequestLogEntry } from '../../local-endpoint/request-log.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { type DatasetType, InvalidOptionsError, MemoryTransport, startLocalEndpoint } from '../library.js';
import { integerAtLeast, numberBetween } from '../parsers.js';
import { type CommandContext, runCommand } from '../run-command.js';
import { applyServeState, readServeState } from '../serve-state.js';
import { DATASET_TYPE_NAMES } from './validate.js';

interface ServeFlags {
  port: number;
  host: string;
  datasetGroup: string;
  datasets: string;
  schema: string[];
  object: string[];
  bucket: string[];
  spillMib?: number;
  jobMs: number;
  quota?: number;
  latency?: number;
  faultRate?: number;
  lenient?: boolean;
  state?: string;
}

/** A schema that fits any dataset type: its id fields and a timestamp, all the fake needs for a start. */
function defaultSchema(type: DatasetType): object {
  const id = { Users: 'USER_ID', Items: 'ITEM_ID', Actions: 'ACTION_ID' } as Partial<Record<DatasetType, string>>;
  const fields =
    id[type] === undefined
      ? [
          { name: 'USER_ID', type: 'string' },
          { name: type === 'Interactions' ? 'ITEM_ID' : 'ACTION_ID', type: 'string' },
          { name: 'TIMESTAMP', type: 'long' },
          { name: 'EVENT_TYPE', type: 'string' },
        ]
      : [{ name: id[type], type: 'string' }];
  return { type: 'record', name: type, namespace: 'com.amazonaws.personalize.schema', fields, version: '1.0' };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function splitPair(flag: string, value: string): [string, string] {
  const at = value.indexOf('=');
  if (at < 1) throw new InvalidOptionsError(`Expected ${flag} <left>=<path>, got \`${value}\``);
  return [value.slice(0, at), value.slice(at + 1)];
}

/** The flags' set-up: one dataset group, its datasets and an event tracker. */
async function setUpFromFlags(transport: MemoryTransport, flags: ServeFlags): Promise<void> {
  const schemas = new Map<string, string>();
  for (const entry of flags.schema) {
    const [type, path] = splitPair('--schema', entry);
    schemas.set(type, await readFile(path, 'utf8'));
  }
  const datasetGroupArn = transport.createDatasetGroup({ name: flags.datasetGroup });
  const datasets: Record<string, string> = {};
  const types = flags.datasets
    .split(',')
    .map((type) => type.trim())
    .filter((type) => type !== '');
  for (const type of types) {
    if (!DATASET_TYPE_NAMES.includes(type as DatasetType)) {
      throw new InvalidOptionsError(`Expected --datasets to list ${DATASET_TYPE_NAMES.join(', ')}, got \`${type}\``);
    }
    const schema = schemas.get(type) ?? defaultSchema(type as DatasetType);
    datasets[type] = transport.createDataset({ datasetGroupArn, datasetType: type as DatasetType, schema }).datasetArn;
  }
  transport.createEventTracker({ datasetGroupArn });
}

async function setUp(flags: ServeFlags): Promise<MemoryTransport> {
  const transport = new MemoryTransport({
    strict: flags.lenient !== true,
    // Nothing reads a served fake's history, and a long run would hold a copy of every record it was sent.
    historyLimit: 0,
    jobTimings: { pendingMs: Math.floor(flags.jobMs / 5), inProgressMs: flags.jobMs - Math.floor(flags.jobMs / 5) },
  });
  if (flags.state === undefined) await setUpFromFlags(transport, flags);
  else await applyServeState(transport, await readServeState(flags.state), flags.state);
  for (const bucket of flags.bucket) transport.createBucket(bucket);
  for (const entry of flags.object) {
    const [url, path] = splitPair('--object', entry);
    const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(url);
    if (match?.[1] === undefined || match[2] === undefined)
      throw new InvalidOptionsError(`Expected an s3://bucket/key URL, got \`${url}\``);
    transport.putObject({ bucket: match[1], key: match[2] }, await readFile(path));
  }
  return transport;
}

/**
 * What `serve` prints on start, as one line of JSON: the URL, every resource with its ARN (and tracking id), and,
 * for the first dataset group, the short keys of earlier versions (`datasetGroupArn`, `datasets` by type,
 * `trackingId` of its event tracker, `actionInteractionsTrackingId` of its Action interactions dataset).
 */
export function startLine(url: string, transport: MemoryTransport): Record<string, unknown> {
  const { datasetGroups, schemas, datasets, eventTrackers } = transport.resources();
  const first = datasetGroups[0]?.datasetGroupArn;
  const own = datasets.filter((d) => d.datasetGroupArn === first);
  const trackingId = eventTrackers.find((t) => t.datasetGroupArn === first)?.trackingId;
  const actionInteractionsTrackingId = own.find((d) => d.trackingId !== undefined)?.trackingId;
  return {
    ok: true,
    command: 'serve',
    url,
    ...(first !== undefined && { datasetGroupArn: first }),
    datasets: Object.fromEntries(own.map((d) => [d.datasetType, d.datasetArn])),
    ...(trackingId !== undefined && { trackingId }),
    ...(actionInteractionsTrackingId !== undefined && { actionInteractionsTrackingId }),
    datasetGroups: datasetGroups.map(({ name, datasetGroupArn, domain }) => ({ name, datasetGroupArn, domain })),
    schemas: schemas.map(({ name, schemaArn }) => ({ name, schemaArn })),
    datasetList: datasets.map(({ datasetType, datasetArn, datasetGroupArn, trackingId: id }) => ({
      datasetType,
      datasetArn,
      datasetGroupArn,
      ...(id !== undefined && { trackingId: id }),
    })),
    eventTrackers: eventTrackers.map(({ eventTrackerArn, trackingId: id, datasetGroupArn }) => ({
      eventTrackerArn,
      trackingId: id,
      datasetGroupArn,
    })),
  };
}

function logLine(entry: RequestLogEntry): string {
  return `${entry.operation} ${entry.status}${entry.errorName === undefined ? '' : ` ${entry.errorName}`} ${entry.ms}ms`;
}

async function runServe(ctx: CommandContext, flags: ServeFlags): Promise<ExitCode> {
  const transport = await setUp(flags);
  const endpoint = await startLocalEndpoint({
    backing: transport,
    port: flags.port,
    host: flags.host,
    ...(flags.quota !== undefined && { quota: { requestsPerSecond: flags.quota } }),
    ...(flags.latency !== undefined && { latencyMs: flags.latency }),
    ...(flags.faultRate !== undefined && { transientFaultRate: flags.faultRate }),
    ...(flags.spillMib !== undefined && { objectSpillBytes: Math.round(flags.spillMib * 1024 * 1024) }),
    ...(ctx.output.verbose && { onRequest: (entry: RequestLogEntry) => ctx.output.info(logLine(entry)) }),
  });
  const start = startLine(endpoint.url, transport);
  ctx.output.resultLine(start);
  ctx.output.info(`local Personalize endpoint: ${endpoint.url}`);
  for (const { datasetType, datasetArn, trackingId } of transport.resources().datasets) {
    ctx.output.info(`${datasetType}: ${datasetArn}${trackingId === undefined ? '' : ` (tracking id ${trackingId})`}`);
  }
  for (const { trackingId, eventTrackerArn } of transport.resources().eventTrackers) {
    ctx.output.info(`event tracker ${eventTrackerArn}: tracking id ${trackingId}`);
  }
  ctx.output.info(`state: GET ${endpoint.url}/_fake/state; press Ctrl-C to stop`);
  await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
  const stats = endpoint.stats();
  await endpoint.close();
  ctx.output.info(`stopped after ${stats.requests} requests`);
  return EXIT.OK;
}

/**
 * Adds the `serve` command to `program`: its flags, and an action that runs it under `runCommand` (output, Ctrl-C,
 * exit code).
 */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(
      'run a local Personalize endpoint on the in-memory fake, S3 (path style) on the same URL, for --endpoint, until Ctrl-C',
    )
    .option('--port <port>', 'TCP port (0: any free one)', integerAtLeast(0), 0)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--dataset-group <name>', 'name of the dataset group to create', 'local')
    .option('--datasets <types>', 'datasets to create, comma-separated', 'Interactions,Users,Items')
    .option(
      '--schema <type=schema.json>',
      'the Avro schema of a dataset (repeatable; default: its id fields only)',
      collect,
      [],
    )
    .option('--object <s3-url=path>', 'put a local file into the fake S3, to import from (repeatable)', collect, [])
    .option('--bucket <name>', 'create an empty bucket in the fake S3, to upload to (repeatable)', collect, [])
    .option(
      '--spill-mib <MiB>',
      'S3 bodies over this size go to a temporary directory, not memory (default 8)',
      numberBetween(0, 1e7),
    )
    .option('--job-ms <ms>', 'how long an import job runs', integerAtLeast(0), 5000)
    .option(
      '--quota <rps>',
      'requests per second allowed per Events call (throttles beyond)',
      numberBetween(0.001, 1e6),
    )
    .option('--latency <ms>', 'delay of every reply', integerAtLeast(0))
    .option('--fault-rate <p>', 'share of Events calls answered with a transient 500', numberBetween(0, 1))
    .option('--lenient', 'accept any tracking id or dataset ARN, setting it up on first use')
    .option(
      '--state <file.json>',
      'set the fake up from a state file instead of the dataset flags (docs/local-endpoint.md)',
    )
    .action(async (flags: ServeFlags, command: Command) => runCommand(command, (ctx) => runServe(ctx, flags)));
}
