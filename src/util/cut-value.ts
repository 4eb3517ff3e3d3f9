/**
 * Cutting a user's value before it goes into a message: a 10 MB id must not become a 10 MB error message.
 * @module
 */
import { textLength } from './text-length.js';

/** Characters of a user's value that a message shows; the rest is replaced by a marker giving the full length. */
export const MESSAGE_VALUE_MAX_CHARS = 200;

/**
 * `value` when it has at most `max` characters (code points, see `textLength`); otherwise its first `max`
 * characters followed by `…(N characters)`, N being the whole value's length. Every message the library builds
 * from a user's value goes through it.
 *
 * @example
 * ```ts
 * cutValue('x'.repeat(10_000)); // 'xxx…x…(10000 characters)', 200 x's shown
 * ```
 */
export function cutValue(value: string, max: number = MESSAGE_VALUE_MAX_CHARS): string {
  // Cheap exit: a string of at most `max` UTF-16 units has at most `max` code points.
  if (value.length <= max) return value;
  const length = textLength(value);
  if (length <= max) return value;
  let end = 0;
  for (let shown = 0; shown < max; shown++) {
    const high = value.charCodeAt(end);
    const low = value.charCodeAt(end + 1);
    end += high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
  }
  return `${value.slice(0, end)}…(${length} characters)`;
}

/** `JSON.stringify` of a value cut by `cutValue` (strings), or `String(value)` cut (anything else). */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(cutValue(value));
  return cutValue(String(value));
}
