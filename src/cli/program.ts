/**
 * The `personalize-import` command line: its global options and commands.
 * @module
 */
import { Command, Option, type OutputConfiguration } from 'commander';
import { registerDemo } from './commands/demo.js';
import { registerImport } from './commands/import.js';
import { registerJobs } from './commands/jobs.js';
import { registerPut } from './commands/put.js';
import { registerServe } from './commands/serve.js';
import { registerValidate } from './commands/validate.js';

const EPILOG = `
Exit codes: 0 success; 1 the work failed or the data is invalid; 2 usage error; 130 interrupted (Ctrl-C).
Progress goes to stderr; with --json, stdout holds exactly one JSON document (the result, or {"ok": false, "error"}).
AWS settings: flags, then AWS_REGION / AWS_PROFILE, then the AWS SDK's chain (shared config, SSO, instance roles).

Examples:
  personalize-import demo
  personalize-import validate interactions.csv --schema schema.json --dataset-type Interactions
  personalize-import import --mode FULL --dataset-arn <arn> --file interactions.csv --bucket my-bucket --role-arn <arn>
  personalize-import put events --file events.jsonl --tracking-id <id> --rejected rejected.jsonl
  personalize-import jobs wait <job-arn>
Docs: docs/cli.md`;

/**
 * Builds the program. `exitOverride` makes commander throw instead of exiting, so main can map its exit codes;
 * `output` is where commander writes its help, version and usage errors (main holds them back, to print JSON
 * instead under `--json`, and makes its error lines safe).
 */
export function createProgram(version: string, output: OutputConfiguration = {}): Command {
  const program = new Command('personalize-import')
    .description('Get data into Amazon Personalize: validate CSVs, run bulk imports, stream live records.')
    .version(version)
    .addOption(new Option('--region <region>', "AWS region (default: AWS_REGION, then the profile's)"))
    .addOption(new Option('--endpoint <url>', 'one URL for every service call, e.g. a local endpoint from `serve`'))
    .addOption(new Option('--profile <name>', 'AWS profile of the shared config files (default: AWS_PROFILE)'))
    .option('--json', 'print the result as one JSON document on stdout, and nothing else there')
    .option('--quiet', 'no progress or informational lines on stderr (warnings and errors still)')
    .option('--verbose', 'include record contents in error lines')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput(output)
    .addHelpText('after', EPILOG);
  // Subcommands inherit exitOverride and the output only when they are set before they are added.
  registerValidate(program);
  registerImport(program);
  registerPut(program);
  registerJobs(program);
  registerDemo(program);
  registerServe(program);
  return program;
}
