/**
 * Turns any error that ends a command (or a record) into one line a person can act on: what went wrong, for which
 * record, file, line or job, and what to do. Never prints credentials, folds a multi-line message to one line and cuts
 * long values (see safe-text.ts); prints record contents only when asked to (`--verbose`).
 * @module
 */
import { oneLine, safeLine } from './safe-text.js';

/** What `errorToText` may add. */
export interface ErrorTextOptions {
  /** Append the record's contents, when the error carries a record. @default false */
  verbose?: boolean;
  /** Where it happened, e.g. `events.jsonl line 12`; put first. */
  where?: string;
}
type Coded = Error & { code?: unknown; [key: string]: unknown };

/** What to do, per library error code. */
const ADVICE: Record<string, string> = {
  INVALID_OPTIONS: 'see `personalize-import <command> --help`',
  RECORD_VALIDATION: 'fix the record and send it again',
  CSV_INVALID: 'run `personalize-import validate` on the file for the full report, fix it, and import again',
  IMPORT_JOB_FAILED: 'fix the data or the role, then import again with a new --job-name',
  IMPORT_JOB_TIMEOUT: 'the job keeps running: wait for it with `personalize-import jobs wait <job-arn>`',
  THROTTLED: 'the service is throttling this account: try again later, or send more slowly',
  TRANSIENT: 'a passing fault of the service or the network: try again',
  INVALID_INPUT: 'the service refused the input: check the values it names',
  NOT_FOUND: 'check the ARN or tracking id, and that --region is the resource’s region',
  CONFLICT: 'the resource is busy or exists already: wait for the running work, or use another name',
  LIMIT_EXCEEDED: 'a quota of the account is full (e.g. 5 import jobs running): wait for running jobs to finish',
  FATAL: 'check your AWS credentials (AWS_PROFILE or --profile) and the IAM permissions of the call',
  ABORTED: 'interrupted',
  WRITER_CLOSED: 'a record came after the writer closed: this is a bug, please report it',
};

const SYSTEM_ADVICE: Record<string, string> = {
  ENOENT: 'check the path',
  EACCES: 'check the file’s permissions',
  EISDIR: 'give a file, not a folder',
  ECONNREFUSED: 'nothing listens there: check --endpoint (is `personalize-import serve` running?)',
  ENOTFOUND: 'the host name does not resolve: check --endpoint and your network',
};

/** Re-exported where it has always been imported from. */
export { redact } from './safe-text.js';

/** What to do about an error of `code` (a library error code or a Node system error code), when there is advice. */
export function adviceForCode(code: string): string | undefined {
  const advice = ADVICE[code] ?? SYSTEM_ADVICE[code];
  return advice === 'interrupted' ? undefined : advice;
}

function adviceFor(error: Coded): string | undefined {
  const code = typeof error.code === 'string' ? error.code : undefined;
  if (code === undefined) return undefined;
  if (code === 'FATAL' && /region is missing/i.test(error.message)) {
    return 'set --region or AWS_REGION, or a region in your AWS profile';
  }
  if (code === 'FATAL' && /credentials/i.test(error.message)) {
    return 'no usable AWS credentials: set AWS_PROFILE (or --profile), or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY';
  }
  return ADVICE[code] ?? SYSTEM_ADVICE[code];
}

function describe(error: unknown): { message: string; advice: string | undefined; record: unknown } {
  if (!(error instanceof Error)) return { message: String(error), advice: undefined, record: undefined };
  const coded = error as Coded;
  let message = oneLine(error.message);
  if (coded.code === 'CSV_INVALID') message = csvSummary(coded) ?? message;
  const path = typeof coded.path === 'string' ? coded.path : undefined;
  if (path !== undefined && !message.includes(path)) message = `${message} (${path})`;
  return { message, advice: adviceFor(coded), record: coded.code === 'RECORD_VALIDATION' ? coded.record : undefined };
}

function csvSummary(error: Coded): string | undefined {
  const report = error.report as
    | { errorCount?: number; errors?: { line: number; column?: string; message: string }[] }
    | undefined;
  const first = report?.errors?.[0];
  if (first === undefined) return undefined;
  const where = `line ${first.line}${first.column === undefined ? '' : `, column ${first.column}`}`;
  const n = report?.errorCount ?? report?.errors?.length ?? 1;
  return `the CSV is invalid: ${n} error${n === 1 ? '' : 's'}, the first at ${where}: ${first.message}`;
}

/** One line for `error`: `[where: ]what (what to do)`. */
export function errorToText(error: unknown, options: ErrorTextOptions = {}): string {
  const { message, advice, record } = describe(error);
  let text = options.where === undefined ? message : `${options.where}: ${message}`;
  if (advice !== undefined && advice !== 'interrupted') text += ` (${advice})`;
  if (options.verbose === true && record !== undefined) text += ` record: ${JSON.stringify(record)}`;
  return safeLine(text);
}
