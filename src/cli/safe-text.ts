/**
 * Makes any text safe to print: one line, no terminal control characters, no value longer than a bound, and no
 * secret (URL userinfo, credential query parameters, access key ids, labelled secrets, and the credentials of the
 * environment). Every line the CLI prints goes through here, whatever produced it (the library, the AWS SDK, the
 * service, Node).
 * @module
 */
import { cutLine, cutValue, MESSAGE_VALUE_MAX_CHARS } from './library.js';

/** The bounds of what the CLI prints, in characters (code points). */
export interface SafeTextConfiguration {
  /**
   * A value (a run of non-blank characters) longer than this is cut, saying how much was left out: the bound of the
   * library's own messages, so that a value the library cut is not cut again.
   * @default 200 (`MESSAGE_VALUE_MAX_CHARS`)
   */
  maxValueChars: number;
  /** A whole line longer than this (after its values are cut) is cut to it, the note included. @default 2000 */
  maxLineChars: number;
}

/** Any of the bounds; the others take their defaults. */
export type SafeTextOptions = Partial<SafeTextConfiguration>;

/** The defaults of {@link SafeTextConfiguration}. */
export const safeTextDefaults = {
  maxValueChars: MESSAGE_VALUE_MAX_CHARS,
  maxLineChars: 2000,
} as const satisfies SafeTextConfiguration;

const REDACTED = '[redacted]';

/** `scheme://userinfo@`: up to the last `@` before the host, so a password holding an `@` is hidden whole. */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#`'"<>]*@/gi;
/** `user:password@host` typed without a scheme, or scheme-relative (`//user:password@host`). */
const BARE_USERINFO = /(^|[\s`'"(<[=,])(\/\/)?[^\s/?#`'"<>@:]+:[^\s/?#`'"<>]*@/g;
/** Query parameters that carry credentials: presigned S3 URLs, OAuth-style tokens, passwords. */
const CREDENTIAL_PARAM =
  /([?&;](?:x-amz-signature|x-amz-credential|x-amz-security-token|signature|awsaccesskeyid|access_token|id_token|refresh_token|token|api_key|apikey|sig|password|passwd|pwd|secret|client_secret|auth)=)[^&#\s`'"<>]*/gi;
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g;
/**
 * Whatever follows a `secret…`, `token` or `password` label (`=` or `:`, JSON or not), or a `Signature=` or
 * `Credential=` (a SigV4 authorization header).
 */
const LABELLED_SECRET =
  /((?:(?:secret|token|password|passwd)[^\s:=&?]*\s*[:=]|(?:signature|credential)=)\s*["']?)(?!\[redacted\])[^\s&,;`'"<>]+/gi;

/** Environment variables whose values are credentials. */
const SECRET_ENV = ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_ACCESS_KEY_ID'];
/** Shorter values (placeholders such as `test`) would hide ordinary words. */
const MIN_SECRET_CHARS = 8;

function secretsOf(env: NodeJS.ProcessEnv): string[] {
  return SECRET_ENV.map((name) => env[name])
    .filter((value): value is string => value !== undefined && value.length >= MIN_SECRET_CHARS)
    .sort((a, b) => b.length - a.length);
}

/** Replaces anything that looks like a credential, and the credentials of `env`, with `[redacted]`. */
export function redact(text: string, env: NodeJS.ProcessEnv = process.env): string {
  let out = text;
  for (const secret of secretsOf(env)) out = out.split(secret).join(REDACTED);
  return out
    .replace(URL_USERINFO, (_match, scheme: string) => `${scheme}${REDACTED}@`)
    .replace(BARE_USERINFO, (_match, before: string, slashes = '') => `${before}${slashes}${REDACTED}@`)
    .replace(CREDENTIAL_PARAM, (_match, name: string) => `${name}${REDACTED}`)
    .replace(ACCESS_KEY_ID, REDACTED)
    .replace(LABELLED_SECRET, (_match, label: string) => `${label}${REDACTED}`);
}

/**
 * Cuts every value (a run of non-blank characters) longer than `maxValueChars`, then the whole text to
 * `maxLineChars`, with the library's `cutValue` and `cutLine`: a value the library already cut is not cut again.
 */
export function cutLongValues(text: string, options: SafeTextOptions = {}): string {
  const { maxValueChars, maxLineChars } = { ...safeTextDefaults, ...options };
  // A scan between blanks, not a `\S{201,}` pattern: V8 overflows its stack on a 10 MB value with that.
  const blanks = /\s+/g;
  const parts: string[] = [];
  let start = 0;
  for (let match = blanks.exec(text); ; match = blanks.exec(text)) {
    const end = match === null ? text.length : match.index;
    parts.push(cutValue(text.slice(start, end), maxValueChars));
    if (match === null) break;
    parts.push(match[0]);
    start = end + match[0].length;
  }
  return cutLine(parts.join(''), maxLineChars);
}

const LINE_BREAKS = /\s*[\r\n\u2028\u2029]+\s*/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Folds `text` to one line, and shows terminal control characters as `\uXXXX` instead of sending them. */
export function oneLine(text: string): string {
  return text
    .replace(LINE_BREAKS, ' ')
    .replace(/\t/g, ' ')
    .replace(CONTROL, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .trim();
}

/** One printable line for `text`: folded, redacted, then cut. */
export function safeLine(text: string, options: SafeTextOptions = {}): string {
  return cutLongValues(redact(oneLine(text)), options);
}
