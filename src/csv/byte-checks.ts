/**
 * Checks on raw field bytes, so the common case (a short ASCII value) never becomes a string.
 * @module
 */
import { textLength } from '../util/text-length.js';

const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const LOWER_E = 101;
const UPPER_E = 69;
const BACKSLASH = 92;
const QUOTE = 34;
const PIPE = 124;

/** Result of reading an integer: its value (approximate past 2^53) and its count of digits. */
export interface IntegerBytes {
  value: number;
  digits: number;
}

const scratch: IntegerBytes = { value: 0, digits: 0 };

/**
 * Reads `[+-]?[0-9]+` from `buf[start..end)`. Returns a shared object (overwritten by the next call) or undefined
 * when the bytes are not an integer.
 */
export function readInteger(buf: Uint8Array, start: number, end: number): IntegerBytes | undefined {
  let i = start;
  let negative = false;
  const first = buf[i];
  if (first === MINUS || first === PLUS) {
    negative = first === MINUS;
    i++;
  }
  if (i >= end) return undefined;
  // Leading zeros add no digit (nor value).
  while (i < end && buf[i] === ZERO) i++;
  const digits = end - i;
  let value = 0;
  for (; i < end; i++) {
    const d = (buf[i] as number) - ZERO;
    if (d < 0 || d > 9) return undefined;
    value = value * 10 + d;
  }
  scratch.value = negative ? -value : value;
  scratch.digits = digits;
  return scratch;
}

function skipDigits(buf: Uint8Array, from: number, end: number): number {
  let i = from;
  while (i < end) {
    const b = buf[i] ?? 0;
    if (b < ZERO || b > NINE) break;
    i++;
  }
  return i;
}

/** True when `buf[start..end)` is a decimal number: `[+-]?(digits[.digits]|.digits)([eE][+-]?digits)?`. */
export function isDecimal(buf: Uint8Array, start: number, end: number): boolean {
  let i = start;
  if (buf[i] === MINUS || buf[i] === PLUS) i++;
  const intEnd = skipDigits(buf, i, end);
  let digits = intEnd - i;
  i = intEnd;
  if (i < end && buf[i] === DOT) {
    const fracEnd = skipDigits(buf, i + 1, end);
    digits += fracEnd - i - 1;
    i = fracEnd;
  }
  if (digits === 0) return false;
  if (i < end && (buf[i] === LOWER_E || buf[i] === UPPER_E)) {
    i++;
    if (buf[i] === MINUS || buf[i] === PLUS) i++;
    const expEnd = skipDigits(buf, i, end);
    if (expEnd === i) return false;
    i = expEnd;
  }
  return i === end;
}

/** Compares `buf[start..end)` with an ASCII word. */
export function bytesEqual(buf: Uint8Array, start: number, end: number, word: Uint8Array): boolean {
  if (end - start !== word.length) return false;
  for (let k = 0; k < word.length; k++) if (buf[start + k] !== word[k]) return false;
  return true;
}

/**
 * Characters (Unicode code points, by `textLength`: the rule every length check of the library uses) in
 * `buf[start..end)`, UTF-8. With `escaped`, an escape sequence (`\"`, `\\`, `""`) counts as the one character it
 * stands for.
 */
export function countChars(buf: Uint8Array, start: number, end: number, escaped: boolean): number {
  const count = textLength(buf, start, end);
  if (!escaped) return count;
  let pairs = 0;
  for (let i = start; i + 1 < end; i++) {
    const b = buf[i];
    const n = buf[i + 1];
    if ((b === BACKSLASH && (n === QUOTE || n === BACKSLASH)) || (b === QUOTE && n === QUOTE)) {
      pairs++;
      i++;
    }
  }
  return count - pairs;
}

/** Characters of the longest `|`-separated part of `buf[start..end)`. */
export function longestPart(buf: Uint8Array, start: number, end: number, escaped: boolean): number {
  let longest = 0;
  let partStart = start;
  for (let i = start; i <= end; i++) {
    if (i === end || buf[i] === PIPE) {
      // A part can only be too long if it has at least as many bytes as the longest one so far.
      if (i - partStart > longest) longest = Math.max(longest, countChars(buf, partStart, i, escaped));
      partStart = i + 1;
    }
  }
  return longest;
}
