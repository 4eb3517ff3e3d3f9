// SigningSha256 (and its HMAC memo) answers what node:crypto answers, whatever the sequence of calls.
import crypto from 'node:crypto';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { SigningSha256 } from '../../src/transport/aws/events-http/signing-hash.js';

const text = fc.constantFrom(
  '',
  'a',
  'AKIDEXAMPLE',
  'AKIDEXAMPLF',
  'é',
  'AWS4secret',
  'x'.repeat(256),
  'x'.repeat(257),
);
const shape = fc.constantFrom('string', 'u8', 'buffer', 'arraybuffer', 'dataview', 'u16');
function as(value: string, kind: string): string | ArrayBuffer | ArrayBufferView {
  const b = Buffer.from(value);
  const padded = new Uint8Array(b.length + 4);
  padded.set(b, 2);
  switch (kind) {
    case 'string':
      return value;
    case 'u8':
      return new Uint8Array(b);
    case 'buffer':
      return Buffer.from(padded.buffer, 2, b.length);
    case 'arraybuffer':
      return new Uint8Array(b).buffer;
    case 'dataview':
      return new DataView(padded.buffer, 2, b.length);
    default: {
      // a Uint16Array view over an even-length copy (bytes as they lie in memory)
      const even = new Uint8Array(b.length + (b.length % 2));
      even.set(b);
      return new Uint16Array(even.buffer);
    }
  }
}
function bytes(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === 'string') return Buffer.from(data);
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

it('matches createHmac/createHash over random call sequences', async () => {
  const call = fc.record({
    secret: fc.option(fc.tuple(text, shape), { nil: undefined }),
    parts: fc.array(fc.tuple(text, shape), { minLength: 0, maxLength: 3 }),
    mutate: fc.boolean(),
  });
  await fc.assert(
    fc.asyncProperty(fc.array(call, { minLength: 1, maxLength: 12 }), async (calls) => {
      for (const c of calls) {
        const secret = c.secret === undefined ? undefined : as(...c.secret);
        const parts = c.parts.map((p) => as(...p));
        const h = new SigningSha256(secret);
        for (const p of parts) h.update(p);
        const got = Buffer.from(await h.digest());
        const ref = secret === undefined ? crypto.createHash('sha256') : crypto.createHmac('sha256', bytes(secret));
        for (const p of parts) ref.update(bytes(p));
        const want = ref.digest();
        expect(got.toString('hex')).toBe(want.toString('hex'));
        // The caller scribbles on what it got and on the data it gave: later answers must not change.
        if (c.mutate) {
          const out = await h.digest();
          out.fill(0);
          for (const p of parts)
            if (typeof p !== 'string') new Uint8Array(p instanceof ArrayBuffer ? p : p.buffer).fill(7);
        }
      }
    }),
    { numRuns: 400 },
  );
});
