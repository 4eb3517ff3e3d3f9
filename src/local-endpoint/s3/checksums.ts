/**
 * The checksums S3 clients send (`x-amz-checksum-<algorithm>`, as a header or an aws-chunked trailer, base64 of the
 * big-endian digest), computed as the body streams so that the endpoint can refuse a body that arrived corrupted
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html). CRC64NVME is accepted but
 * not verified: no client sends it by default, and it has no fast implementation here.
 * @module
 */
import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { crc32c } from './crc32c.js';

/** The algorithms S3 names, lowercase as in the header names. */
export const CHECKSUM_ALGORITHMS = ['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256'] as const;

/** One of `CHECKSUM_ALGORITHMS`. */
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

/** A checksum being computed over a streamed body. */
export interface RunningChecksum {
  update(bytes: Buffer): void;
  /** Base64 of the digest; `undefined` when the algorithm is not verified. */
  digest(): string | undefined;
}

class Crc implements RunningChecksum {
  #crc = 0;
  constructor(readonly step: (bytes: Buffer, crc: number) => number) {}
  update(bytes: Buffer): void {
    this.#crc = this.step(bytes, this.#crc);
  }
  digest(): string {
    const out = Buffer.alloc(4);
    out.writeUInt32BE(this.#crc >>> 0);
    return out.toString('base64');
  }
}

class Digest implements RunningChecksum {
  readonly #hash: Hash;
  constructor(algorithm: string) {
    this.#hash = createHash(algorithm);
  }
  update(bytes: Buffer): void {
    this.#hash.update(bytes);
  }
  digest(): string {
    return this.#hash.digest('base64');
  }
}

/** A checksum of `algorithm` to feed a body into. */
export function runningChecksum(algorithm: ChecksumAlgorithm): RunningChecksum {
  switch (algorithm) {
    case 'crc32':
      return new Crc((bytes, crc) => crc32(bytes, crc));
    case 'crc32c':
      return new Crc(crc32c);
    case 'sha1':
    case 'sha256':
      return new Digest(algorithm);
    case 'crc64nvme':
      return { update() {}, digest: () => undefined };
  }
}

/** The algorithm of a header or trailer name such as `x-amz-checksum-crc32`, or `undefined`. */
export function checksumAlgorithmOf(name: string): ChecksumAlgorithm | undefined {
  const lower = name.toLowerCase();
  if (!lower.startsWith('x-amz-checksum-')) return undefined;
  const algorithm = lower.slice('x-amz-checksum-'.length);
  return (CHECKSUM_ALGORITHMS as readonly string[]).includes(algorithm) ? (algorithm as ChecksumAlgorithm) : undefined;
}
