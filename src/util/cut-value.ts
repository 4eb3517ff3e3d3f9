/**
 * Cutting text before it goes into a message: a 10 MB id must not become a 10 MB error message. The library's
 * messages and every line the CLI prints are cut here, the same way: lengths in characters (code points, as
 * `textLength` counts them), a cut never splits a surrogate pair, and the note says how much was left out.
 * @module
 */
import { textLength } from './text-length.js';

/** Characters of a user's value that a message shows; the rest is replaced by a note of how many were left out. */
export const MESSAGE_VALUE_MAX_CHARS = 200;

/** What replaces the `count` characters left out: `… (1,234 more characters)`. */
function leftOut(count: number): string {
  return `… (${count.toLocaleString('en-US')} more characters)`;
}

/** The UTF-16 index just after the first `count` code points of `text`. */
function indexAfter(text: string, count: number): number {
  let end = 0;
  for (let shown = 0; shown < count && end < text.length; shown++) {
    const high = text.charCodeAt(end);
    const low = text.charCodeAt(end + 1);
    end += high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
  }
  return end;
}

/**
 * `value` when it has at most `max` characters; otherwise its first `max - 1` characters and `…` (`max` in all),
 * then ` (N more characters)`. Cutting each word of the result again changes nothing: the kept part has `max`
 * characters and the note is separate words.
 *
 * @example
 * ```ts
 * cutValue('x'.repeat(10_000)); // 'xxx…x… (9,801 more characters)', 199 x's shown
 * ```
 */
export function cutValue(value: string, max: number = MESSAGE_VALUE_MAX_CHARS): string {
  // Cheap exit: a string of at most `max` UTF-16 units has at most `max` code points.
  if (value.length <= max) return value;
  const length = textLength(value);
  if (length <= max) return value;
  const kept = max - 1;
  return `${value.slice(0, indexAfter(value, kept))}${leftOut(length - kept)}`;
}

/**
 * `text` when it has at most `max` characters; otherwise cut so that, with the note of how much was left out, it has
 * at most `max` characters. For a whole line, where `cutValue` is for one value in it.
 */
export function cutLine(text: string, max: number): string {
  if (text.length <= max) return text;
  const length = textLength(text);
  if (length <= max) return text;
  // The note of the whole length is the longest the note can be.
  const kept = Math.max(0, max - leftOut(length).length);
  return `${text.slice(0, indexAfter(text, kept))}${leftOut(length - kept)}`;
}

/** `JSON.stringify` of a value cut by `cutValue` (strings), or `String(value)` cut (anything else). */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(cutValue(value));
  return cutValue(String(value));
}
