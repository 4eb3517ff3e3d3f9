/**
 * For the tests that sign or verify with the SDK's signer: the `Checksum` constructor `@smithy/signature-v4` asks
 * for, on Node's own crypto: a SHA-256 hash, or an HMAC when built with a secret (the signer derives its signing key
 * that way). The direct Events path signs with its own `EventsSigner`, which these tests compare with the SDK's.
 * @module
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';

/** What the signer hashes: text or bytes (the `SourceData` of `@smithy/types`). */
type SourceData = string | ArrayBuffer | ArrayBufferView;

function bytesOf(data: SourceData): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** SHA-256 (or HMAC-SHA-256 with `secret`) over what `update` was given. */
export class NodeSha256 {
  readonly #secret: SourceData | undefined;
  #hash: Hash | Hmac;

  constructor(secret?: SourceData) {
    this.#secret = secret;
    this.#hash = NodeSha256.#start(secret);
  }

  static #start(secret: SourceData | undefined): Hash | Hmac {
    return secret === undefined ? createHash('sha256') : createHmac('sha256', bytesOf(secret));
  }

  update(data: SourceData): void {
    this.#hash.update(bytesOf(data));
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.#hash.digest()));
  }

  reset(): void {
    this.#hash = NodeSha256.#start(this.#secret);
  }
}
