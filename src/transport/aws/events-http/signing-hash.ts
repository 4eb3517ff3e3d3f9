/**
 * The `Checksum` constructor `@smithy/signature-v4` asks for, on Node's own crypto: SHA-256, or HMAC-SHA-256 when
 * built with a secret. Two things make it cheaper than a plain wrapper of `createHash`/`createHmac`, with the same
 * digests (test/transport/events-signer.test.ts signs with it and with a plain one):
 * - one `update` (all the signer ever gives) is hashed with Node's one-shot `crypto.hash` where Node has it (20.12
 *   and later; half the CPU of a `Hash` object);
 * - the HMAC of the access key id under the secret key, which the signer computes on every call only to build the
 *   key of its signing-key cache, is kept for the last secret and data it was asked for (an `Hmac` object's set-up
 *   was the largest single cost of signing at the documented quota).
 * @module
 */
import crypto from 'node:crypto';

/** What the signer hashes: text or bytes (the `SourceData` of `@smithy/types`). */
type SourceData = string | ArrayBuffer | ArrayBufferView;

function bytesOf(data: SourceData): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function sameData(a: string | Uint8Array, b: string | Uint8Array): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

const oneShot = typeof crypto.hash === 'function' ? crypto.hash : undefined;

/** SHA-256 of `text` in hex, with Node's one-shot `crypto.hash` where it has it. */
export function sha256Hex(text: string): string {
  return oneShot === undefined
    ? crypto.createHash('sha256').update(text).digest('hex')
    : oneShot('sha256', text, 'hex');
}

/** Data longer than this is not kept for the HMAC memo (the access key id is 16-128 characters). */
const MEMO_MAX_DATA = 256;

/** The last HMAC under a text secret: its secret, its data, its digest. */
let lastHmac: { secret: string; data: string | Uint8Array; digest: Uint8Array } | undefined;

/** SHA-256 (or HMAC-SHA-256 with `secret`) over what `update` was given. */
export class SigningSha256 {
  readonly #secret: SourceData | undefined;
  #parts: Array<string | Uint8Array> = [];

  constructor(secret?: SourceData) {
    this.#secret = secret;
  }

  update(data: SourceData): void {
    this.#parts.push(bytesOf(data));
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(this.#digest());
  }

  reset(): void {
    this.#parts = [];
  }

  #digest(): Uint8Array {
    const secret = this.#secret;
    const parts = this.#parts;
    const only = parts.length === 1 ? (parts[0] as string | Uint8Array) : undefined;
    if (secret === undefined) {
      if (only !== undefined && oneShot !== undefined) return new Uint8Array(oneShot('sha256', only, 'buffer'));
      const hash = crypto.createHash('sha256');
      for (const part of parts) hash.update(part);
      return new Uint8Array(hash.digest());
    }
    const memo = typeof secret === 'string' && only !== undefined && only.length <= MEMO_MAX_DATA;
    if (memo && lastHmac !== undefined && lastHmac.secret === secret && sameData(lastHmac.data, only)) {
      return lastHmac.digest.slice();
    }
    const hmac = crypto.createHmac('sha256', bytesOf(secret));
    for (const part of parts) hmac.update(part);
    const digest = new Uint8Array(hmac.digest());
    if (memo) lastHmac = { secret, data: typeof only === 'string' ? only : only.slice(), digest: digest.slice() };
    return digest;
  }
}
