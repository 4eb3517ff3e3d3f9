/**
 * The CLI's exit codes: the contract scripts rely on.
 * @module
 */

/** Exit codes of `personalize-import`. */
export const EXIT = {
  /** The work succeeded (every record delivered, the file valid, the job ACTIVE). */
  OK: 0,
  /** The work failed or the data is invalid (a rejected record, an invalid file, a failed job, a service error). */
  FAILED: 1,
  /** The command line was wrong (an unknown command or flag, a missing or bad value): nothing was done. */
  USAGE: 2,
  /** Interrupted (Ctrl-C) after a clean stop: the writer was closed and what was not delivered was reported. */
  INTERRUPTED: 130,
} as const;

/** One of the exit codes. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Codes of library errors that mean the command line was wrong rather than the work. */
const USAGE_CODES: ReadonlySet<string> = new Set(['INVALID_OPTIONS']);

/** The exit code for an error that ended a command. */
export function exitCodeOf(error: unknown): ExitCode {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && USAGE_CODES.has(code)) return EXIT.USAGE;
  if (code === 'ABORTED') return EXIT.INTERRUPTED;
  return EXIT.FAILED;
}
