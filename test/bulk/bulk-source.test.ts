import { describe, expect, it } from 'vitest';
import { dataLocationOf, parseSource } from '../../src/bulk/bulk-source.js';
import { InvalidOptionsError } from '../../src/errors.js';

describe('parseSource', () => {
  it('parses one object, a folder and a local file', () => {
    expect(parseSource('s3://my-bucket/a/b.csv')).toEqual({ kind: 's3-object', bucket: 'my-bucket', key: 'a/b.csv' });
    expect(parseSource('s3://my-bucket/a/')).toEqual({ kind: 's3-folder', bucket: 'my-bucket', prefix: 'a/' });
    expect(parseSource('s3://my-bucket/')).toEqual({ kind: 's3-folder', bucket: 'my-bucket', prefix: '' });
    expect(parseSource({ file: './x.csv', bucket: 'my-bucket' })).toEqual({
      kind: 'local-file',
      file: './x.csv',
      bucket: 'my-bucket',
      key: undefined,
    });
  });

  it('gives the data location the service reads', () => {
    expect(dataLocationOf(parseSource('s3://my-bucket/a/'))).toBe('s3://my-bucket/a/');
    expect(dataLocationOf(parseSource({ file: 'x.csv', bucket: 'my-bucket' }), 'k/x.csv')).toBe(
      's3://my-bucket/k/x.csv',
    );
  });

  it.each([
    ['https://example.com/a.csv', /s3:\/\/bucket\/key.csv/],
    ['s3://my-bucket', /s3:\/\/bucket\/key.csv/],
    [
      's3://B/a.csv',
      /Expected `source` to be an s3:\/\/ URL whose bucket is an S3 bucket name .*got `"s3:\/\/B\/a.csv"`/,
    ],
    [`s3://my-bucket/${'k'.repeat(300)}`, /at most 256 characters/],
    [{ file: '', bucket: 'my-bucket' }, /`source.file`/],
    [{ file: 'x.csv', bucket: 'my-bucket', key: 'dir/' }, /`source.key`/],
    [{ file: 'x.csv' }, /`source.bucket`/],
    [
      { file: 'x.csv', bucket: 'my-bucket', key: 'k'.repeat(300) },
      /Expected `source.key` to be an S3 location of at most 256/,
    ],
    [42, /Expected `source`/],
  ])('refuses %j', (source, message) => {
    expect(() => parseSource(source)).toThrow(InvalidOptionsError);
    expect(() => parseSource(source)).toThrow(message);
  });
});
