/**
 * The one rule by which the library measures the length of a text against a limit of the service.
 *
 * The API model declares its string limits with Smithy's `length` trait, which counts a string's Unicode scalar
 * values (code points), not UTF-16 code units nor bytes (https://smithy.io/2.0/spec/constraint-traits.html#length-trait).
 * The validator, `properties`, the in-memory fake, the local endpoint and `validateCsv` all measure with
 * `textLength`, and every message reports that same count. What the service's servers count is unconfirmed.
 * @module
 */

/**
 * The length of `text` in Unicode code points (an emoji is 1, not 2). A lone surrogate counts as one.
 *
 * With a byte range instead (`bytes`, `start`, `end`), the code points of that UTF-8 text: every byte that does not
 * continue a sequence, so that CSV checks measure without decoding.
 *
 * @example
 * ```ts
 * textLength('😀'.repeat(257)); // 257
 * ```
 */
export function textLength(text: string): number;
export function textLength(bytes: Uint8Array, start: number, end: number): number;
export function textLength(value: string | Uint8Array, start = 0, end = value.length): number {
  let count = 0;
  if (typeof value !== 'string') {
    for (let i = start; i < end; i++) if (((value[i] ?? 0) & 0xc0) !== 0x80) count++;
    return count;
  }
  count = value.length;
  for (let i = 0; i < value.length - 1; i++) {
    const high = value.charCodeAt(i);
    if (high < 0xd800 || high > 0xdbff) continue;
    const low = value.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) {
      count--;
      i++;
    }
  }
  return count;
}
