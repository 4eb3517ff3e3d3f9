/**
 * What every command shares: its output, its AWS settings, Ctrl-C handling, and turning an error into one line on
 * stderr (and one JSON document on stdout with `--json`) and an exit code.
 * @module
 */
import type { Command } from 'commander';
import { type CliConfig, type GlobalFlags, resolveConfig } from './config.js';
import { errorToText } from './errors-to-text.js';
import { EXIT, type ExitCode, exitCodeOf } from './exit-codes.js';
import { Output } from './output.js';

/** What a command's body gets. */
export interface CommandContext {
  output: Output;
  config: CliConfig;
  flags: GlobalFlags;
  /** Aborts on the first Ctrl-C (SIGINT) or SIGTERM; the body stops cleanly and returns `EXIT.INTERRUPTED`. */
  signal: AbortSignal;
}

/** The JSON form of an error, for `--json`: its code and one-line message. */
export function errorJson(error: unknown, verbose: boolean): Record<string, unknown> {
  const coded = error as { code?: unknown; jobArn?: unknown; failureReason?: unknown; report?: unknown } | null;
  const code = typeof coded?.code === 'string' ? coded.code : 'ERROR';
  return {
    code,
    message: errorToText(error, { verbose }),
    ...(typeof coded?.jobArn === 'string' && { jobArn: coded.jobArn }),
    ...(typeof coded?.failureReason === 'string' && { failureReason: coded.failureReason }),
    ...(code === 'CSV_INVALID' && coded?.report !== undefined && { report: coded.report }),
  };
}

function watchInterrupt(output: Output): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(EXIT.INTERRUPTED);
    output.warn('stopping cleanly… (press Ctrl-C again to quit at once)');
    controller.abort(new Error('interrupted'));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** Runs a command's `body` and sets the process's exit code from its result or its error. */
export async function runCommand(
  command: Command,
  body: (context: CommandContext) => Promise<ExitCode>,
): Promise<void> {
  const flags = command.optsWithGlobals<GlobalFlags>();
  const output = new Output({
    json: flags.json === true,
    quiet: flags.quiet === true,
    verbose: flags.verbose === true,
  });
  const interrupt = watchInterrupt(output);
  try {
    process.exitCode = await body({ output, config: resolveConfig(flags), flags, signal: interrupt.signal });
  } catch (error) {
    if (interrupt.signal.aborted) {
      // Ctrl-C is what the user asked for, not an error: say what stopped, and that nothing is left running.
      output.warn('interrupted: stopped cleanly');
      output.result({ ok: false, interrupted: true, error: errorJson(error, output.verbose) }, []);
      process.exitCode = EXIT.INTERRUPTED;
      return;
    }
    // Point at the help of the command that was run, not at a placeholder.
    const path = [command.parent?.parent === null ? undefined : command.parent?.name(), command.name()];
    const here = (text: string) => text.replace('<command>', path.filter((name) => name !== undefined).join(' '));
    output.error(here(errorToText(error, { verbose: output.verbose })));
    const json = errorJson(error, output.verbose);
    output.result({ ok: false, error: { ...json, message: here(String(json.message)) } }, []);
    process.exitCode = exitCodeOf(error);
  } finally {
    interrupt.dispose();
  }
}
