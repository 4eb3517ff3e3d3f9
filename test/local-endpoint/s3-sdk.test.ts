/**
 * The local endpoint's S3 driven by a plain `S3Client` on its default settings (default checksums: aws-chunked
 * bodies with trailing CRC32, checksum validation of GetObject) and lib-storage's multipart `Upload`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  NoSuchBucket,
  NoSuchKey,
  NoSuchUpload,
  NotFound,
  PutObjectCommand,
  paginateListObjectsV2,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type S3OverLocal, startS3OverLocal } from './s3-fixture.js';

let local: S3OverLocal;
beforeAll(async () => {
  local = await startS3OverLocal();
  await local.s3.send(new CreateBucketCommand({ Bucket: 'data' }));
});
afterAll(async () => {
  await local?.close();
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('S3 over the local endpoint: a default S3Client', () => {
  it('creates, heads and lists buckets; a second CreateBucket is BucketAlreadyOwnedByYou', async () => {
    const { s3 } = local;
    await s3.send(new CreateBucketCommand({ Bucket: 'other-bucket' }));
    await s3.send(new HeadBucketCommand({ Bucket: 'other-bucket' }));
    const listed = await s3.send(new ListBucketsCommand({}));
    expect(listed.Buckets?.map((b) => b.Name)).toEqual(expect.arrayContaining(['data', 'other-bucket']));
    expect(listed.Buckets?.[0]?.CreationDate).toBeInstanceOf(Date);
    await expect(s3.send(new CreateBucketCommand({ Bucket: 'other-bucket' }))).rejects.toMatchObject({
      name: 'BucketAlreadyOwnedByYou',
      $metadata: { httpStatusCode: 409 },
    });
    await expect(s3.send(new HeadBucketCommand({ Bucket: 'no-such-bucket' }))).rejects.toBeInstanceOf(NotFound);
  });

  it('puts an object with the default checksum (aws-chunked, trailing CRC32) and reads the same bytes back', async () => {
    const { s3, backing } = local;
    const put = await s3.send(
      new PutObjectCommand({ Bucket: 'data', Key: 'in/users.csv', Body: 'USER_ID\nu1\n', ContentType: 'text/csv' }),
    );
    expect(put.ETag).toBe(`"${createHash('md5').update('USER_ID\nu1\n').digest('hex')}"`);
    // The bytes stored are the object's, not its aws-chunked framing.
    expect(backing.objectText({ bucket: 'data', key: 'in/users.csv' })).toBe('USER_ID\nu1\n');
    const got = await s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'in/users.csv' }));
    expect(await got.Body?.transformToString()).toBe('USER_ID\nu1\n');
    expect(got.ContentType).toBe('text/csv');
    expect(got.ContentLength).toBe(11);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'data', Key: 'in/users.csv' }));
    expect(head).toMatchObject({ ContentLength: 11, ETag: put.ETag });
    expect(head.LastModified).toBeInstanceOf(Date);
  });

  it('answers the stored checksum to a GetObject in checksum mode, which the SDK validates', async () => {
    const { s3 } = local;
    const body = randomBytes(100_000);
    const put = await s3.send(new PutObjectCommand({ Bucket: 'data', Key: 'sum.bin', Body: body }));
    expect(put.ChecksumCRC32).toMatch(/^[A-Za-z0-9+/]{6}==$/);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'sum.bin', ChecksumMode: 'ENABLED' }));
    expect(got.ChecksumCRC32).toBe(put.ChecksumCRC32);
    expect(sha256(await (got.Body?.transformToByteArray() ?? Promise.resolve(new Uint8Array())))).toBe(sha256(body));
  });

  it('accepts a streamed body (aws-chunked, trailing checksum) of every algorithm the SDK offers, and validates it back', async () => {
    const { s3, backing } = local;
    const body = Buffer.from(randomBytes(150_000).toString('hex'));
    for (const ChecksumAlgorithm of ['CRC32', 'CRC32C', 'SHA1', 'SHA256', 'CRC64NVME'] as const) {
      const Key = `algo/${ChecksumAlgorithm}`;
      // A stream of known length: the SDK frames it aws-chunked with the checksum as a trailer.
      const stream = Readable.from([body.subarray(0, 100_000), body.subarray(100_000)]);
      await s3.send(
        new PutObjectCommand({ Bucket: 'data', Key, Body: stream, ContentLength: body.length, ChecksumAlgorithm }),
      );
      // The object is the body, not its framing.
      expect(backing.objectText({ bucket: 'data', key: Key })).toBe(body.toString());
      const got = await s3.send(new GetObjectCommand({ Bucket: 'data', Key, ChecksumMode: 'ENABLED' }));
      expect(sha256(await (got.Body?.transformToByteArray() ?? Promise.resolve(new Uint8Array())))).toBe(sha256(body));
    }
  });

  it('reads a Range: bytes a-b, a-, and -n; past the end is InvalidRange (416)', async () => {
    const { s3 } = local;
    await s3.send(new PutObjectCommand({ Bucket: 'data', Key: 'range.txt', Body: '0123456789' }));
    const read = async (Range: string) => {
      const out = await s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'range.txt', Range }));
      return { text: await out.Body?.transformToString(), range: out.ContentRange, length: out.ContentLength };
    };
    expect(await read('bytes=2-5')).toEqual({ text: '2345', range: 'bytes 2-5/10', length: 4 });
    expect(await read('bytes=7-')).toEqual({ text: '789', range: 'bytes 7-9/10', length: 3 });
    expect(await read('bytes=-3')).toEqual({ text: '789', range: 'bytes 7-9/10', length: 3 });
    expect(await read('bytes=8-100')).toEqual({ text: '89', range: 'bytes 8-9/10', length: 2 });
    await expect(read('bytes=10-')).rejects.toMatchObject({ name: 'InvalidRange', $metadata: { httpStatusCode: 416 } });
  });

  it('uploads a >5 MiB body in parts with lib-storage Upload; the object reads back byte-identical', async () => {
    const { s3, backing } = local;
    const body = randomBytes(11 * 1024 * 1024 + 17);
    const upload = new Upload({ client: s3, params: { Bucket: 'data', Key: 'big/interactions.csv', Body: body } });
    const parts: number[] = [];
    upload.on('httpUploadProgress', (p) => parts.push(p.part ?? 0));
    const done = await upload.done();
    expect(done.ETag).toMatch(/^"[0-9a-f]{32}-3"$/);
    expect(new Set(parts).size).toBe(3);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'big/interactions.csv' }));
    const bytes = await got.Body?.transformToByteArray();
    expect(bytes?.length).toBe(body.length);
    expect(sha256(bytes ?? new Uint8Array())).toBe(sha256(body));
    expect(backing.objectText({ bucket: 'data', key: 'big/interactions.csv' }).length).toBeGreaterThan(0);
  });

  it('runs the multipart calls one by one; Complete checks part order, ETags and sizes', async () => {
    const { s3 } = local;
    const Bucket = 'data';
    const Key = 'mpu/one.bin';
    const first = randomBytes(5 * 1024 * 1024);
    const last = randomBytes(1000);
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key }));
    expect(UploadId).toBeTruthy();
    const p1 = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: first }));
    const p2 = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 2, Body: last }));
    const complete = (Parts: { PartNumber: number; ETag?: string | undefined }[]) =>
      s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts } }));
    await expect(
      complete([
        { PartNumber: 2, ETag: p2.ETag },
        { PartNumber: 1, ETag: p1.ETag },
      ]),
    ).rejects.toMatchObject({ name: 'InvalidPartOrder' });
    await expect(
      complete([
        { PartNumber: 1, ETag: '"00000000000000000000000000000000"' },
        { PartNumber: 2, ETag: p2.ETag },
      ]),
    ).rejects.toMatchObject({ name: 'InvalidPart' });
    await expect(
      complete([
        { PartNumber: 2, ETag: p2.ETag },
        { PartNumber: 3, ETag: p2.ETag },
      ]),
    ).rejects.toMatchObject({ name: 'InvalidPart' });
    const done = await complete([
      { PartNumber: 1, ETag: p1.ETag },
      { PartNumber: 2, ETag: p2.ETag },
    ]);
    expect(done.ETag).toMatch(/-2"$/);
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key }));
    expect(head.ContentLength).toBe(first.length + last.length);
    // The upload has ended: another Complete or a part is NoSuchUpload.
    await expect(complete([{ PartNumber: 1, ETag: p1.ETag }])).rejects.toBeInstanceOf(NoSuchUpload);
  });

  it('refuses a part under 5 MiB that is not the last (EntityTooSmall) and part numbers outside 1..10,000', async () => {
    const { s3 } = local;
    const Bucket = 'data';
    const Key = 'mpu/small.bin';
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key }));
    const p1 = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: 'small' }));
    const p2 = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 2, Body: 'end' }));
    await expect(
      s3.send(
        new CompleteMultipartUploadCommand({
          Bucket,
          Key,
          UploadId,
          MultipartUpload: {
            Parts: [
              { PartNumber: 1, ETag: p1.ETag },
              { PartNumber: 2, ETag: p2.ETag },
            ],
          },
        }),
      ),
    ).rejects.toMatchObject({ name: 'EntityTooSmall', $metadata: { httpStatusCode: 400 } });
    for (const PartNumber of [0, 10_001]) {
      await expect(
        s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber, Body: 'x' })),
      ).rejects.toMatchObject({ name: 'InvalidArgument', $metadata: { httpStatusCode: 400 } });
    }
    await s3.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId }));
    await expect(s3.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId }))).rejects.toBeInstanceOf(
      NoSuchUpload,
    );
    await expect(s3.send(new HeadObjectCommand({ Bucket, Key }))).rejects.toBeInstanceOf(NotFound);
  });

  it('lists with prefix, delimiter (CommonPrefixes), max-keys and continuation tokens', async () => {
    const { s3 } = local;
    await s3.send(new CreateBucketCommand({ Bucket: 'listing' }));
    const keys = ['a.csv', 'dir/1.csv', 'dir/2.csv', 'dir/sub/3.csv', 'other/4.csv', 'z.csv'];
    for (const Key of keys) await s3.send(new PutObjectCommand({ Bucket: 'listing', Key, Body: Key }));
    const top = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Delimiter: '/' }));
    expect(top.Contents?.map((o) => o.Key)).toEqual(['a.csv', 'z.csv']);
    expect(top.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['dir/', 'other/']);
    expect(top.KeyCount).toBe(4);
    const dir = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Prefix: 'dir/', Delimiter: '/' }));
    expect(dir.Contents?.map((o) => o.Key)).toEqual(['dir/1.csv', 'dir/2.csv']);
    expect(dir.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['dir/sub/']);
    expect(dir.Contents?.[0]).toMatchObject({ Size: 9, StorageClass: 'STANDARD' });

    const pages: string[][] = [];
    for await (const page of paginateListObjectsV2({ client: s3, pageSize: 2 }, { Bucket: 'listing' })) {
      pages.push((page.Contents ?? []).map((o) => o.Key ?? ''));
    }
    expect(pages).toEqual([keys.slice(0, 2), keys.slice(2, 4), keys.slice(4, 6)]);
    // Pages of a delimited listing count common prefixes too, and a prefix is never split over two pages.
    const delimited: string[] = [];
    for await (const page of paginateListObjectsV2(
      { client: s3, pageSize: 1 },
      { Bucket: 'listing', Delimiter: '/' },
    )) {
      delimited.push(
        ...(page.Contents ?? []).map((o) => o.Key ?? ''),
        ...(page.CommonPrefixes ?? []).map((p) => p.Prefix ?? ''),
      );
    }
    expect(delimited).toEqual(['a.csv', 'dir/', 'other/', 'z.csv']);
    await expect(s3.send(new ListObjectsV2Command({ Bucket: 'no-such-bucket' }))).rejects.toBeInstanceOf(NoSuchBucket);
  });

  it('deletes one object and many; a missing key is NoSuchKey, a missing bucket NoSuchBucket', async () => {
    const { s3 } = local;
    for (const Key of ['del/1', 'del/2', 'del/3'])
      await s3.send(new PutObjectCommand({ Bucket: 'data', Key, Body: 'x' }));
    await s3.send(new DeleteObjectCommand({ Bucket: 'data', Key: 'del/1' }));
    const many = await s3.send(
      new DeleteObjectsCommand({
        Bucket: 'data',
        Delete: { Objects: [{ Key: 'del/2' }, { Key: 'del/3' }, { Key: 'del/none' }] },
      }),
    );
    expect(many.Deleted?.map((d) => d.Key)).toEqual(['del/2', 'del/3', 'del/none']);
    const left = await s3.send(new ListObjectsV2Command({ Bucket: 'data', Prefix: 'del/' }));
    expect(left.KeyCount).toBe(0);
    await expect(s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'del/1' }))).rejects.toBeInstanceOf(NoSuchKey);
    await expect(
      s3.send(new PutObjectCommand({ Bucket: 'no-such-bucket', Key: 'k', Body: 'x' })),
    ).rejects.toBeInstanceOf(NoSuchBucket);
    const error = await s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'del/1' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S3ServiceException);
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 404 }, message: 'The specified key does not exist.' });
  });
});
