/**
 * `import`: a bulk import, validated first, uploaded if local, started (or attached to, on a re-run) and waited for,
 * with progress. With `--no-wait` it returns once the job has started. On Ctrl-C the job keeps running on the
 * service and its ARN is printed.
 * @module
 */
import { type Command, Option } from 'commander';
import { openTransport } from '../config.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import {
  DatasetImporter,
  type DatasetTarget,
  type DatasetType,
  type ImportMode,
  type ImportProgressEvent,
  type ImportSource,
  InvalidOptionsError,
  type StartedImport,
  type Transport,
} from '../library.js';
import { count, type Output, type Progress } from '../output.js';
import { integerAtLeast } from '../parsers.js';
import { type CommandContext, runCommand } from '../run-command.js';
import { DATASET_TYPE_NAMES } from './validate.js';

/**
 * `jobs` commands start no job, so no role is ever sent; the importer still wants a well-formed one.
 * @internal
 */
export const UNUSED_ROLE_ARN = 'arn:aws:iam::000000000000:role/personalize-import-cli-unused';

/** The largest delay between polls the CLI asks for, unless `--poll-interval` is larger. */
const MAX_POLL_DELAY_MS = 60_000;

interface ImportFlags {
  mode: ImportMode;
  datasetArn?: string;
  datasetGroupArn?: string;
  datasetType?: DatasetType;
  source?: string;
  file?: string;
  bucket?: string;
  key?: string;
  roleArn: string;
  jobName?: string;
  wait: boolean;
  validate?: boolean;
  pollInterval?: number;
  timeout?: number;
}

/** A `DatasetImporter` whose warnings go to the CLI's stderr. */
export function createImporter(
  output: Output,
  transport: Transport,
  options: { roleArn?: string; pollInterval?: number | undefined },
): DatasetImporter {
  const interval = options.pollInterval;
  return new DatasetImporter({
    transport,
    roleArn: options.roleArn ?? UNUSED_ROLE_ARN,
    ...(interval !== undefined && {
      poll: { initialDelayMs: interval, maxDelayMs: Math.max(interval, MAX_POLL_DELAY_MS) },
    }),
    logger: { warn: (message) => output.warn(message), info: (message) => output.info(message) },
  });
}

/** The dataset named by `--dataset-arn`, or by `--dataset-group-arn` and `--dataset-type`. */
export function targetOf(flags: {
  datasetArn?: string;
  datasetGroupArn?: string;
  datasetType?: DatasetType;
}): DatasetTarget {
  if (flags.datasetArn !== undefined) return { datasetArn: flags.datasetArn };
  if (flags.datasetGroupArn !== undefined && flags.datasetType !== undefined) {
    return { dataset: flags.datasetType, datasetGroupArn: flags.datasetGroupArn };
  }
  throw new InvalidOptionsError(
    'Name the dataset: --dataset-arn <arn>, or --dataset-group-arn <arn> with --dataset-type <type>',
  );
}

function sourceOf(flags: ImportFlags): ImportSource {
  if (flags.source !== undefined && flags.file === undefined) return flags.source;
  if (flags.file !== undefined && flags.source === undefined && flags.bucket !== undefined) {
    return { file: flags.file, bucket: flags.bucket, ...(flags.key !== undefined && { key: flags.key }) };
  }
  throw new InvalidOptionsError(
    'Name the data: --source s3://bucket/key.csv (or a folder ending in /), or --file <path> with --bucket <bucket>',
  );
}

/** One line for an import progress event (uploads excepted: they drive a bar). */
export function describeImportEvent(event: ImportProgressEvent): string | undefined {
  const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;
  switch (event.phase) {
    case 'validating':
      return `validating ${event.source}`;
    case 'uploading':
      return undefined;
    case 'replacing':
      return `FULL import: replaces the bulk data that job ${event.previousJobArn} imported`;
    case 'creating':
      return `creating ${event.importMode} job ${event.jobName} from ${event.dataLocation}`;
    case 'created':
      return `job started: ${event.jobArn}`;
    case 'attached':
      return `job ${event.jobName} exists already (${event.status}): waiting for it instead of starting another (${event.jobArn})`;
    case 'waiting-for-capacity':
      return `the service has no room for the job yet (${event.reason}): trying again in ${seconds(event.delayMs)}`;
    case 'waiting':
      return `job ${event.status} after ${seconds(event.elapsedMs)}${event.pollError === undefined ? '' : ` (a poll failed and is retried: ${event.pollError})`}`;
    case 'done':
      return `job ACTIVE after ${seconds(event.elapsedMs)}`;
  }
}

/** Progress: a bar for the upload, a line for every other step; remembers the job's ARN for Ctrl-C. */
function progressListener(output: Output, seen: { jobArn?: string }) {
  let upload: Progress | undefined;
  return (event: ImportProgressEvent) => {
    if (event.phase === 'created' || event.phase === 'attached') seen.jobArn = event.jobArn;
    if (event.phase === 'uploading') {
      upload ??= output.progress(`upload s3://${event.bucket}/${event.key}`, event.totalBytes ?? 0);
      upload.update(event.loadedBytes, `${count(event.loadedBytes)} bytes`);
      if (event.totalBytes !== undefined && event.loadedBytes >= event.totalBytes) upload.stop();
      return;
    }
    upload?.stop();
    const line = describeImportEvent(event);
    if (line !== undefined) output.info(line);
  };
}

function started(output: Output, job: StartedImport): ExitCode {
  const lines = [
    `${job.attached ? 'found' : 'started'} job ${job.jobName} (${job.status}): ${job.jobArn}`,
    `wait for it with: personalize-import jobs wait ${job.jobArn}`,
  ];
  output.result({ ok: true, command: 'import', ...job }, lines);
  return EXIT.OK;
}

async function startAndWait(
  ctx: CommandContext,
  importer: DatasetImporter,
  flags: ImportFlags,
  seen: { jobArn?: string },
): Promise<ExitCode> {
  const onProgress = progressListener(ctx.output, seen);
  const options = {
    ...targetOf(flags),
    source: sourceOf(flags),
    signal: ctx.signal,
    onProgress,
    ...(flags.jobName !== undefined && { jobName: flags.jobName }),
    ...(flags.validate !== undefined && { validate: flags.validate }),
  };
  const job = await importer.startImport(flags.mode, options);
  seen.jobArn = job.jobArn;
  if (!flags.wait) return started(ctx.output, job);
  const done = await importer.waitForJob(job.jobArn, {
    signal: ctx.signal,
    onProgress,
    ...(flags.timeout !== undefined && { timeoutMs: flags.timeout }),
  });
  ctx.output.result({ ok: true, command: 'import', attached: job.attached, ...done }, [
    `import job ${done.jobName} ACTIVE: ${done.jobArn}`,
  ]);
  return EXIT.OK;
}

async function runImport(ctx: CommandContext, flags: ImportFlags): Promise<ExitCode> {
  // Checked before the transport is built, so that a usage error never waits on AWS set-up.
  targetOf(flags);
  sourceOf(flags);
  const { transport, close } = await openTransport(ctx.config);
  const seen: { jobArn?: string } = {};
  try {
    const importer = createImporter(ctx.output, transport, {
      roleArn: flags.roleArn,
      pollInterval: flags.pollInterval,
    });
    return await startAndWait(ctx, importer, flags, seen);
  } catch (error) {
    if (!ctx.signal.aborted) throw error;
    return interrupted(ctx.output, seen.jobArn);
  } finally {
    close();
  }
}

function interrupted(output: Output, jobArn: string | undefined): ExitCode {
  const lines =
    jobArn === undefined
      ? ['interrupted before a job started: nothing is running on the service']
      : [
          `interrupted: the import job keeps running on the service: ${jobArn}`,
          `wait for it with: personalize-import jobs wait ${jobArn}`,
        ];
  output.result({ ok: false, command: 'import', interrupted: true, ...(jobArn !== undefined && { jobArn }) }, lines);
  return EXIT.INTERRUPTED;
}

/**
 * Adds the `import` command to `program`: its flags, and an action that runs it under `runCommand` (output, Ctrl-C,
 * exit code).
 */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description(
      'bulk-import a CSV into a dataset: validate, upload, start the job (or find it on a re-run) and wait for it',
    )
    .addOption(
      new Option('--mode <mode>', "FULL replaces the dataset's bulk data, INCREMENTAL appends (no default)")
        .choices(['FULL', 'INCREMENTAL'])
        .makeOptionMandatory(),
    )
    .option('--dataset-arn <arn>', 'the dataset')
    .option('--dataset-group-arn <arn>', 'the dataset group (with --dataset-type), instead of --dataset-arn')
    .addOption(
      new Option('--dataset-type <type>', "the dataset's type within --dataset-group-arn").choices(DATASET_TYPE_NAMES),
    )
    .option('--source <s3-url>', 's3://bucket/key.csv, or a folder s3://bucket/prefix/')
    .option('--file <path>', 'a local CSV to validate and upload (with --bucket)')
    .option('--bucket <bucket>', 'the bucket to upload --file to')
    .option('--key <key>', 'the object key of the upload (default: personalize-import/<job name>.csv)')
    .requiredOption('--role-arn <arn>', 'the IAM role Personalize assumes to read the bucket')
    .option(
      '--job-name <name>',
      "the job's name (default: derived from the dataset, mode and content, so a re-run finds it)",
    )
    .option('--no-wait', 'return once the job has started')
    .option('--validate', 'validate an s3:// source too (it is read from S3)')
    .option('--no-validate', 'skip validation of a local file')
    .option(
      '--poll-interval <ms>',
      'ceiling of the first delay between polls of the job (it doubles up to 60 s)',
      integerAtLeast(1),
    )
    .option('--timeout <ms>', 'give up waiting after this long (the job keeps running)', integerAtLeast(1))
    .addHelpText(
      'after',
      `
Credentials and region come from --profile / AWS_PROFILE, --region / AWS_REGION, and the AWS SDK's chain.
The role needs s3:GetObject and s3:ListBucket on the bucket, and the bucket policy must let Personalize read it
(docs/bulk-import.md, "The IAM role the service needs").

Example:
  personalize-import import --mode FULL --dataset-group-arn <group-arn> --dataset-type Interactions \\
    --file interactions.csv --bucket my-bucket --role-arn arn:aws:iam::123456789012:role/PersonalizeS3Read`,
    )
    .action(async (flags: ImportFlags, command: Command) => {
      await runCommand(command, (ctx) => runImport(ctx, flags));
    });
}
