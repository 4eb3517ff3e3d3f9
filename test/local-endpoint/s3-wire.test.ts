/**
 * The local endpoint's S3 at the HTTP level: aws-chunked framing (signed and unsigned), checksums that do not match,
 * bodies over S3's limits refused before they are sent, requests that do not parse, and how S3 is told from the
 * Personalize APIs on the same port.
 */
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { crc32 } from 'node:zlib';
import {
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalEndpoint } from '../../src/local-endpoint/local-endpoint.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import type { Transport } from '../../src/transport/transport.js';
import { setUpShop } from '../transport/memory-fixtures.js';
import { type S3OverLocal, startS3OverLocal } from './s3-fixture.js';

let local: S3OverLocal | undefined;
afterEach(async () => {
  await local?.close();
  local = undefined;
});

async function start() {
  local = await startS3OverLocal();
  local.backing.createBucket('data');
  return local;
}

const S3_AUTH =
  'AWS4-HMAC-SHA256 Credential=AKIDLOCAL/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00';

interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Whether the body was asked for (`100 Continue`) before the reply. */
  continued: boolean;
}

/** One request with these headers (signed for S3 unless `authorization` is given); with `expect: 100-continue` the body is sent only when asked for. */
function raw(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string | Buffer = '',
): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    let continued = false;
    // An empty header value leaves the header out (`authorization: ''`: an unsigned request).
    const sent = Object.fromEntries(Object.entries({ authorization: S3_AUTH, ...headers }).filter(([, v]) => v !== ''));
    const req = request(`${url}${path}`, { method, headers: sent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString(),
          continued,
        }),
      );
    });
    req.on('error', reject);
    if (headers.expect === '100-continue') {
      req.on('continue', () => {
        continued = true;
        req.end(body);
      });
      req.flushHeaders();
    } else {
      req.end(body);
    }
  });
}

const codeOf = (reply: RawReply) => /<Code>([^<]*)<\/Code>/.exec(reply.text)?.[1];
const crc32Of = (text: string) => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(Buffer.from(text)));
  return out.toString('base64');
};

describe('S3 wire: aws-chunked bodies and checksums', () => {
  it('decodes an unsigned aws-chunked body with a trailing CRC32, and refuses one whose trailer does not match', async () => {
    const { endpoint, backing } = await start();
    const frame = (trailer: string) => `5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:${trailer}\r\n\r\n`;
    const headers = {
      'content-encoding': 'aws-chunked',
      'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      'x-amz-decoded-content-length': '11',
      'x-amz-trailer': 'x-amz-checksum-crc32',
    };
    const ok = await raw(endpoint.url, 'PUT', '/data/chunked.txt', headers, frame(crc32Of('hello world')));
    expect(ok.status).toBe(200);
    expect(ok.headers['x-amz-checksum-crc32']).toBe(crc32Of('hello world'));
    expect(backing.objectText({ bucket: 'data', key: 'chunked.txt' })).toBe('hello world');

    const bad = await raw(endpoint.url, 'PUT', '/data/corrupt.txt', headers, frame(crc32Of('hello there')));
    expect({ status: bad.status, code: codeOf(bad) }).toEqual({ status: 400, code: 'BadDigest' });
    expect(() => backing.objectText({ bucket: 'data', key: 'corrupt.txt' })).toThrow(/does not exist/);
  });

  it('decodes signed chunks (STREAMING-AWS4-HMAC-SHA256-PAYLOAD), signatures and all', async () => {
    const { endpoint, backing } = await start();
    const sig = 'a'.repeat(64);
    const body = `4;chunk-signature=${sig}\r\nabcd\r\n2;chunk-signature=${sig}\r\nef\r\n0;chunk-signature=${sig}\r\n\r\n`;
    const reply = await raw(
      endpoint.url,
      'PUT',
      '/data/signed.txt',
      {
        'content-encoding': 'aws-chunked',
        'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
        'x-amz-decoded-content-length': '6',
      },
      body,
    );
    expect(reply.status).toBe(200);
    expect(backing.objectText({ bucket: 'data', key: 'signed.txt' })).toBe('abcdef');
  });

  it('refuses framing it cannot read, a body shorter than declared, and wrong digests, storing nothing', async () => {
    const { endpoint, backing } = await start();
    const chunked = { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '5' };
    const cases: [Record<string, string>, string, string][] = [
      [chunked, 'zz\r\nhello\r\n0\r\n\r\n', 'InvalidRequest'],
      [chunked, '5\r\nhelloXX0\r\n\r\n', 'InvalidRequest'],
      [chunked, '5\r\nhel', 'IncompleteBody'],
      [{ ...chunked, 'x-amz-decoded-content-length': '9' }, '5\r\nhello\r\n0\r\n\r\n', 'IncompleteBody'],
      [{ 'content-md5': createHash('md5').update('other').digest('base64') }, 'hello', 'BadDigest'],
      [{ 'x-amz-checksum-crc32': crc32Of('other') }, 'hello', 'BadDigest'],
      [{ 'x-amz-checksum-crc32c': 'AAAAAA==' }, 'hello', 'BadDigest'],
      [
        { 'x-amz-content-sha256': createHash('sha256').update('other').digest('hex') },
        'hello',
        'XAmzContentSHA256Mismatch',
      ],
      [{ 'x-amz-trailer': 'x-amz-checksum-md4' }, 'hello', 'InvalidRequest'],
      // Not verified, but kept and answered back: it must be base64.
      [{ 'x-amz-checksum-crc64nvme': 'not base64!' }, 'hello', 'InvalidRequest'],
    ];
    for (const [headers, body, code] of cases) {
      const reply = await raw(endpoint.url, 'PUT', '/data/refused.txt', headers, body);
      expect({ status: reply.status, code: codeOf(reply) }).toEqual({ status: 400, code });
    }
    expect(() => backing.objectText({ bucket: 'data', key: 'refused.txt' })).toThrow(/does not exist/);
  });

  it('checks CRC32C as S3 computes it (the check value of "123456789" is 0xE3069283)', async () => {
    const { endpoint } = await start();
    const good = Buffer.from('e3069283', 'hex').toString('base64');
    const reply = await raw(endpoint.url, 'PUT', '/data/c.txt', { 'x-amz-checksum-crc32c': good }, '123456789');
    expect(reply.status).toBe(200);
  });
});

describe('S3 wire: limits and bad requests', () => {
  it('refuses a PutObject or a part over 5 GiB from its declared size, before the body is sent', async () => {
    const { endpoint, s3 } = await start();
    const over = String(5 * 1024 ** 3 + 1);
    const put = await raw(endpoint.url, 'PUT', '/data/huge.bin', { 'content-length': over, expect: '100-continue' });
    expect({ status: put.status, code: codeOf(put), continued: put.continued }).toEqual({
      status: 400,
      code: 'EntityTooLarge',
      continued: false,
    });
    const decoded = await raw(endpoint.url, 'PUT', '/data/huge.bin', {
      'content-encoding': 'aws-chunked',
      'x-amz-decoded-content-length': over,
      'transfer-encoding': 'chunked',
      expect: '100-continue',
    });
    expect(codeOf(decoded)).toBe('EntityTooLarge');
    const { UploadId = '' } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'data', Key: 'huge.bin' }));
    const part = await raw(endpoint.url, 'PUT', `/data/huge.bin?partNumber=1&uploadId=${UploadId}`, {
      'content-length': over,
      expect: '100-continue',
    });
    expect({ code: codeOf(part), continued: part.continued }).toEqual({ code: 'EntityTooLarge', continued: false });
  });

  it('refuses a body that passes 5 GiB only as it streams: the limit is counted as bytes arrive', async () => {
    // Shown with the decoded size left out of an aws-chunked body: a chunk size alone over the limit.
    const { endpoint } = await start();
    const reply = await raw(
      endpoint.url,
      'PUT',
      '/data/liar.bin',
      { 'content-encoding': 'aws-chunked' },
      `140000001\r\n${'x'.repeat(1000)}`,
    );
    // 0x140000001 bytes is 5 GiB + 1: refused once the bytes received pass the limit, or when the body ends short.
    expect(reply.status).toBe(400);
    expect(['EntityTooLarge', 'IncompleteBody']).toContain(codeOf(reply));
  });

  it('answers S3 errors for what it cannot parse or does not serve, and stays up', async () => {
    const { endpoint, s3 } = await start();
    const uri = await raw(endpoint.url, 'GET', '/data/%E0%A4%A', {});
    expect({ status: uri.status, code: codeOf(uri) }).toEqual({ status: 400, code: 'InvalidURI' });
    const acl = await raw(endpoint.url, 'GET', '/data/k?acl', {});
    expect({ status: acl.status, code: codeOf(acl) }).toEqual({ status: 501, code: 'NotImplemented' });
    const copy = await raw(endpoint.url, 'PUT', '/data/k', { 'x-amz-copy-source': '/data/other' });
    expect(codeOf(copy)).toBe('NotImplemented');
    const { UploadId = '' } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'data', Key: 'm' }));
    for (const body of [
      '<CompleteMultipartUpload><Part>',
      'not xml',
      '<CompleteMultipartUpload></CompleteMultipartUpload>',
      '<CompleteMultipartUpload><Part><PartNumber>x</PartNumber><ETag>e</ETag></Part></CompleteMultipartUpload>',
      '<CompleteMultipartUpload><Part><ETag>&#x110000;</ETag></Part></CompleteMultipartUpload>',
    ]) {
      const reply = await raw(endpoint.url, 'POST', `/data/m?uploadId=${UploadId}`, {}, body);
      expect({ status: reply.status, code: codeOf(reply) }).toEqual({ status: 400, code: 'MalformedXML' });
    }
    const del = await raw(endpoint.url, 'POST', '/data?delete', {}, '<Delete><Object></Object></Delete>');
    expect(codeOf(del)).toBe('MalformedXML');
    const tooMany = `<Delete>${'<Object><Key>k</Key></Object>'.repeat(1001)}</Delete>`;
    expect(codeOf(await raw(endpoint.url, 'POST', '/data?delete', {}, tooMany))).toBe('MalformedXML');
    const badName = await raw(endpoint.url, 'PUT', '/Bad_Bucket', {});
    expect(codeOf(badName)).toBe('InvalidBucketName');
    const maxKeys = await raw(endpoint.url, 'GET', '/data?list-type=2&max-keys=-1', {});
    expect(codeOf(maxKeys)).toBe('InvalidArgument');
    const longKey = await raw(endpoint.url, 'PUT', `/data/${'k'.repeat(1025)}`, {}, 'x');
    expect(codeOf(longKey)).toBe('KeyTooLongError');
    // Still serving.
    expect((await s3.send(new ListObjectsV2Command({ Bucket: 'data' }))).$metadata.httpStatusCode).toBe(200);
  });

  it('answers 501 NotImplemented to S3 when the backing is not a MemoryTransport', async () => {
    const memory = new MemoryTransport();
    // A Transport of one's own: the endpoint cannot reach its buckets.
    const own = Object.fromEntries(
      Object.getOwnPropertyNames(MemoryTransport.prototype)
        .filter((name) => name !== 'constructor')
        .map((name) => [
          name,
          (...args: unknown[]) => (memory as never as Record<string, (...a: unknown[]) => unknown>)[name]?.(...args),
        ]),
    ) as unknown as Transport;
    const endpoint = await startLocalEndpoint({ backing: own });
    try {
      const reply = await raw(endpoint.url, 'GET', '/data', {});
      expect({ status: reply.status, code: codeOf(reply) }).toEqual({ status: 501, code: 'NotImplemented' });
    } finally {
      await endpoint.close();
    }
  });
});

describe('S3 wire: routing beside the Personalize APIs', () => {
  it('serves a bucket named `events` to S3 clients while unsigned JSON POSTs to /events stay PutEvents', async () => {
    const { endpoint, s3, backing } = await start();
    const shop = setUpShop(backing);
    await s3.send(new CreateBucketCommand({ Bucket: 'events' }));
    await s3.send(new PutObjectCommand({ Bucket: 'events', Key: 'users', Body: 'USER_ID\n' }));
    expect(backing.objectText({ bucket: 'events', key: 'users' })).toBe('USER_ID\n');
    const deleted = await s3.send(
      new DeleteObjectsCommand({ Bucket: 'events', Delete: { Objects: [{ Key: 'users' }] } }),
    );
    expect(deleted.Deleted).toHaveLength(1);

    const put = await fetch(`${endpoint.url}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        trackingId: shop.trackingId,
        sessionId: 's',
        eventList: [{ eventType: 'click', sentAt: 1 }],
      }),
    });
    expect(put.status).toBe(200);
    expect(backing.events(shop.trackingId)).toHaveLength(1);
    // Signed for Personalize, a POST to /events is PutEvents whatever its content type.
    const signed = await raw(
      endpoint.url,
      'POST',
      '/events',
      {
        authorization: S3_AUTH.replace('/s3/', '/personalize/'),
        'content-type': 'text/plain',
      },
      JSON.stringify({ trackingId: shop.trackingId, sessionId: 's', eventList: [{ eventType: 'view', sentAt: 2 }] }),
    );
    expect(signed.status).toBe(200);
    expect(backing.events(shop.trackingId)).toHaveLength(2);
    // Unsigned, with curl's default content type: still PutEvents (an S3 POST to a bucket has a query).
    const curl = await fetch(`${endpoint.url}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: JSON.stringify({
        trackingId: shop.trackingId,
        sessionId: 's',
        eventList: [{ eventType: 'buy', sentAt: 3 }],
      }),
    });
    expect(curl.status).toBe(200);
    expect(backing.events(shop.trackingId)).toHaveLength(3);
    // Unsigned DeleteObjects on the bucket `events`: S3's.
    const del = await raw(
      endpoint.url,
      'POST',
      '/events?delete',
      { authorization: '' },
      '<Delete><Object><Key>x</Key></Object></Delete>',
    );
    expect({ status: del.status, text: del.text }).toMatchObject({
      status: 200,
      text: expect.stringContaining('<DeleteResult'),
    });
    // Unsigned GET: S3's (ListObjects of the bucket `events`).
    const listed = await fetch(`${endpoint.url}/events`);
    expect(listed.status).toBe(200);
    expect(await listed.text()).toContain('<ListBucketResult');
  });

  it('counts S3 requests in the endpoint stats per operation', async () => {
    const { endpoint, s3 } = await start();
    await s3.send(new PutObjectCommand({ Bucket: 'data', Key: 'k', Body: 'x' }));
    await s3.send(new ListObjectsV2Command({ Bucket: 'data' }));
    await s3.send(new ListObjectsV2Command({ Bucket: 'none' })).catch(() => {});
    const stats = endpoint.stats();
    expect(stats.byCall['s3.PutObject']).toMatchObject({ requests: 1, ok: 1 });
    expect(stats.byCall['s3.ListObjectsV2']).toMatchObject({ requests: 2, ok: 1, errors: 1 });
  });
});
