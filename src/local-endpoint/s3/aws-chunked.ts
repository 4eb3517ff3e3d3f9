/**
 * Decodes an `aws-chunked` request body: the framing the AWS SDKs use to stream a body whose checksum is sent after
 * it (`STREAMING-UNSIGNED-PAYLOAD-TRAILER`) or whose chunks are signed one by one
 * (`STREAMING-AWS4-HMAC-SHA256-PAYLOAD`, `…-TRAILER`): `<hex size>[;chunk-signature=…]\r\n<bytes>\r\n`, a chunk of
 * size 0, then trailing headers and an empty line
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html). Chunk signatures are not checked (the
 * endpoint checks no signature); trailers are kept for the checksum.
 * @module
 */
import { Transform, type TransformCallback } from 'node:stream';
import { S3Error } from './s3-error.js';

/** Longest size or trailer line read (a size, a 64-hex-digit signature, a checksum trailer fit easily). */
const MAX_LINE_BYTES = 4096;

const CRLF = Buffer.from('\r\n');

const framing = (detail: string) =>
  new S3Error('InvalidRequest', 400, `The aws-chunked request body is not well formed: ${detail}.`);

/** A Transform from the aws-chunked framing to the bytes it carries; `trailers` holds the trailing headers. */
export class AwsChunkedDecoder extends Transform {
  /** The trailing headers, by lowercase name (e.g. `x-amz-checksum-crc32`), once the body has ended. */
  readonly trailers = new Map<string, string>();
  #state: 'size' | 'data' | 'data-end' | 'trailer' | 'done' = 'size';
  #line: Buffer = Buffer.alloc(0);
  #remaining = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.#consume(chunk);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    if (this.#state !== 'done') {
      callback(new S3Error('IncompleteBody', 400, 'The aws-chunked request body ended before its final chunk.'));
      return;
    }
    callback();
  }

  #consume(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.#state === 'data') {
        const take = Math.min(this.#remaining, chunk.length - at);
        this.push(chunk.subarray(at, at + take));
        at += take;
        this.#remaining -= take;
        if (this.#remaining === 0) this.#state = 'data-end';
        continue;
      }
      if (this.#state === 'done') {
        if (chunk.subarray(at).toString('latin1').trim() !== '') throw framing('bytes after the final chunk');
        return;
      }
      const line = this.#readLine(chunk, at);
      if (line === undefined) return;
      at = line.next;
      this.#onLine(line.text);
    }
  }

  /** Gathers a line up to CRLF across chunks; `undefined` when the chunk ended first. */
  #readLine(chunk: Buffer, at: number): { text: string; next: number } | undefined {
    const joined = this.#line.length === 0 ? chunk.subarray(at) : Buffer.concat([this.#line, chunk.subarray(at)]);
    const end = joined.indexOf(CRLF);
    if (end === -1) {
      if (joined.length > MAX_LINE_BYTES) throw framing('a line longer than 4096 bytes');
      this.#line = Buffer.from(joined);
      return undefined;
    }
    const consumedBefore = this.#line.length;
    this.#line = Buffer.alloc(0);
    return { text: joined.subarray(0, end).toString('latin1'), next: at + end + 2 - consumedBefore };
  }

  #onLine(text: string): void {
    if (this.#state === 'data-end') {
      if (text !== '') throw framing('a chunk longer than its size');
      this.#state = 'size';
    } else if (this.#state === 'size') {
      const size = text.split(';', 1)[0]?.trim() ?? '';
      if (!/^[0-9a-fA-F]{1,12}$/.test(size)) throw framing(`a chunk size of \`${text.slice(0, 40)}\``);
      this.#remaining = Number.parseInt(size, 16);
      this.#state = this.#remaining === 0 ? 'trailer' : 'data';
    } else if (text === '') {
      this.#state = 'done';
    } else {
      const colon = text.indexOf(':');
      if (colon < 1) throw framing(`a trailer line \`${text.slice(0, 40)}\``);
      this.trailers.set(text.slice(0, colon).trim().toLowerCase(), text.slice(colon + 1).trim());
    }
  }
}
