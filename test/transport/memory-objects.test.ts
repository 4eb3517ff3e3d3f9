import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/errors.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { ManualClock } from '../../src/util/manual-clock.js';

const md5 = (body: string) => createHash('md5').update(body).digest('hex');
let transport: MemoryTransport;

beforeEach(() => {
  transport = new MemoryTransport({ clock: new ManualClock() });
  transport.createBucket('data');
});

describe('in-memory S3', () => {
  it('uploads a string, bytes or a stream, answering size and md5 ETag', async () => {
    const fromString = await transport.uploadObject({ bucket: 'data', key: 'a.csv', body: 'héllo' });
    expect(fromString).toEqual({ bucket: 'data', key: 'a.csv', size: 6, etag: md5('héllo') });
    const fromBytes = await transport.uploadObject({
      bucket: 'data',
      key: 'b.csv',
      body: new TextEncoder().encode('xy'),
    });
    expect(fromBytes.size).toBe(2);
    const fromStream = await transport.uploadObject({
      bucket: 'data',
      key: 'c.csv',
      body: Readable.from(['ab', 'cd']),
    });
    expect(fromStream).toMatchObject({ size: 4, etag: md5('abcd') });
    expect(transport.objectText({ bucket: 'data', key: 'c.csv' })).toBe('abcd');
  });

  it('reports progress as a stream is read', async () => {
    const progress: [number, number | undefined][] = [];
    await transport.uploadObject({
      bucket: 'data',
      key: 'p.csv',
      body: Readable.from([Buffer.from('abc'), Buffer.from('de')]),
      contentLength: 5,
      onProgress: (loaded, total) => progress.push([loaded, total]),
    });
    expect(progress).toEqual([
      [3, 5],
      [5, 5],
    ]);
  });

  it('heads, gets and lists objects by prefix', async () => {
    transport.putObject({ bucket: 'data', key: 'in/b.csv' }, 'b');
    transport.putObject({ bucket: 'data', key: 'in/a.csv' }, 'aa');
    transport.putObject({ bucket: 'data', key: 'out/c.csv' }, 'c');
    expect(await transport.headObject({ bucket: 'data', key: 'in/a.csv' })).toEqual({
      bucket: 'data',
      key: 'in/a.csv',
      size: 2,
      etag: md5('aa'),
    });
    expect(await text(await transport.getObject({ bucket: 'data', key: 'in/b.csv' }))).toBe('b');
    const listed = await transport.listObjects({ bucket: 'data', prefix: 'in/' });
    expect(listed.map((info) => info.key)).toEqual(['in/a.csv', 'in/b.csv']);
  });

  it('answers NotFoundError for a missing bucket or key', async () => {
    await expect(transport.headObject({ bucket: 'data', key: 'none' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      serviceErrorName: 'NoSuchKey',
    });
    await expect(transport.getObject({ bucket: 'nobucket', key: 'x' })).rejects.toThrow(NotFoundError);
    await expect(transport.listObjects({ bucket: 'nobucket', prefix: '' })).rejects.toThrow(NotFoundError);
    await expect(transport.uploadObject({ bucket: 'nobucket', key: 'x', body: 'x' })).rejects.toMatchObject({
      serviceErrorName: 'NoSuchBucket',
    });
  });

  it('creates the bucket of an upload when strict is off', async () => {
    const loose = new MemoryTransport({ strict: false });
    await loose.uploadObject({ bucket: 'fresh', key: 'x', body: 'x' });
    expect(loose.objectText({ bucket: 'fresh', key: 'x' })).toBe('x');
  });
});
