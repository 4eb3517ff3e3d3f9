/**
 * `jobs list|describe|wait`: the import jobs of a dataset, one job, and waiting for one to finish.
 * @module
 */
import { type Command, Option } from 'commander';
import { openTransport } from '../config.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { DatasetType, ImportJob, ImportJobSummary } from '../library.js';
import { integerAtLeast } from '../parsers.js';
import { type CommandContext, runCommand } from '../run-command.js';
import { createImporter, describeImportEvent, targetOf } from './import.js';
import { DATASET_TYPE_NAMES } from './validate.js';

interface ListFlags {
  datasetArn?: string;
  datasetGroupArn?: string;
  datasetType?: DatasetType;
  limit?: number;
}

interface WaitFlags {
  pollInterval?: number;
  timeout?: number;
}

function jobLine(job: ImportJobSummary | ImportJob): string {
  const created = job.createdAt === undefined ? '' : ` ${job.createdAt.toISOString()}`;
  const reason = job.failureReason === undefined ? '' : ` (${job.failureReason})`;
  return `${job.status.padEnd(18)} ${(job.importMode ?? '').padEnd(11)}${created} ${job.jobName} ${job.jobArn}${reason}`;
}

async function list(ctx: CommandContext, flags: ListFlags): Promise<ExitCode> {
  const target = targetOf(flags);
  const { transport, close } = await openTransport(ctx.config);
  try {
    const importer = createImporter(ctx.output, transport, {});
    const jobs: ImportJobSummary[] = [];
    for await (const job of importer.iterateJobs(target, { signal: ctx.signal })) {
      jobs.push(job);
      if (flags.limit !== undefined && jobs.length >= flags.limit) break;
    }
    const lines = jobs.length === 0 ? ['no import jobs'] : jobs.map(jobLine);
    ctx.output.result({ ok: true, command: 'jobs list', jobs }, lines);
    return EXIT.OK;
  } finally {
    close();
  }
}

async function describe(ctx: CommandContext, jobArn: string): Promise<ExitCode> {
  const { transport, close } = await openTransport(ctx.config);
  try {
    const job = await createImporter(ctx.output, transport, {}).describeJob(jobArn, { signal: ctx.signal });
    ctx.output.result({ ok: true, command: 'jobs describe', job }, [jobLine(job), `data: ${job.dataLocation}`]);
    return EXIT.OK;
  } finally {
    close();
  }
}

async function wait(ctx: CommandContext, jobArn: string, flags: WaitFlags): Promise<ExitCode> {
  const { transport, close } = await openTransport(ctx.config);
  try {
    const importer = createImporter(ctx.output, transport, { pollInterval: flags.pollInterval });
    const job = await importer.waitForJob(jobArn, {
      signal: ctx.signal,
      onProgress: (event) => {
        const line = describeImportEvent(event);
        if (line !== undefined) ctx.output.info(line);
      },
      ...(flags.timeout !== undefined && { timeoutMs: flags.timeout }),
    });
    ctx.output.result({ ok: true, command: 'jobs wait', job }, [jobLine(job)]);
    return EXIT.OK;
  } catch (error) {
    if (!ctx.signal.aborted) throw error;
    const lines = [`interrupted: the job keeps running on the service: ${jobArn}`];
    ctx.output.result({ ok: false, command: 'jobs wait', interrupted: true, jobArn }, lines);
    return EXIT.INTERRUPTED;
  } finally {
    close();
  }
}

/**
 * Adds `jobs list`, `jobs describe` and `jobs wait` to `program`, each run under `runCommand` (output, Ctrl-C, exit
 * code).
 */
export function registerJobs(program: Command): void {
  const jobs = program.command('jobs').description('list, describe and wait for dataset import jobs');
  jobs
    .command('list')
    .description('the import jobs of a dataset, newest first')
    .option('--dataset-arn <arn>', 'the dataset')
    .option('--dataset-group-arn <arn>', 'the dataset group (with --dataset-type)')
    .addOption(new Option('--dataset-type <type>', "the dataset's type").choices(DATASET_TYPE_NAMES))
    .option('--limit <n>', 'list at most this many', integerAtLeast(1))
    .action(async (flags: ListFlags, command: Command) => runCommand(command, (ctx) => list(ctx, flags)));
  jobs
    .command('describe')
    .description('one import job (exit 0 whatever its status; see `status` and `failureReason`)')
    .argument('<job-arn>', 'the job')
    .action(async (jobArn: string, _flags: unknown, command: Command) =>
      runCommand(command, (ctx) => describe(ctx, jobArn)),
    );
  jobs
    .command('wait')
    .description('wait for an import job to finish: exit 0 when ACTIVE, 1 when it failed')
    .argument('<job-arn>', 'the job')
    .option(
      '--poll-interval <ms>',
      'ceiling of the first delay between polls (it doubles up to 60 s)',
      integerAtLeast(1),
    )
    .option('--timeout <ms>', 'give up waiting after this long (the job keeps running)', integerAtLeast(1))
    .action(async (jobArn: string, flags: WaitFlags, command: Command) =>
      runCommand(command, (ctx) => wait(ctx, jobArn, flags)),
    );
}
