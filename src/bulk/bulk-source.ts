/**
 * The source of a bulk import, as the caller gives it (`s3://bucket/key.csv`, `s3://bucket/prefix/`, or
 * `{ file, bucket, key? }`), parsed and checked before any call.
 * @module
 */
import { InvalidOptionsError } from '../errors.js';
import { MAX_DATA_LOCATION_LENGTH } from '../limits.js';

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

// S3 bucket names: 3..63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.
const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Parses and checks a source; throws `InvalidOptionsError` saying what is wrong. */
export function parseSource(source: unknown): ParsedSource {
  if (typeof source === 'string') return parseS3Url(source);
  if (typeof source === 'object' && source !== null && 'file' in source) {
    const { file, bucket, key } = source as Partial<LocalFileSource>;
    if (typeof file !== 'string' || file.length === 0) {
      throw new InvalidOptionsError(`Expected \`source.file\` to be a path, got \`${String(file)}\``);
    }
    checkBucket(bucket, 'source.bucket');
    if (key !== undefined && (typeof key !== 'string' || key.length === 0 || key.endsWith('/'))) {
      throw new InvalidOptionsError(
        `Expected \`source.key\` to be an object key not ending in '/', got \`${String(key)}\``,
      );
    }
    if (key !== undefined) checkLocationLength(s3Url(bucket, key));
    return { kind: 'local-file', file, bucket, key };
  }
  throw new InvalidOptionsError(
    `Expected \`source\` to be an s3:// URL or { file, bucket, key? }, got \`${JSON.stringify(source) ?? String(source)}\``,
  );
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
  if (match === null) {
    throw new InvalidOptionsError(
      `Expected \`source\` to be \`s3://bucket/key.csv\` or a folder \`s3://bucket/prefix/\`, got \`${url}\``,
    );
  }
  const bucket = match[1] ?? '';
  const path = match[2] ?? '';
  checkBucket(bucket, 'source');
  checkLocationLength(url);
  if (path === '' || path.endsWith('/')) return { kind: 's3-folder', bucket, prefix: path };
  return { kind: 's3-object', bucket, key: path };
}

function checkBucket(bucket: unknown, name: string): asserts bucket is string {
  if (typeof bucket !== 'string' || !BUCKET_PATTERN.test(bucket)) {
    throw new InvalidOptionsError(
      `Expected the bucket of \`${name}\` to be an S3 bucket name (3..63 lowercase letters, digits, '.', '-'), got \`${String(bucket)}\``,
    );
  }
}

function checkLocationLength(location: string): void {
  if (location.length > MAX_DATA_LOCATION_LENGTH) {
    throw new InvalidOptionsError(
      `Expected the S3 location to be at most ${MAX_DATA_LOCATION_LENGTH} characters (the service's limit), got ${location.length}`,
    );
  }
}
