/**
 * `put <kind> --file <records>`: streams a JSON Lines or CSV file of records through a `RecordWriter`, showing
 * progress, and accounts for every record: delivered, invalid (refused here), rejected by the service, or
 * undelivered. With `--rejected`, every record that did not get in is written out with its line and reason.
 * @module
 */

import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { CheckpointFile, readCheckpoint } from '../checkpoint-file.js';
import { openTransport } from '../config.js';
import { DeliveryFrontier } from '../delivery-frontier.js';
import { adviceForCode, redact } from '../errors-to-text.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import {
  AwsTransport,
  InvalidOptionsError,
  RECORD_KIND_NAMES,
  RECORD_KINDS,
  type RecordKind,
  RecordWriter,
  type SettledInfo,
  type Transport,
  type WriterReport,
} from '../library.js';
import { count, type Output } from '../output.js';
import { checkOutputFile } from '../output-files.js';
import { integerAtLeast, numberBetween } from '../parsers.js';
import { feed, lineOf, putProgress, refuse, type Tally } from '../put-records.js';
import type { RecordFormat } from '../read-records.js';
import { RejectedFile } from '../rejected-file.js';
import { type CommandContext, runCommand } from '../run-command.js';
import { identifyFile, type SourceIdentity } from '../source-identity.js';

/** A kind's name on the command line: its plural in kebab case (`events`, …, `action-interactions`). */
function commandName(kind: RecordKind): string {
  return RECORD_KINDS[kind].plural.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** The kind `put <name>` takes. Commander checked `name` against the choices; the throw is for any other caller. */
function kindNamed(name: string): RecordKind {
  const kind = RECORD_KIND_NAMES.find((candidate) => commandName(candidate) === name);
  if (kind === undefined) throw new InvalidOptionsError(`Unknown kind of record \`${name}\``);
  return kind;
}

interface PutFlags {
  file: string;
  format?: RecordFormat;
  trackingId?: string;
  datasetArn?: string;
  rejected?: string;
  checkpoint?: string;
  closeTimeout: number;
  rate?: number;
}

async function writerTargets(
  kind: RecordKind,
  flags: PutFlags,
  transport: Transport,
  signal: AbortSignal,
): Promise<{ trackingId?: string; actionInteractionsTrackingId?: string; datasets?: Record<string, string> }> {
  if (kind === 'event') {
    if (flags.trackingId === undefined) throw new InvalidOptionsError('`put events` needs --tracking-id <id>');
    return { trackingId: flags.trackingId };
  }
  if (kind === 'actionInteraction') {
    if (flags.trackingId !== undefined) return { actionInteractionsTrackingId: flags.trackingId };
    if (flags.datasetArn === undefined) {
      throw new InvalidOptionsError(
        '`put action-interactions` needs --tracking-id <id> or --dataset-arn <arn of the Action interactions dataset>',
      );
    }
    const dataset = await transport.describeDataset(flags.datasetArn, { signal });
    if (dataset.trackingId === undefined) {
      throw new InvalidOptionsError(
        `Dataset ${flags.datasetArn} has no tracking id: is it an Action interactions dataset?`,
      );
    }
    return { actionInteractionsTrackingId: dataset.trackingId };
  }
  const key = RECORD_KINDS[kind].plural;
  if (flags.datasetArn === undefined) throw new InvalidOptionsError(`\`put ${key}\` needs --dataset-arn <arn>`);
  return { datasets: { [key]: flags.datasetArn } };
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

function summary(
  kind: RecordKind,
  flags: PutFlags,
  tally: Tally,
  report: WriterReport,
  files: PutFiles,
  interrupted: boolean,
) {
  const { sink } = files;
  const refused = tally.invalid + report.rejected.length + report.undelivered.length;
  return {
    ok: refused === 0 && !interrupted && sink.failure === undefined,
    command: 'put',
    kind: RECORD_KINDS[kind].plural,
    file: flags.file,
    read: tally.read,
    ...(files.resumeAfter > 0 && { resumedAfterLine: files.resumeAfter, skipped: tally.skipped }),
    ...(files.checkpoint !== undefined && { checkpoint: { file: files.checkpoint.path, line: files.frontier.line } }),
    delivered: report.delivered[RECORD_KINDS[kind].plural],
    invalid: tally.invalid,
    rejected: report.rejected.length,
    undelivered: report.undelivered.length,
    interrupted,
    ...(tally.stoppedAtLine !== undefined && { stoppedAtLine: tally.stoppedAtLine }),
    ...(report.stoppedBy !== undefined && { stoppedBy: report.stoppedBy }),
    ...(sink.path !== undefined && { rejectedFile: sink.path, rejectedLines: sink.written }),
    ...(sink.failure !== undefined && { rejectedFileError: sink.failure }),
    errors: tally.errors,
    stats: report.stats,
  };
}

/** What `put` reads from and writes to, checked and opened before anything is sent. */
interface PutFiles {
  /** The file's content identity; undefined for a stream (a pipe), which is read once. */
  identity: SourceIdentity | undefined;
  /** The checkpoint's line: lines up to it were delivered by an earlier run. */
  resumeAfter: number;
  checkpoint: CheckpointFile | undefined;
  sink: RejectedFile;
  frontier: DeliveryFrontier;
}

async function openFiles(ctx: CommandContext, flags: PutFlags): Promise<PutFiles> {
  if (flags.rejected !== undefined) checkOutputFile('--rejected', flags.rejected, flags.file);
  if (flags.checkpoint !== undefined) {
    checkOutputFile('--checkpoint', flags.checkpoint, flags.file);
    if (flags.rejected !== undefined) checkOutputFile('--checkpoint', flags.checkpoint, flags.rejected, '--rejected');
  }
  // A pipe or a device can be read once only: no pre-pass, so no content identity (events keep random ids).
  const regular = (await stat(flags.file)).isFile();
  if (!regular && flags.checkpoint !== undefined) {
    throw new InvalidOptionsError(`--checkpoint needs --file to be a regular file, not a stream (${flags.file})`);
  }
  const identity = regular ? await identifyFile(flags.file, ctx.signal) : undefined;
  let resumeAfter = 0;
  let checkpoint: CheckpointFile | undefined;
  if (flags.checkpoint !== undefined && identity !== undefined) {
    resumeAfter = readCheckpoint(flags.checkpoint, identity, flags.file);
    checkpoint = new CheckpointFile(flags.checkpoint, identity, resolve(flags.file));
  }
  // A resumed run keeps the rejected lines of the run it resumes.
  const sink = new RejectedFile(flags.rejected, { append: resumeAfter > 0 });
  return { identity, resumeAfter, checkpoint, sink, frontier: new DeliveryFrontier(resumeAfter) };
}

function onSettled(files: PutFiles, tally: Tally, show: () => void) {
  return (info: SettledInfo) => {
    tally.settled += info.records.length;
    for (const record of info.records) {
      const line = lineOf(record);
      if (line === undefined) continue;
      if (info.outcome === 'delivered') files.frontier.settle(line);
      else files.frontier.fail(line);
    }
    files.checkpoint?.update(files.frontier.line);
    show();
  };
}

async function runPut(ctx: CommandContext, name: string, flags: PutFlags): Promise<ExitCode> {
  const kind = kindNamed(name);
  const files = await openFiles(ctx, flags);
  const { transport, close } = await openTransport(ctx.config);
  // Every call would fail the same way: stop before the first record, with the advice `jobs` gives.
  if (transport instanceof AwsTransport && ctx.config.endpoint === undefined) {
    await transport.region().catch((error: unknown) => {
      close();
      throw error;
    });
  }
  const tally: Tally = {
    read: 0,
    skipped: 0,
    invalid: 0,
    delivered: 0,
    shown: 0,
    settled: 0,
    quiet: 0,
    stoppedAtLine: undefined,
    errors: [],
  };
  const { sink } = files;
  const source = { file: flags.file, format: flags.format };
  const { progress, show } = putProgress(ctx.output, kind, source, files.identity, tally);
  try {
    const targets = await writerTargets(kind, flags, transport, ctx.signal);
    const writer = new RecordWriter({
      transport,
      ...targets,
      ...(flags.rate !== undefined && {
        rate: { initialRequestsPerSecond: { [RECORD_KINDS[kind].call]: flags.rate } },
      }),
      onBatch: (info) => {
        if (info.outcome === 'delivered') tally.delivered += info.records;
      },
      onSettled: onSettled(files, tally, show),
    });
    // Ctrl-C: stop intake at once; buffered records get `--close-timeout` to land, the rest are reported. The first
    // `close` call sets the deadline, so the normal path flushes first and closes only once everything landed.
    const onAbort = () => void writer.close({ timeoutMs: flags.closeTimeout });
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    let report: WriterReport;
    try {
      await feed(ctx, writer, kind, source, { tally, ...files, show });
      if (!ctx.signal.aborted) await Promise.race([writer.flush(), aborted(ctx.signal)]);
      report = await writer.close(ctx.signal.aborted ? { timeoutMs: flags.closeTimeout } : {});
    } finally {
      ctx.signal.removeEventListener('abort', onAbort);
    }
    const { stoppedBy } = report;
    if (stoppedBy !== undefined) ctx.output.error(stopLine(stoppedBy, tally));
    for (const entry of [...report.rejected, ...report.undelivered]) {
      const line = lineOf(entry.record);
      const advice = adviceForCode(entry.code);
      const message = redact(advice === undefined ? entry.message : `${entry.message} (${advice})`);
      // A record the stop left undelivered carries the stop's cause, said once above.
      const quiet = stoppedBy !== undefined && entry.code === stoppedBy.code && entry.message === stoppedBy.message;
      await refuse({ line, kind, code: entry.code, message, record: entry.record }, tally, sink, ctx.output, quiet);
      // However the writer settled it (onSettled, or a close deadline), the line is now in the rejected file.
      if (line !== undefined) files.frontier.fail(line);
    }
    show();
    progress.stop();
    await sink.close();
    // Records that did not get in count as done only once they are safe in the rejected file; without one, the
    // checkpoint stops before the first of them, so that a re-run sends it again.
    if (sink.path !== undefined && sink.failure === undefined) files.frontier.settleFailed();
    files.checkpoint?.write(files.frontier.line);
    return finish(ctx.output, summary(kind, flags, tally, report, files, ctx.signal.aborted), tally);
  } finally {
    close();
  }
}

/** The one line that says a fatal error stopped the writer, what to check, and what became of the records. */
function stopLine(stoppedBy: { code: string; message: string }, tally: Tally): string {
  const advice = adviceForCode(stoppedBy.code);
  const notRead = tally.stoppedAtLine === undefined ? '' : `; lines from ${tally.stoppedAtLine} on were not read`;
  return (
    `stopped at a fatal error: ${stoppedBy.code}: ${redact(stoppedBy.message)}${advice === undefined ? '' : ` (${advice})`}` +
    ` — nothing was sent after it; the records read are undelivered, safe to send again${notRead}`
  );
}

function finish(output: Output, result: ReturnType<typeof summary>, tally: Tally): ExitCode {
  const lines = [
    `${result.kind}: ${count(result.read)} read, ${count(result.delivered)} delivered, ${count(result.invalid)} invalid, ` +
      `${count(result.rejected)} rejected by the service, ${count(result.undelivered)} undelivered`,
  ];
  const refused = result.invalid + result.rejected + result.undelivered;
  const unshown = refused - tally.shown - tally.quiet;
  if (unshown > 0) lines.push(`(${count(unshown)} more not shown)`);
  if (result.rejectedFileError !== undefined) {
    output.error(`${result.rejectedFileError}: the lines from then on are not in it (see the errors above or --json)`);
  } else if (result.rejectedFile !== undefined && refused > 0) {
    lines.push(`records that did not get in are in ${result.rejectedFile}: fix them and send that file again`);
  } else if (refused > 0) {
    lines.push('add --rejected <file> to keep the records that did not get in, with their lines and reasons');
  }
  if (result.stoppedAtLine !== undefined && result.stoppedBy === undefined) {
    lines.push(
      `${result.interrupted ? 'interrupted' : 'stopped'}: lines from ${result.stoppedAtLine} on were not read`,
    );
  }
  output.result(result, lines);
  if (result.interrupted) return EXIT.INTERRUPTED;
  return result.ok ? EXIT.OK : EXIT.FAILED;
}

/**
 * Adds the `put` command to `program`: its flags, and an action that runs it under `runCommand` (output, Ctrl-C,
 * exit code).
 */
export function registerPut(program: Command): void {
  program
    .command('put')
    .description('send live records from a JSON Lines or CSV file through the Personalize Events API')
    .addArgument(program.createArgument('<kind>', 'what the file holds').choices(RECORD_KIND_NAMES.map(commandName)))
    .requiredOption(
      '--file <path>',
      'the records: .jsonl (one JSON object a line) or .csv (a header row of field names)',
    )
    .addOption(
      new Option('--format <format>', 'read the file as this format (default: by its extension)').choices([
        'jsonl',
        'csv',
      ]),
    )
    .option('--tracking-id <id>', "the event tracker's tracking id (events; action interactions)")
    .option(
      '--dataset-arn <arn>',
      'the dataset (users, items, actions; action interactions: to look up its tracking id)',
    )
    .option(
      '--rejected <path>',
      'write every record that did not get in to this JSON Lines file, with its line and reason',
    )
    .option(
      '--checkpoint <path>',
      'record here how far the file is delivered; a re-run with the same checkpoint resumes after that line',
    )
    .option(
      '--rate <rps>',
      'requests per second to start at (default: the documented quota); it adapts to throttling',
      numberBetween(0.01, 100_000),
    )
    .option(
      '--close-timeout <ms>',
      'after Ctrl-C, how long buffered records may take to land',
      integerAtLeast(0),
      30_000,
    )
    .action(async (name: string, flags: PutFlags, command: Command) => {
      await runCommand(command, (ctx) => runPut(ctx, name, flags));
    });
}
