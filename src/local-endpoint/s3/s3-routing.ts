/**
 * Which requests are S3's, and which S3 operation a request is. S3 and Personalize share the endpoint's port: a
 * request signed for the service `s3` (its SigV4 credential scope, in the `Authorization` header or a presigned
 * URL's `X-Amz-Credential`) is S3's, one signed for another service is not. An unsigned request is Personalize's
 * when it has an `x-amz-target` (the control plane) or is a POST to one of the five Events paths without a query
 * (or with a JSON body); everything else is S3's, so a bucket named `events` still works (`POST /events?delete`).
 * @module
 */
import type { IncomingMessage } from 'node:http';
import { EVENTS_ROUTES } from '../events-routes.js';
import { notImplemented, S3Error } from './s3-error.js';

/** The SigV4 credential scope of a request (`[key, date, region, service, 'aws4_request']`), when it is signed. */
function credentialScope(req: IncomingMessage): string[] | undefined {
  const authorization = req.headers.authorization;
  const credential =
    typeof authorization === 'string'
      ? /Credential=([^,\s]+)/.exec(authorization)?.[1]
      : /[?&]X-Amz-Credential=([^&]+)/i.exec(req.url ?? '')?.[1];
  if (credential === undefined) return undefined;
  // <access key>/<date>/<region>/<service>/aws4_request
  const scope = decodeURIComponentOrRaw(credential).split('/');
  return scope.length >= 5 ? scope.slice(-5) : undefined;
}

/** The SigV4 service a request is signed for, or `undefined` when it is not signed. */
function signingService(req: IncomingMessage): string | undefined {
  return credentialScope(req)?.[3];
}

/** The region a request is signed for; `us-east-1` when it is not signed. */
export function signingRegion(req: IncomingMessage): string {
  const region = credentialScope(req)?.[2];
  return region !== undefined && /^[a-z0-9-]{1,40}$/.test(region) ? region : 'us-east-1';
}

function decodeURIComponentOrRaw(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Whether the endpoint answers `req` as S3. */
export function isS3Request(req: IncomingMessage): boolean {
  const service = signingService(req);
  if (service !== undefined) return service === 's3';
  if (req.headers['x-amz-target'] !== undefined) return false;
  const url = req.url ?? '/';
  const mark = url.indexOf('?');
  const path = mark === -1 ? url : url.slice(0, mark);
  if (req.method !== 'POST' || !EVENTS_ROUTES.has(path)) return true;
  // S3's POSTs to a bucket name a sub-resource (`?delete`, `?uploads`); an Events call has no query, and is JSON.
  return mark !== -1 && !/^application\/json\b/i.test(req.headers['content-type'] ?? '');
}

/** The S3 operations the endpoint serves. */
export type S3Operation =
  | 'ListBuckets'
  | 'CreateBucket'
  | 'HeadBucket'
  | 'DeleteBucket'
  | 'GetBucketLocation'
  | 'ListObjects'
  | 'ListObjectsV2'
  | 'DeleteObjects'
  | 'PutObject'
  | 'GetObject'
  | 'HeadObject'
  | 'DeleteObject'
  | 'CreateMultipartUpload'
  | 'UploadPart'
  | 'CompleteMultipartUpload'
  | 'AbortMultipartUpload';

/** A request's S3 address: bucket, key and query, path style. */
export interface S3Target {
  readonly operation: S3Operation;
  readonly bucket: string;
  readonly key: string;
  readonly query: URLSearchParams;
  /** `/bucket/key`, as error replies name it. */
  readonly resource: string;
}

// Query parameters that name another operation on the same path (S3's sub-resources).
const SUBRESOURCES = new Set([
  'accelerate',
  'acl',
  'analytics',
  'attributes',
  'cors',
  'delete',
  'encryption',
  'intelligent-tiering',
  'inventory',
  'legal-hold',
  'lifecycle',
  'list-type',
  'location',
  'logging',
  'metadataConfiguration',
  'metrics',
  'notification',
  'object-lock',
  'ownershipControls',
  'partNumber',
  'policy',
  'policyStatus',
  'publicAccessBlock',
  'renameObject',
  'replication',
  'requestPayment',
  'restore',
  'retention',
  'select',
  'session',
  'tagging',
  'torrent',
  'uploadId',
  'uploads',
  'versioning',
  'versions',
  'website',
]);

function decodePath(path: string): { bucket: string; key: string } {
  const rest = path.replace(/^\/+/, '');
  const slash = rest.indexOf('/');
  try {
    const bucket = decodeURIComponent(slash === -1 ? rest : rest.slice(0, slash));
    const key = slash === -1 ? '' : decodeURIComponent(rest.slice(slash + 1));
    return { bucket, key };
  } catch {
    throw new S3Error('InvalidURI', 400, `Couldn't parse the specified URI: ${path.slice(0, 200)}`);
  }
}

function operationOf(
  method: string,
  bucket: string,
  key: string,
  has: (name: string) => boolean,
  req: IncomingMessage,
) {
  const copy = req.headers['x-amz-copy-source'] !== undefined;
  if (bucket === '') return method === 'GET' ? 'ListBuckets' : undefined;
  if (key === '') {
    if (method === 'PUT') return has('') ? undefined : 'CreateBucket';
    if (method === 'HEAD') return 'HeadBucket';
    if (method === 'DELETE') return has('') ? undefined : 'DeleteBucket';
    if (method === 'POST') return has('delete') ? 'DeleteObjects' : undefined;
    if (method !== 'GET') return undefined;
    if (has('location')) return 'GetBucketLocation';
    if (has('list-type')) return 'ListObjectsV2';
    return has('') ? undefined : 'ListObjects';
  }
  if (method === 'PUT') {
    if (has('partNumber') && has('uploadId')) return copy ? undefined : 'UploadPart';
    return has('') || copy ? undefined : 'PutObject';
  }
  if (method === 'GET') return has('') ? undefined : 'GetObject';
  if (method === 'HEAD') return 'HeadObject';
  if (method === 'DELETE') return has('uploadId') ? 'AbortMultipartUpload' : has('') ? undefined : 'DeleteObject';
  if (method === 'POST') {
    if (has('uploads')) return 'CreateMultipartUpload';
    if (has('uploadId')) return 'CompleteMultipartUpload';
  }
  return undefined;
}

/** The operation and address of an S3 request; `NotImplemented` for the operations the endpoint does not serve. */
export function s3TargetOf(req: IncomingMessage): S3Target {
  const url = req.url ?? '/';
  const mark = url.indexOf('?');
  const path = mark === -1 ? url : url.slice(0, mark);
  const query = new URLSearchParams(mark === -1 ? '' : url.slice(mark + 1));
  const { bucket, key } = decodePath(path);
  const resource = `/${bucket}${key === '' ? '' : `/${key}`}`;
  const present = [...query.keys()];
  // has('') is whether any sub-resource is present; has(name) whether that one is.
  const has = (name: string) => (name === '' ? present.some((q) => SUBRESOURCES.has(q)) : query.has(name));
  const operation = operationOf(req.method ?? 'GET', bucket, key, has, req);
  if (operation === undefined) {
    const sub = present.find((q) => SUBRESOURCES.has(q));
    const what =
      req.headers['x-amz-copy-source'] !== undefined
        ? 'copying (x-amz-copy-source)'
        : `${req.method} ${sub === undefined ? resource : `?${sub}`}`;
    throw notImplemented(what);
  }
  return { operation, bucket, key, query, resource };
}
