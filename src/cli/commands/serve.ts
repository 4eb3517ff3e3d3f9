/**
 * `serve`: a local Personalize endpoint on the in-memory fake, with its S3 on the same URL, set up from flags (a
 * dataset group, its datasets, an event tracker, buckets and S3 objects to import from), so the CLI, the AWS SDK,
 * the AWS CLI or your own code can run the whole import flow against it with `--endpoint`. Runs until Ctrl-C.
 * @module
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { type DatasetType, InvalidOptionsError, MemoryTransport, startLocalEndpoint } from '../library.js';
import { integerAtLeast, numberBetween } from '../parsers.js';
import { type CommandContext, runCommand } from '../run-command.js';
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

async function setUp(flags: ServeFlags) {
  const transport = new MemoryTransport({
    strict: flags.lenient !== true,
    jobTimings: { pendingMs: Math.floor(flags.jobMs / 5), inProgressMs: flags.jobMs - Math.floor(flags.jobMs / 5) },
  });
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
  const { trackingId } = transport.createEventTracker({ datasetGroupArn });
  for (const bucket of flags.bucket) transport.createBucket(bucket);
  for (const entry of flags.object) {
    const [url, path] = splitPair('--object', entry);
    const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(url);
    if (match?.[1] === undefined || match[2] === undefined)
      throw new InvalidOptionsError(`Expected an s3://bucket/key URL, got \`${url}\``);
    transport.putObject({ bucket: match[1], key: match[2] }, await readFile(path));
  }
  return { transport, datasetGroupArn, datasets, trackingId };
}

async function runServe(ctx: CommandContext, flags: ServeFlags): Promise<ExitCode> {
  const shop = await setUp(flags);
  const endpoint = await startLocalEndpoint({
    backing: shop.transport,
    port: flags.port,
    host: flags.host,
    ...(flags.quota !== undefined && { quota: { requestsPerSecond: flags.quota } }),
    ...(flags.latency !== undefined && { latencyMs: flags.latency }),
    ...(flags.faultRate !== undefined && { transientFaultRate: flags.faultRate }),
    ...(flags.spillMib !== undefined && { objectSpillBytes: Math.round(flags.spillMib * 1024 * 1024) }),
  });
  const { datasetGroupArn, datasets, trackingId } = shop;
  ctx.output.result({ ok: true, command: 'serve', url: endpoint.url, datasetGroupArn, datasets, trackingId }, [
    `local Personalize endpoint: ${endpoint.url}`,
    `  dataset group: ${datasetGroupArn}`,
    ...Object.entries(datasets).map(([type, arn]) => `  ${type}: ${arn}`),
    `  tracking id: ${trackingId}`,
    `use it with: personalize-import --endpoint ${endpoint.url} put events --tracking-id ${trackingId} --file events.jsonl`,
    `  or: aws --endpoint-url ${endpoint.url} s3 ls (S3 is served on the same URL, path style)`,
    'press Ctrl-C to stop',
  ]);
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
    .action(async (flags: ServeFlags, command: Command) => runCommand(command, (ctx) => runServe(ctx, flags)));
}
