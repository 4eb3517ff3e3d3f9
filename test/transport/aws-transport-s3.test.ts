/**
 * AwsTransport's S3 calls with the real SDK client and lib-storage, against s3rver on 127.0.0.1 (the local
 * Personalize endpoint does not serve S3).
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
import { AwsTransport } from '../../src/transport/aws/aws-transport.js';
import { type RunningS3rver, s3rverCredentials, startS3rver } from '../support/s3rver.js';

const bucket = 'import-data';
// Over the 5 MiB part size, so lib-storage splits it into two parts.
const bigSize = 6 * 1024 * 1024 + 123;

let s3rver: RunningS3rver;
let transport: AwsTransport;
let workDir: string;
let bigFile: string;
let bigBytes: Buffer;

beforeAll(async () => {
  s3rver = await startS3rver([bucket]);
  transport = new AwsTransport({ endpoint: s3rver.url, region: 'us-east-1', credentials: s3rverCredentials });
  workDir = await mkdtemp(join(tmpdir(), 'aws-transport-s3-'));
  bigFile = join(workDir, 'interactions.csv');
  bigBytes = randomBytes(bigSize);
  await writeFile(bigFile, bigBytes);
});

afterAll(async () => {
  transport?.destroy();
  await s3rver?.close();
  if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** A stand-in S3 on 127.0.0.1 for what s3rver cannot do; closed with the returned function. */
async function standIn(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const transport = new AwsTransport({ endpoint: `http://127.0.0.1:${port}`, credentials: s3rverCredentials });
  const close = async () => {
    transport.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return { transport, close };
}

describe('AwsTransport: S3 on s3rver', () => {
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
    // The ETag comes without its quotes (S3 gives a multipart one a `-<parts>` suffix; s3rver does not).
    expect(info.etag).toMatch(/^[0-9a-f]{32}(-2)?$/);
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
    // s3rver cannot paginate ListObjectsV2 on Node 20 (its tokens use DES, which OpenSSL 3 no longer offers), so a
    // stand-in answers three pages of the S3 XML that the real SDK client then parses.
    const pages: Record<string, { keys: string[]; next?: string }> = {
      '': { keys: ['paged/0.csv', 'paged/1.csv'], next: 'token-1' },
      'token-1': { keys: ['paged/2.csv', 'paged/3.csv'], next: 'token-2' },
      'token-2': { keys: ['paged/4.csv'] },
    };
    const tokens: string[] = [];
    const { transport: paged, close } = await standIn((req, res) => {
      const query = new URL(req.url ?? '/', 'http://x').searchParams;
      const token = query.get('continuation-token') ?? '';
      tokens.push(token);
      const page = pages[token] ?? { keys: [] };
      const contents = page.keys
        .map(
          (key) =>
            `<Contents><Key>${key}</Key><ETag>&quot;0cc175b9c0f1b6a831c399e269772661&quot;</ETag><Size>1</Size></Contents>`,
        )
        .join('');
      const next = page.next === undefined ? '' : `<NextContinuationToken>${page.next}</NextContinuationToken>`;
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(
        `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` +
          `<Name>${bucket}</Name><Prefix>${query.get('prefix')}</Prefix><IsTruncated>${page.next !== undefined}</IsTruncated>` +
          `${contents}${next}</ListBucketResult>`,
      );
    });
    try {
      const listed = await paged.listObjects({ bucket, prefix: 'paged/' });
      expect(listed.map((o) => o.key)).toEqual([
        'paged/0.csv',
        'paged/1.csv',
        'paged/2.csv',
        'paged/3.csv',
        'paged/4.csv',
      ]);
      expect(listed[0]).toEqual({ bucket, key: 'paged/0.csv', size: 1, etag: '0cc175b9c0f1b6a831c399e269772661' });
      expect(tokens).toEqual(['', 'token-1', 'token-2']);
    } finally {
      await close();
    }
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
