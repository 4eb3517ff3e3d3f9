/**
 * AwsTransport's S3 calls with the real SDK client (default checksums) and lib-storage, against the local endpoint's
 * S3 on 127.0.0.1, backed by a MemoryTransport; stand-in servers for what a healthy endpoint never does.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AbortedError, NotFoundError, TransientError } from '../../src/errors.js';
import { type LocalEndpoint, startLocalEndpoint } from '../../src/local-endpoint/local-endpoint.js';
import { AwsTransport } from '../../src/transport/aws/aws-transport.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { testCredentials } from './aws-local-fixture.js';

const bucket = 'import-data';
// Over the 5 MiB part size, so lib-storage splits it into two parts.
const bigSize = 6 * 1024 * 1024 + 123;

let backing: MemoryTransport;
let endpoint: LocalEndpoint;
let transport: AwsTransport;
let workDir: string;
let bigFile: string;
let bigBytes: Buffer;

beforeAll(async () => {
  backing = new MemoryTransport();
  backing.createBucket(bucket);
  endpoint = await startLocalEndpoint({ backing });
  transport = new AwsTransport({ endpoint: endpoint.url, region: 'us-east-1', credentials: testCredentials });
  workDir = await mkdtemp(join(tmpdir(), 'aws-transport-s3-'));
  bigFile = join(workDir, 'interactions.csv');
  bigBytes = randomBytes(bigSize);
  await writeFile(bigFile, bigBytes);
});

afterAll(async () => {
  transport?.destroy();
  await endpoint?.close();
  if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** A stand-in S3 on 127.0.0.1 for what the endpoint never does; closed with the returned function. */
async function standIn(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const transport = new AwsTransport({ endpoint: `http://127.0.0.1:${port}`, credentials: testCredentials });
  const close = async () => {
    transport.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return { transport, close };
}

describe('AwsTransport: S3 on the local endpoint', () => {
  it('uploads a file over 5 MB in parts with progress, then heads and streams it back intact', async () => {
    const progress: [number, number | undefined][] = [];
    const info = await transport.uploadObject({
      bucket,
      key: 'big/interactions.csv',
      body: createReadStream(bigFile),
      contentLength: bigSize,
      contentType: 'text/csv',
      onProgress: (loaded, total) => progress.push([loaded, total]),
    });
    expect(info).toMatchObject({ bucket, key: 'big/interactions.csv', size: bigSize });
    // The ETag comes without its quotes, with S3's `-<parts>` suffix of a multipart upload.
    expect(info.etag).toMatch(/^[0-9a-f]{32}-2$/);
    // The bytes reached the backing's S3, where its import jobs read.
    expect(await backing.headObject({ bucket, key: 'big/interactions.csv' })).toEqual(info);
    // lib-storage reports progress once per part: two parts of a 6 MiB file.
    expect(progress).toHaveLength(2);
    expect(progress.at(-1)).toEqual([bigSize, bigSize]);
    const loaded = progress.map(([l]) => l);
    expect(Math.max(...loaded)).toBe(bigSize);

    expect(await transport.headObject({ bucket, key: 'big/interactions.csv' })).toEqual(info);
    const body = await readAll(await transport.getObject({ bucket, key: 'big/interactions.csv' }));
    expect(body.length).toBe(bigSize);
    expect(sha256(body)).toBe(sha256(bigBytes));
  });

  it('uploads a small string body in one request and lists objects under a prefix only', async () => {
    for (const key of ['exports/a.csv', 'exports/b.csv', 'exports-old/c.csv', 'other/d.csv']) {
      await transport.uploadObject({ bucket, key, body: `USER_ID\n${key}\n` });
    }
    const listed = await transport.listObjects({ bucket, prefix: 'exports/' });
    expect(listed.map((o) => o.key)).toEqual(['exports/a.csv', 'exports/b.csv']);
    expect(listed[0]).toMatchObject({
      bucket,
      size: 'USER_ID\nexports/a.csv\n'.length,
      etag: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
  });

  it('follows continuation tokens through every page of a listing', async () => {
    // 2,500 keys: pages of 1,000, 1,000 and 500.
    const keys = Array.from({ length: 2500 }, (_, i) => `paged/${String(i).padStart(4, '0')}.csv`);
    for (const key of keys) backing.putObject({ bucket, key }, 'a');
    const before = endpoint.stats().byCall['s3.ListObjectsV2']?.requests ?? 0;
    const listed = await transport.listObjects({ bucket, prefix: 'paged/' });
    expect(listed.map((o) => o.key)).toEqual(keys);
    expect(listed[0]).toEqual({ bucket, key: 'paged/0000.csv', size: 1, etag: '0cc175b9c0f1b6a831c399e269772661' });
    expect((endpoint.stats().byCall['s3.ListObjectsV2']?.requests ?? 0) - before).toBe(3);
  });

  it('fails a body cut off mid-stream with TransientError', async () => {
    const { transport: cut, close } = await standIn((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': '1000' });
      res.write('USER_ID\nu1\n');
      setImmediate(() => res.destroy());
    });
    try {
      const stream = await cut.getObject({ bucket, key: 'cut.csv' });
      await expect(readAll(stream)).rejects.toThrow(TransientError);
    } finally {
      await close();
    }
  });

  it('destroys a body still streaming with AbortedError when the signal fires', async () => {
    await transport.uploadObject({ bucket, key: 'abort/read.csv', body: randomBytes(256 * 1024) });
    const controller = new AbortController();
    const stream = await transport.getObject({ bucket, key: 'abort/read.csv' }, { signal: controller.signal });
    controller.abort();
    await expect(readAll(stream)).rejects.toThrow(AbortedError);
  });

  it('maps a missing key or bucket to NotFoundError', async () => {
    await expect(transport.headObject({ bucket, key: 'missing.csv' })).rejects.toThrow(NotFoundError);
    await expect(transport.getObject({ bucket, key: 'missing.csv' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      serviceErrorName: 'NoSuchKey',
      statusCode: 404,
    });
    await expect(transport.listObjects({ bucket: 'no-such-bucket', prefix: '' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      serviceErrorName: 'NoSuchBucket',
    });
  });

  it('aborts an upload in flight with AbortedError, leaving no object', async () => {
    const controller = new AbortController();
    const upload = transport.uploadObject(
      {
        bucket,
        key: 'aborted/interactions.csv',
        body: createReadStream(bigFile),
        contentLength: bigSize,
        onProgress: () => controller.abort(),
      },
      { signal: controller.signal },
    );
    await expect(upload).rejects.toThrow(AbortedError);
    await expect(transport.headObject({ bucket, key: 'aborted/interactions.csv' })).rejects.toThrow(NotFoundError);
  });

  it('refuses to start with a signal that has already aborted', async () => {
    const signal = AbortSignal.abort();
    await expect(transport.uploadObject({ bucket, key: 'never.csv', body: 'x' }, { signal })).rejects.toThrow(
      AbortedError,
    );
    await expect(transport.headObject({ bucket, key: 'never.csv' })).rejects.toThrow(NotFoundError);
  });
});
