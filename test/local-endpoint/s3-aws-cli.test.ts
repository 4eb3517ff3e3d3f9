/**
 * The local endpoint's S3 driven by the AWS CLI v1 on its defaults (`aws --endpoint-url URL s3 …` and `s3api …`),
 * as a user would; skipped when `aws` is not installed.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childAwsEnv, hasAwsCli, type S3OverLocal, startS3OverLocal } from './s3-fixture.js';

const run = promisify(execFile);

let local: S3OverLocal;
let dir: string;
beforeAll(async () => {
  local = await startS3OverLocal();
  dir = await mkdtemp(join(tmpdir(), 's3-aws-cli-'));
});
afterAll(async () => {
  await local?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

async function aws(...args: string[]): Promise<string> {
  const { stdout } = await run('aws', ['--endpoint-url', local.endpoint.url, ...args], {
    env: childAwsEnv(),
    timeout: 60_000,
  });
  return stdout;
}

const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');

describe.skipIf(!hasAwsCli)('S3 over the local endpoint: the AWS CLI', () => {
  it('s3 mb, cp up (multipart over 8 MB) and down, ls, rm', async () => {
    await aws('s3', 'mb', 's3://cli-bucket');
    const small = join(dir, 'users.csv');
    await writeFile(small, 'USER_ID\nu1\nu2\n');
    const big = join(dir, 'big.bin');
    const bigBytes = randomBytes(9 * 1024 * 1024 + 5);
    await writeFile(big, bigBytes);
    await aws('s3', 'cp', small, 's3://cli-bucket/in/users.csv');
    await aws('s3', 'cp', big, 's3://cli-bucket/in/big.bin');
    expect(local.backing.objectText({ bucket: 'cli-bucket', key: 'in/users.csv' })).toBe('USER_ID\nu1\nu2\n');
    const head = JSON.parse(await aws('s3api', 'head-object', '--bucket', 'cli-bucket', '--key', 'in/big.bin'));
    // The CLI splits a file over 8 MB into parts: S3's multipart ETag.
    expect(head).toMatchObject({ ContentLength: bigBytes.length, ETag: expect.stringMatching(/^"[0-9a-f]{32}-2"$/) });

    const listed = await aws('s3', 'ls', 's3://cli-bucket/in/');
    expect(listed).toMatch(/\s14 users\.csv/);
    expect(listed).toMatch(new RegExp(`\\s${bigBytes.length} big\\.bin`));

    const back = join(dir, 'back.bin');
    await aws('s3', 'cp', 's3://cli-bucket/in/big.bin', back);
    expect(md5(await readFile(back))).toBe(md5(bigBytes));

    // rm --recursive lists the prefix, then deletes every key (DeleteObjects).
    await aws('s3', 'rm', '--recursive', 's3://cli-bucket/in/');
    expect(await local.backing.listObjects({ bucket: 'cli-bucket', prefix: '' })).toEqual([]);
  });

  it('s3api put-object, get-object with a range, list-objects-v2 paginated, and the errors it reports', async () => {
    await aws('s3api', 'create-bucket', '--bucket', 'cli-api');
    const file = join(dir, 'digits.txt');
    await writeFile(file, '0123456789');
    for (const key of ['p/a', 'p/b', 'p/c']) {
      await aws('s3api', 'put-object', '--bucket', 'cli-api', '--key', key, '--body', file);
    }
    const out = join(dir, 'part.txt');
    await aws('s3api', 'get-object', '--bucket', 'cli-api', '--key', 'p/b', '--range', 'bytes=3-5', out);
    expect(await readFile(out, 'utf8')).toBe('345');
    // --page-size makes the CLI follow continuation tokens.
    const listed = JSON.parse(
      await aws('s3api', 'list-objects-v2', '--bucket', 'cli-api', '--prefix', 'p/', '--page-size', '1'),
    );
    expect(listed.Contents.map((o: { Key: string }) => o.Key)).toEqual(['p/a', 'p/b', 'p/c']);
    await expect(aws('s3api', 'get-object', '--bucket', 'cli-api', '--key', 'none', out)).rejects.toMatchObject({
      stderr: expect.stringMatching(/NoSuchKey/),
    });
    await expect(aws('s3', 'ls', 's3://no-such-bucket')).rejects.toMatchObject({
      stderr: expect.stringMatching(/NoSuchBucket/),
    });
  });
});
