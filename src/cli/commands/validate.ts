/**
 * `validate <file.csv>`: checks a bulk-import CSV against its dataset's schema and the service's rules, with
 * progress, and lists what is wrong by line and column. Exit 1 when the file is invalid.
 * @module
 */
import { readFile, stat } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { EXIT, type ExitCode } from '../exit-codes.js';
import {
  type CsvValidationReport,
  DATASET_TYPES,
  type DatasetType,
  type Domain,
  type ImportMode,
  InvalidOptionsError,
  validateCsv,
} from '../library.js';
import { count } from '../output.js';
import { integerAtLeast } from '../parsers.js';
import { type CommandContext, runCommand } from '../run-command.js';

/** The dataset types, as the service names them (the library's list). */
export const DATASET_TYPE_NAMES = DATASET_TYPES;

interface ValidateFlags {
  schema: string;
  datasetType: DatasetType;
  mode?: ImportMode;
  domain?: Domain;
  maxIssues?: number;
  minInteractions?: number;
}

/**
 * Reads a schema file: the Avro schema itself, or what `aws personalize describe-schema` prints (the Avro JSON is
 * then a string under `schema.schema`).
 */
export async function readSchemaFile(path: string): Promise<string | object> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as { code?: string }).code !== undefined) throw error;
    throw new InvalidOptionsError(`The schema file ${path} is not JSON: give the dataset's Avro schema`);
  }
  let value = parsed;
  while (typeof value === 'object' && value !== null && 'schema' in value)
    value = (value as { schema: unknown }).schema;
  if (typeof value === 'string' || (typeof value === 'object' && value !== null)) return value;
  throw new InvalidOptionsError(`The schema file ${path} holds no Avro schema`);
}

/** The human lines of a report. */
export function reportLines(file: string, report: CsvValidationReport): string[] {
  const warnings = report.warningCount > 0 ? `, ${count(report.warningCount)} warning(s)` : '';
  const head = report.valid
    ? `${file}: valid, ${count(report.rows)} rows${warnings}`
    : `${file}: INVALID, ${count(report.errorCount)} error(s) in ${count(report.rows)} rows${warnings}`;
  const issue = (kind: string) => (i: CsvValidationReport['errors'][number]) =>
    `  ${kind} line ${i.line}${i.column === undefined ? '' : `, column ${i.column}`}: ${i.code}: ${i.message}`;
  const lines = [head, ...report.errors.map(issue('error')), ...report.warnings.map(issue('warning'))];
  if (report.truncated) lines.push('  (more issues were counted than listed: raise --max-issues to see them)');
  return lines;
}

async function runValidate(ctx: CommandContext, file: string, flags: ValidateFlags): Promise<ExitCode> {
  const schema = await readSchemaFile(flags.schema);
  const size = (await stat(file)).size;
  const progress = ctx.output.progress('validate', size);
  const report = await validateCsv(file, {
    schema,
    datasetType: flags.datasetType,
    mode: flags.mode,
    domain: flags.domain,
    ...(flags.maxIssues !== undefined && { maxIssues: flags.maxIssues }),
    ...(flags.minInteractions !== undefined && { minInteractions: flags.minInteractions }),
    signal: ctx.signal,
    onProgress: (bytes) => progress.update(bytes, `${count(bytes)} of ${count(size)} bytes`),
  });
  progress.update(size, `${count(report.rows)} rows`);
  progress.stop();
  ctx.output.result({ ok: report.valid, command: 'validate', file, ...report }, reportLines(file, report));
  return report.valid ? EXIT.OK : EXIT.FAILED;
}

/**
 * Adds the `validate` command to `program`: its flags, and an action that runs it under `runCommand` (output, Ctrl-C,
 * exit code).
 */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check a bulk-import CSV against the dataset schema and the service rules, before any upload')
    .argument('<file>', 'the CSV file')
    .requiredOption(
      '--schema <schema.json>',
      "the dataset's Avro schema (or the output of `aws personalize describe-schema`)",
    )
    .addOption(
      new Option('--dataset-type <type>', 'the dataset the file is for')
        .choices(DATASET_TYPE_NAMES)
        .makeOptionMandatory(),
    )
    .addOption(new Option('--mode <mode>', 'the import mode, for its size limit').choices(['FULL', 'INCREMENTAL']))
    .addOption(
      new Option('--domain <domain>', "the dataset group's domain (omit for Custom)").choices([
        'ECOMMERCE',
        'VIDEO_ON_DEMAND',
      ]),
    )
    .option('--max-issues <n>', 'errors, and warnings, listed at most (the rest are counted)', integerAtLeast(0))
    .option(
      '--min-interactions <n>',
      'fewest rows an Interactions file must hold (0 for one file of a folder)',
      integerAtLeast(0),
    )
    .action(async (file: string, flags: ValidateFlags, command: Command) => {
      await runCommand(command, (ctx) => runValidate(ctx, file, flags));
    });
}
