/**
 * Job names derived from what is imported, so that running the same import twice finds the first job.
 * @module
 */
import { createHash } from 'node:crypto';
import { JOB_NAME_PATTERN, MAX_JOB_NAME_LENGTH } from '../limits.js';
import type { ImportMode } from '../transport/transport.js';
import { expectString } from '../util/expect.js';

/** What makes two imports "the same": the dataset, the mode and the content. */
export interface JobNameInput {
  /** ARN of the target dataset; the readable start of the name comes from its resource part (group and type). */
  datasetArn: string;
  /** `FULL` or `INCREMENTAL`: the same content imported in the other mode gets another name (`-full-` or `-incr-`). */
  importMode: ImportMode;
  /**
   * A stable identity of the content: `sha256:<hex>` of a local file, or the S3 location with the ETag and version
   * of every object read.
   */
  contentId: string;
}

// The readable part keeps names recognisable in the console; the hash makes them unique. 30 + 1 + 4 + 1 + 24 = 60.
const READABLE_MAX = 30;
const HASH_HEX_CHARS = 24;

/**
 * A name like `my-group-INTERACTIONS-full-1f3a…` (at most 63 characters, matching the service's pattern): the
 * dataset's name from its ARN, the mode, and 96 bits of a SHA-256 of the dataset ARN, the mode and the content id.
 */
export function deriveJobName(input: JobNameInput): string {
  const hash = createHash('sha256')
    .update(`${input.datasetArn}\n${input.importMode}\n${input.contentId}`)
    .digest('hex')
    .slice(0, HASH_HEX_CHARS);
  const mode = input.importMode === 'FULL' ? 'full' : 'incr';
  const name = `${readablePart(input.datasetArn)}-${mode}-${hash}`;
  return name;
}

/** Throws `InvalidOptionsError` when `name` is not a valid job name. */
export function checkJobName(name: unknown): asserts name is string {
  expectString('jobName', name, {
    maxLength: MAX_JOB_NAME_LENGTH,
    pattern: JOB_NAME_PATTERN,
    what: "a job name of letters, digits, '-' and '_', starting with a letter or digit",
  });
}

function readablePart(datasetArn: string): string {
  // `arn:aws:personalize:region:account:dataset/<group>/<TYPE>`: keep what follows `dataset/`.
  const resource = datasetArn
    .split(':')
    .slice(5)
    .join(':')
    .replace(/^dataset\//, '');
  const cleaned = resource
    .replace(/[^a-zA-Z0-9_-]+/g, '-')
    .slice(-READABLE_MAX)
    .replace(/^[-_]+/, '')
    .replace(/[-_]+$/, '');
  return cleaned === '' ? 'import' : cleaned;
}
