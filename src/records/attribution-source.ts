/**
 * The rule of `MetricAttribution.eventAttributionSource`, `EVENT_ATTRIBUTION_SOURCE_PATTERN`, checked in linear time.
 * @module
 */

const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;
const NOT_A_SPACE = /[\x21-\x7E]/;

/**
 * Whether `value` matches `EVENT_ATTRIBUTION_SOURCE_PATTERN` (printable ASCII, at least one character not a space).
 * Not the pattern itself: its three adjacent overlapping repetitions backtrack cubically on printable text that ends in
 * a refused character (2,000 characters took 2.3 s), and the length limit is checked beside it, not before it.
 */
export function isEventAttributionSource(value: string): boolean {
  return PRINTABLE_ASCII.test(value) && NOT_A_SPACE.test(value);
}
