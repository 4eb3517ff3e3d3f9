/**
 * ListObjectsV2 and ListObjects (v1) of the endpoint's S3: keys in order under a prefix, rolled up into
 * CommonPrefixes at the delimiter, at most `max-keys` (1,000) entries a page, continued from a token (v2) or a
 * marker (v1), with `encoding-type=url` as the AWS CLI and boto3 ask for it
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html).
 * @module
 */
import { MAX_S3_KEYS_PER_REQUEST } from '../../limits.js';
import type { StoredObject } from '../../transport/memory/memory-objects.js';
import { S3_OWNER_XML, type S3Call } from './bucket-operations.js';
import { invalidArgument } from './s3-error.js';
import { quoted, sendXml } from './s3-reply.js';
import { el, xmlDocument } from './s3-xml.js';

interface ListPage {
  contents: [string, StoredObject][];
  prefixes: string[];
  truncated: boolean;
  /** The last key or common prefix of the page: where the next one starts. */
  last?: string;
}

/** One page of `entries` (sorted by key) after `after`, as S3 pages them. */
function page(
  entries: readonly [string, StoredObject][],
  prefix: string,
  delimiter: string,
  after: string,
  maxKeys: number,
): ListPage {
  const result: ListPage = { contents: [], prefixes: [], truncated: false };
  let count = 0;
  for (const entry of entries) {
    const [key] = entry;
    if (key <= after || (delimiter !== '' && after.endsWith(delimiter) && key.startsWith(after))) continue;
    const at = delimiter === '' ? -1 : key.indexOf(delimiter, prefix.length);
    const rolled = at === -1 ? undefined : key.slice(0, at + delimiter.length);
    if (rolled !== undefined && rolled === result.prefixes.at(-1)) continue;
    if (count === maxKeys) {
      result.truncated = maxKeys > 0;
      break;
    }
    count += 1;
    if (rolled === undefined) result.contents.push(entry);
    else result.prefixes.push(rolled);
    result.last = rolled ?? key;
  }
  return result;
}

function maxKeysOf(raw: string | null): number {
  if (raw === null) return MAX_S3_KEYS_PER_REQUEST;
  if (!/^\d{1,10}$/.test(raw)) {
    throw invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', raw);
  }
  return Math.min(Number(raw), MAX_S3_KEYS_PER_REQUEST);
}

const tokenOf = (key: string) => Buffer.from(key, 'utf8').toString('base64');

function keyOfToken(token: string): string {
  if (!/^[A-Za-z0-9+/=_-]*$/.test(token)) {
    throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
  }
  return Buffer.from(token, 'base64').toString('utf8');
}

/** The page's `<Contents>` and `<CommonPrefixes>`, keys encoded as asked. */
function pageXml(result: ListPage, encode: (text: string) => string, owner: boolean): string {
  const contents = result.contents
    .map(
      ([key, object]) =>
        `<Contents>${el('Key', encode(key))}${el('LastModified', object.lastModified.toISOString())}${el('ETag', quoted(object.etag))}${el('Size', object.size)}${owner ? S3_OWNER_XML : ''}${el('StorageClass', 'STANDARD')}</Contents>`,
    )
    .join('');
  const prefixes = result.prefixes.map((p) => `<CommonPrefixes>${el('Prefix', encode(p))}</CommonPrefixes>`).join('');
  return contents + prefixes;
}

interface ListParams {
  prefix: string;
  delimiter: string;
  maxKeys: number;
  encodingType: string | undefined;
  encode: (text: string) => string;
}

function paramsOf(query: URLSearchParams): ListParams {
  const encodingType = query.get('encoding-type') ?? undefined;
  if (encodingType !== undefined && encodingType !== 'url') {
    throw invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', encodingType);
  }
  return {
    prefix: query.get('prefix') ?? '',
    delimiter: query.get('delimiter') ?? '',
    maxKeys: maxKeysOf(query.get('max-keys')),
    encodingType,
    encode: encodingType === 'url' ? encodeURIComponent : (text) => text,
  };
}

function commonXml(bucket: string, p: ListParams): string {
  const delimiter = p.delimiter === '' ? '' : el('Delimiter', p.encode(p.delimiter));
  return `${el('Name', bucket)}${el('Prefix', p.encode(p.prefix))}${delimiter}${el('MaxKeys', p.maxKeys)}${el('EncodingType', p.encodingType)}`;
}

export function listObjectsV2({ s3, target, res }: S3Call): void {
  const { query, bucket } = target;
  const p = paramsOf(query);
  const token = query.get('continuation-token') ?? undefined;
  const startAfter = query.get('start-after') ?? undefined;
  const after = token !== undefined ? keyOfToken(token) : (startAfter ?? '');
  const entries = s3.objects.entries(bucket, p.prefix);
  const result = page(entries, p.prefix, p.delimiter, after, p.maxKeys);
  const next = result.truncated && result.last !== undefined ? tokenOf(result.last) : undefined;
  const inner =
    commonXml(bucket, p) +
    el('KeyCount', result.contents.length + result.prefixes.length) +
    el('IsTruncated', result.truncated) +
    el('ContinuationToken', token) +
    el('NextContinuationToken', next) +
    el('StartAfter', startAfter === undefined ? undefined : p.encode(startAfter)) +
    pageXml(result, p.encode, query.get('fetch-owner') === 'true');
  sendXml(res, xmlDocument('ListBucketResult', inner));
}

export function listObjects({ s3, target, res }: S3Call): void {
  const { query, bucket } = target;
  const p = paramsOf(query);
  const marker = query.get('marker') ?? '';
  const result = page(s3.objects.entries(bucket, p.prefix), p.prefix, p.delimiter, marker, p.maxKeys);
  const next = result.truncated ? result.last : undefined;
  const inner =
    commonXml(bucket, p) +
    el('Marker', p.encode(marker)) +
    el('NextMarker', next === undefined ? undefined : p.encode(next)) +
    el('IsTruncated', result.truncated) +
    pageXml(result, p.encode, true);
  sendXml(res, xmlDocument('ListBucketResult', inner));
}
