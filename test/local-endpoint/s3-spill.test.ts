/**
 * Bodies over `objectSpillBytes` go to a temporary directory, not memory, and read back byte-identical (through the
 * endpoint and through the backing); `close()` removes the directory.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startLocalEndpoint } from '../../src/local-endpoint/local-endpoint.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { startS3OverLocal } from './s3-fixture.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
let scratch: string;
let savedTmp: string | undefined;

// The spill directory is made in the system's temporary directory: a fresh one per test shows what went there.
beforeEach(() => {
  savedTmp = process.env.TMPDIR;
  scratch = mkdtempSync(join(tmpdir(), 's3-spill-test-'));
  process.env.TMPDIR = scratch;
});
afterEach(() => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  rmSync(scratch, { recursive: true, force: true });
});

/** The files spilled so far, with their sizes. */
function spilled(): number[] {
  const dirs = readdirSync(scratch).filter((name) => name.startsWith('personalize-import-s3-'));
  return dirs.flatMap((d) => readdirSync(join(scratch, d)).map((f) => statSync(join(scratch, d, f)).size));
}

describe('S3 spill to disk (objectSpillBytes)', () => {
  it('writes a PutObject body over the bound to a file, and reads it back whole and by range', async () => {
    const local = await startS3OverLocal({ objectSpillBytes: 64 * 1024 });
    try {
      local.backing.createBucket('data');
      const body = randomBytes(3 * 1024 * 1024 + 7);
      // Streamed (aws-chunked): the body is never whole in the client either.
      const stream = Readable.from([body.subarray(0, 1_000_000), body.subarray(1_000_000)]);
      await local.s3.send(
        new PutObjectCommand({ Bucket: 'data', Key: 'big.bin', Body: stream, ContentLength: body.length }),
      );
      await local.s3.send(new PutObjectCommand({ Bucket: 'data', Key: 'small.txt', Body: 'small' }));
      // One file, of the object's bytes (not its framing); the small object stayed in memory.
      expect(spilled()).toEqual([body.length]);
      const got = await local.s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'big.bin' }));
      expect(sha256((await got.Body?.transformToByteArray()) ?? new Uint8Array())).toBe(sha256(body));
      const range = await local.s3.send(
        new GetObjectCommand({ Bucket: 'data', Key: 'big.bin', Range: 'bytes=1000-2999999' }),
      );
      expect(sha256((await range.Body?.transformToByteArray()) ?? new Uint8Array())).toBe(
        sha256(body.subarray(1000, 3_000_000)),
      );
      // The backing reads the spilled object too (its import jobs do).
      const viaBacking: Buffer[] = [];
      for await (const chunk of await local.backing.getObject({ bucket: 'data', key: 'big.bin' }))
        viaBacking.push(chunk as Buffer);
      expect(sha256(Buffer.concat(viaBacking))).toBe(sha256(body));
      // Replacing the object deletes its file.
      await local.s3.send(new PutObjectCommand({ Bucket: 'data', Key: 'big.bin', Body: 'now small' }));
      await vi.waitFor(() => expect(spilled()).toEqual([]));
    } finally {
      await local.close();
    }
  });

  it('spills the parts of a multipart upload once they pass the bound; the object is the parts, unmoved', async () => {
    const local = await startS3OverLocal({ objectSpillBytes: 6 * 1024 * 1024 });
    try {
      local.backing.createBucket('data');
      const body = randomBytes(16 * 1024 * 1024 + 11);
      const upload = new Upload({
        client: local.s3,
        params: { Bucket: 'data', Key: 'parts.bin', Body: body },
        queueSize: 1,
      });
      await upload.done();
      // Parts of 5 MiB: the first stays in memory (under 6 MiB held), the other three go to disk.
      expect(spilled().sort((a, b) => a - b)).toEqual([1024 * 1024 + 11, 5 * 1024 * 1024, 5 * 1024 * 1024]);
      const got = await local.s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'parts.bin' }));
      expect(sha256((await got.Body?.transformToByteArray()) ?? new Uint8Array())).toBe(sha256(body));
      // A range across three parts: the end of the one in memory, a whole spilled one, the start of the next.
      const start = 5 * 1024 * 1024 - 10;
      const end = 10 * 1024 * 1024 + 10;
      const ranged = await local.s3.send(
        new GetObjectCommand({ Bucket: 'data', Key: 'parts.bin', Range: `bytes=${start}-${end - 1}` }),
      );
      const bytes = (await ranged.Body?.transformToByteArray()) ?? new Uint8Array();
      expect(Buffer.from(bytes).equals(body.subarray(start, end))).toBe(true);
    } finally {
      await local.close();
    }
  });

  it('removes the spill directory on close', async () => {
    const backing = new MemoryTransport();
    backing.createBucket('data');
    const endpoint = await startLocalEndpoint({ backing, objectSpillBytes: 0 });
    const res = await fetch(`${endpoint.url}/data/k`, { method: 'PUT', body: 'spilled at once' });
    expect(res.status).toBe(200);
    expect(spilled()).toEqual([15]);
    expect(backing.objectText({ bucket: 'data', key: 'k' })).toBe('spilled at once');
    await endpoint.close();
    expect(readdirSync(scratch).filter((name) => name.startsWith('personalize-import-s3-'))).toEqual([]);
    expect(existsSync(scratch)).toBe(true);
  });

  it('finishes a read of a spilled object replaced meanwhile with the old bytes, then deletes the old file', async () => {
    const local = await startS3OverLocal({ objectSpillBytes: 0 });
    try {
      local.backing.createBucket('data');
      // Three parts, three files: the later ones are opened only when the read reaches them.
      const first = randomBytes(11 * 1024 * 1024);
      await new Upload({ client: local.s3, params: { Bucket: 'data', Key: 'k', Body: first } }).done();
      const reading = await local.s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'k' }));
      await local.s3.send(new PutObjectCommand({ Bucket: 'data', Key: 'k', Body: 'second' }));
      const bytes = (await reading.Body?.transformToByteArray()) ?? new Uint8Array();
      expect(sha256(bytes)).toBe(sha256(first));
      await vi.waitFor(() => expect(spilled()).toEqual([6]));
    } finally {
      await local.close();
    }
  });

  it('drops the spill file of an upload the client abandons, and keeps serving', async () => {
    const backing = new MemoryTransport();
    backing.createBucket('data');
    const endpoint = await startLocalEndpoint({ backing, objectSpillBytes: 0 });
    try {
      const req = request(`${endpoint.url}/data/abandoned.bin`, {
        method: 'PUT',
        headers: { 'content-length': String(1024 * 1024) },
      });
      req.on('error', () => {});
      req.write(Buffer.alloc(100 * 1024));
      await vi.waitFor(() => expect(spilled().length).toBe(1));
      req.destroy();
      await vi.waitFor(() => expect(spilled()).toEqual([]));
      expect(() => backing.objectText({ bucket: 'data', key: 'abandoned.bin' })).toThrow(/does not exist/);
      const after = await fetch(`${endpoint.url}/data/after.txt`, { method: 'PUT', body: 'still serving' });
      expect(after.status).toBe(200);
    } finally {
      await endpoint.close();
    }
  });

  it('refuses a negative or fractional objectSpillBytes', async () => {
    const backing = new MemoryTransport();
    await expect(startLocalEndpoint({ backing, objectSpillBytes: -1 })).rejects.toThrow(/objectSpillBytes/);
    await expect(startLocalEndpoint({ backing, objectSpillBytes: 1.5 })).rejects.toThrow(/objectSpillBytes/);
  });
});
