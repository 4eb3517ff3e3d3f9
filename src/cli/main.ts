/**
 * Entry point of the `personalize-import` binary: parses the command line and maps commander's own outcomes (help,
 * version, usage errors) to exit codes; the commands set theirs.
 * @module
 */
import { setMaxListeners } from 'node:events';
import { createRequire } from 'node:module';
import { CommanderError } from 'commander';
import { errorToText } from './errors-to-text.js';
import { EXIT, exitCodeOf } from './exit-codes.js';
import { createProgram } from './program.js';
import { safeLine } from './safe-text.js';

function packageVersion(): string {
  // The built file is dist/cli.js (package.json one level up); under tests from source, src/cli/main.ts (two up).
  const require = createRequire(import.meta.url);
  for (const path of ['../package.json', '../../package.json']) {
    try {
      const pkg = require(path) as { name?: string; version?: string };
      if (pkg.name === 'personalize-import' && pkg.version !== undefined) return pkg.version;
    } catch {
      // not there: try the next
    }
  }
  return '0.0.0';
}

function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Maps what commander ended with (help, version, a usage error) to output and an exit code. */
function commanderOutcome(error: CommanderError, json: boolean, version: string, helpText: string): void {
  // `commander.help` with exit code 0 is `help [command]`; with 1, a command line that lacks its command.
  const code = error.code === 'commander.help' && error.exitCode === 0 ? 'commander.helpDisplayed' : error.code;
  switch (code) {
    case 'commander.helpDisplayed':
      process.stdout.write(helpText);
      process.exitCode = EXIT.OK;
      return;
    case 'commander.version':
      if (json) printJson({ version });
      else process.stdout.write(helpText);
      process.exitCode = EXIT.OK;
      return;
    default: {
      // Without a command, commander printed the help on stderr: it is a usage error all the same.
      process.exitCode = EXIT.USAGE;
      const message =
        code === 'commander.help'
          ? 'a command is missing (the help above, on stderr, lists the commands)'
          : safeLine(error.message.replace(/^error: /, ''));
      if (json) printJson({ ok: false, error: { code: 'USAGE', message } });
    }
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const version = packageVersion();
  // Help and version text is held back until commander's outcome is known: under --json, --version prints JSON.
  let helpText = '';
  const program = createProgram(version, {
    writeOut: (text) => {
      helpText += text;
    },
    writeErr: (text) => process.stderr.write(text),
    outputError: (text, write) => write(`${safeLine(text)}\n`),
  });
  try {
    await program.parseAsync(argv as string[]);
  } catch (error) {
    if (error instanceof CommanderError) {
      commanderOutcome(error, argv.includes('--json'), version, helpText);
      return;
    }
    process.stderr.write(`error: ${errorToText(error)}\n`);
    process.exitCode = exitCodeOf(error);
  }
}

// A RecordWriter's rate limiter listens on the writer's abort signal once per chunk waiting in its queue (up to
// maxBufferedRecords / maxBatchSize of them): many listeners by design, not a leak, and Node's warning about them
// would land in the middle of the progress output. (Reported to the writer's owner in notes/requests.md.)
setMaxListeners(0);
// `personalize-import --help | head` closes stdout early: stop quietly, as Unix tools do, not with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? EXIT.OK);
});
await main(process.argv);
