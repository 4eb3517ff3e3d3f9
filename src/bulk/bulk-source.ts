/**
 * The source of a bulk import, as the caller gives it (`s3://bucket/key.csv`, `s3://bucket/prefix/`, or
 * `{ file, bucket, key? }`), parsed and checked before any call.
 * @module
 */
import { MAX_DATA_LOCATION_LENGTH } from '../limits.js';
import { expectString, failOption } from '../util/expect.js';

/** A local CSV file to validate and upload before the import starts. */
export interface LocalFileSource {
  /** Path of the CSV file. */
  file: string;
  /** The bucket to upload it to; the service's role must be able to read it. */
  bucket: string;
  /**
   * The object key. By default `personalize-import/<job name>.csv`, so a re-run writes the same object.
   * @default `personalize-import/${jobName}.csv`
   */
  key?: string;
}

/** Where the data comes from: an `s3://` URL of one object or of a folder (ending in `/`), or a local file. */
export type ImportSource = string | LocalFileSource;

/** A parsed source. */
export type ParsedSource =
  | { kind: 's3-object'; bucket: string; key: string }
  | { kind: 's3-folder'; bucket: string; prefix: string }
  | { kind: 'local-file'; file: string; bucket: string; key: string | undefined };

// S3 bucket names: 3..63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const BUCKET_WHAT = "an S3 bucket name (3..63 lowercase letters, digits, '.', '-')";

/** Parses and checks a source; throws `InvalidOptionsError` saying what is wrong. */
export function parseSource(source: unknown): ParsedSource {
  if (typeof source === 'string') return parseS3Url(source);
  if (typeof source === 'object' && source !== null && 'file' in source) {
    const { file, bucket, key } = source as Partial<LocalFileSource>;
    expectString('source.file', file, { what: 'a path' });
    expectString('source.bucket', bucket, { pattern: BUCKET_PATTERN, what: BUCKET_WHAT });
    if (key !== undefined) {
      expectString('source.key', key, { pattern: /[^/]$/, what: "an object key not ending in '/'" });
      checkLocationLength('source.key', s3Url(bucket, key));
    }
    return { kind: 'local-file', file, bucket, key };
  }
  failOption('source', 'an s3:// URL or { file, bucket, key? }', source);
}

/** `s3://bucket/key`. */
export function s3Url(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

/** The `dataLocation` the service reads for a parsed source (a local file: once uploaded under `key`). */
export function dataLocationOf(source: ParsedSource, uploadKey?: string): string {
  switch (source.kind) {
    case 's3-object':
      return s3Url(source.bucket, source.key);
    case 's3-folder':
      return s3Url(source.bucket, source.prefix);
    case 'local-file':
      return s3Url(source.bucket, uploadKey ?? source.key ?? '');
  }
}

function parseS3Url(url: string): ParsedSource {
  const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(url);
  if (match === null) failOption('source', '`s3://bucket/key.csv` or a folder `s3://bucket/prefix/`', url);
  const bucket = match[1] ?? '';
  const path = match[2] ?? '';
  if (!BUCKET_PATTERN.test(bucket)) failOption('source', `an s3:// URL whose bucket is ${BUCKET_WHAT}`, url);
  checkLocationLength('source', url);
  if (path === '' || path.endsWith('/')) return { kind: 's3-folder', bucket, prefix: path };
  return { kind: 's3-object', bucket, key: path };
}

/** The service reads at most `MAX_DATA_LOCATION_LENGTH` characters of `dataSource.dataLocation`. */
function checkLocationLength(name: string, location: string): void {
  if (location.length > MAX_DATA_LOCATION_LENGTH) {
    failOption(name, `an S3 location of at most ${MAX_DATA_LOCATION_LENGTH} characters in all`, location);
  }
}
