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

const HELP_CODES = new Set(['commander.helpDisplayed', 'commander.version', 'commander.help']);

async function main(argv: readonly string[]): Promise<void> {
  const program = createProgram(packageVersion());
  try {
    await program.parseAsync(argv as string[]);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = HELP_CODES.has(error.code) ? EXIT.OK : EXIT.USAGE;
      if (process.exitCode === EXIT.USAGE && argv.includes('--json')) {
        process.stdout.write(`${JSON.stringify({ ok: false, error: { code: 'USAGE', message: error.message } })}\n`);
      }
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
