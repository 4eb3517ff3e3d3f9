/**
 * AWS Signature Version 4 for the Events API's requests, and only for them: a POST with a JSON body, no query, the
 * headers this path sends. It signs what `@smithy/signature-v4` signs for such a request (the same canonical request,
 * signed headers, `x-amz-content-sha256`, credential scope and signature: test/transport/events-signer.test.ts
 * compares the two), at a fraction of its CPU: one hash of the body, one of the canonical request and one HMAC a
 * call, with the signing key kept for its day (the SDK's signer derives a cache key with a further HMAC each call,
 * and copies the request and every hash's bytes). Profiled at the documented quota, the SDK's signer was a fifth of
 * the client's CPU per call (docs/performance.md, "The Events calls").
 * @module
 */
import crypto, { createHmac } from 'node:crypto';

/** AWS credentials as the signer takes them. */
export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** What an `EventsSigner` signs for. */
export interface EventsSignerOptions {
  region: string;
  /** The signing name: `personalize` for the Events API. */
  service: string;
  /** Resolves the credentials to sign with (memoized and refreshed by the provider). */
  credentials: () => Promise<SigningCredentials>;
}

/** One request to sign: the headers it sends beside those the signature adds. */
export interface EventsRequestToSign {
  /** The `host` header (host, and port when not the default). */
  host: string;
  /** The request path as sent, e.g. `/events`. */
  path: string;
  contentType: string;
  body: string;
}

/**
 * SHA-256 of `text` in hex: Node's one-shot `crypto.hash` where it has it (20.12 and later; half the CPU of a
 * `Hash` object for a call's body), else a `Hash`.
 */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

const ALGORITHM = 'AWS4-HMAC-SHA256';
const KEY_TYPE = 'aws4_request';

/** A header value as SigV4 canonicalizes it: line breaks as spaces, runs of blanks as one, trimmed of one blank. */
function canonicalValue(value: string): string {
  return value
    .replace(/[\r\n]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/^ | $/g, '');
}

/** `encodeURIComponent`, with the characters it leaves that RFC 3986 reserves escaped too (as the SDK escapes). */
function escapeUri(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The canonical path of `path` for a service other than S3: empty and `.` segments dropped, `..` taking the one
 * before, then every segment URI-encoded twice (the path's own encoding escaped again), `/` kept.
 */
export function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && path.endsWith('/') ? '/' : '';
  const normalized = `${path.startsWith('/') ? '/' : ''}${segments.join('/')}${trailing}`;
  return escapeUri(normalized).replace(/%2F/g, '/');
}

/** `date` as SigV4's long date, `20260102T030405Z`. */
function longDateOf(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** The second a long date names, as epoch seconds (a date's milliseconds do not show in it). */
const secondOf = (date: Date) => Math.floor(date.getTime() / 1000);

/** Signs the Events API's requests with SigV4. */
export class EventsSigner {
  readonly #options: EventsSignerOptions;
  /** The canonical form of each path signed so far (a client sends at most five). */
  readonly #paths = new Map<string, string>();
  /** The signing key of the last day and credentials signed for. */
  #key: { day: string; accessKeyId: string; secretAccessKey: string; key: Buffer } | undefined;
  /** The long date of the last second signed in: calls in one second share it. */
  #date = { second: Number.NaN, longDate: '' };

  constructor(options: EventsSignerOptions) {
    this.#options = options;
  }

  /** The headers to send: `request`'s, the date, the token when there is one, the body's hash and `authorization`. */
  async sign(request: EventsRequestToSign, signingDate: Date): Promise<Record<string, string>> {
    const credentials = await this.#options.credentials();
    if (typeof credentials?.accessKeyId !== 'string' || typeof credentials.secretAccessKey !== 'string') {
      throw new Error('Resolved credential object is not valid');
    }
    const longDate = this.#longDate(signingDate);
    const day = longDate.slice(0, 8);
    const { region, service } = this.#options;
    const scope = `${day}/${region}/${service}/${KEY_TYPE}`;
    const payloadHash = sha256Hex(request.body);
    const contentLength = String(Buffer.byteLength(request.body));
    const token = credentials.sessionToken;
    // Names in sorted order, as the canonical request lists them.
    const signedHeaders =
      token === undefined || token === ''
        ? 'content-length;content-type;host;x-amz-content-sha256;x-amz-date'
        : 'content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token';
    const tokenLine = token === undefined || token === '' ? '' : `x-amz-security-token:${canonicalValue(token)}\n`;
    const canonicalRequest =
      `POST\n${this.#canonicalPath(request.path)}\n\n` +
      `content-length:${contentLength}\n` +
      `content-type:${canonicalValue(request.contentType)}\n` +
      `host:${canonicalValue(request.host)}\n` +
      `x-amz-content-sha256:${payloadHash}\n` +
      `x-amz-date:${longDate}\n${tokenLine}\n${signedHeaders}\n${payloadHash}`;
    const stringToSign = `${ALGORITHM}\n${longDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
    const signature = createHmac('sha256', this.#signingKey(credentials, day)).update(stringToSign).digest('hex');
    const headers: Record<string, string> = {
      host: request.host,
      'content-type': request.contentType,
      'content-length': contentLength,
      'x-amz-date': longDate,
      'x-amz-content-sha256': payloadHash,
      authorization: `${ALGORITHM} Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    };
    if (token !== undefined && token !== '') headers['x-amz-security-token'] = token;
    return headers;
  }

  #longDate(date: Date): string {
    const second = secondOf(date);
    if (second !== this.#date.second) this.#date = { second, longDate: longDateOf(date) };
    return this.#date.longDate;
  }

  #canonicalPath(path: string): string {
    let canonical = this.#paths.get(path);
    if (canonical === undefined) {
      canonical = canonicalPath(path);
      this.#paths.set(path, canonical);
    }
    return canonical;
  }

  #signingKey(credentials: SigningCredentials, day: string): Buffer {
    const kept = this.#key;
    if (
      kept !== undefined &&
      kept.day === day &&
      kept.accessKeyId === credentials.accessKeyId &&
      kept.secretAccessKey === credentials.secretAccessKey
    ) {
      return kept.key;
    }
    let key: string | Buffer = `AWS4${credentials.secretAccessKey}`;
    for (const part of [day, this.#options.region, this.#options.service, KEY_TYPE]) {
      key = createHmac('sha256', key).update(part).digest();
    }
    const derived = key as Buffer;
    this.#key = {
      day,
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      key: derived,
    };
    return derived;
  }
}
