/**
 * The S3 objects an import job of `MemoryTransport` reads: one object, or the CSV objects of a folder
 * (`dataLocation` ending in `/`), and the failure the job reports when its source cannot be read.
 * @module
 */
import type { ObjectLocation } from '../transport.js';
import type { MemoryObjects } from './memory-objects.js';

/** An import's failure: its message is the `failureReason` the job reports. */
export class ImportFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFailure';
  }
}

/** `s3://bucket/key`, as failure reasons name a file. */
export function s3Uri(location: ObjectLocation): string {
  return `s3://${location.bucket}/${location.key}`;
}

/** Whether `key` is directly in the folder `prefix` (not in one of its sub-folders). */
function directlyIn(prefix: string, key: string): boolean {
  return !key.slice(prefix.length).includes('/');
}

/**
 * The objects of `dataLocation`, in key order: the object it names, or every `.csv` object under the folder it names
 * (those of sub-folders only with `subfolders`).
 * @throws ImportFailure when the location is not an `s3://` URL, the bucket does not exist or the folder holds no CSV.
 */
export function sourceObjects(objects: MemoryObjects, dataLocation: string, subfolders: boolean): ObjectLocation[] {
  const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(dataLocation);
  if (match === null) {
    throw new ImportFailure(`Cannot read ${dataLocation}: only s3:// locations of a bucket and a key are supported.`);
  }
  const [, bucket = '', key = ''] = match;
  if (!objects.hasBucket(bucket)) throw new ImportFailure(`Input bucket ${bucket} does not exist or is not readable.`);
  if (key !== '' && !key.endsWith('/')) return [{ bucket, key }];
  const found = objects
    .list(bucket, key)
    .filter((info) => info.key.toLowerCase().endsWith('.csv'))
    .filter((info) => subfolders || directlyIn(key, info.key))
    .map((info) => ({ bucket, key: info.key }));
  if (found.length === 0) throw new ImportFailure(`No CSV files found in ${dataLocation}.`);
  return found;
}
