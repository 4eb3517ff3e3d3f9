/**
 * The local endpoint's S3 driven by boto3 on its defaults (trailing CRC32 checksums as of 1.36): put_object,
 * upload_file in parts, the list_objects_v2 paginator, get_object (whole and ranged), download_file, errors;
 * skipped when python3 has no boto3.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childAwsEnv, hasBoto3, type S3OverLocal, startS3OverLocal } from './s3-fixture.js';

const run = promisify(execFile);
const script = join(import.meta.dirname, 'fixtures', 'boto3-s3.py');

let local: S3OverLocal;
let dir: string;
beforeAll(async () => {
  local = await startS3OverLocal();
  dir = await mkdtemp(join(tmpdir(), 's3-boto3-'));
});
afterAll(async () => {
  await local?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!hasBoto3)('S3 over the local endpoint: boto3', () => {
  it('runs put, multipart upload, paginated listing, gets and deletes', async () => {
    const { stdout } = await run('python3', [script, local.endpoint.url, dir], { env: childAwsEnv(), timeout: 60_000 });
    const seen = JSON.parse(stdout);
    expect(seen).toMatchObject({
      put_etag: expect.stringMatching(/^"[0-9a-f]{32}"$/),
      big_etag: expect.stringMatching(/^"[0-9a-f]{32}-3"$/),
      keys: ['page/0.csv', 'page/1.csv', 'page/2.csv', 'page/3.csv', 'page/4.csv'],
      pages: 3,
      text: 'USER_ID\nu1\n',
      range: 'USER_ID',
      missing: 'NoSuchKey',
      no_bucket: 'NoSuchBucket',
      left: 0,
    });
    expect(seen.back_md5).toBe(seen.big_md5);
    expect(local.backing.objectText({ bucket: 'boto-bucket', key: 'in/users.csv' })).toBe('USER_ID\nu1\n');
  });
});
