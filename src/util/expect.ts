/**
 * Checks of options, in one message format: ``Expected `maxBatchSize` to be an integer in 1..10, got `0` ``. Every
 * check throws `InvalidOptionsError` naming the option, what was expected and what came. Constructors call these
 * right after applying their defaults, so bad configuration fails at construction, not at the first call.
 * @module
 */
import { InvalidOptionsError } from '../errors.js';

/** How a value is shown in a message: short, and never the whole of a long string or a big object. */
export function shownValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'bigint') return `${value}n`;
  return String(value);
}

/** Throws the one message format: ``Expected `name` to be <expected>, got `<value>` ``. */
export function failOption(name: string, expected: string, value: unknown): never {
  throw new InvalidOptionsError(`Expected \`${name}\` to be ${expected}, got \`${shownValue(value)}\``);
}

function rangeText(min: number, max: number): string {
  if (max >= Number.MAX_SAFE_INTEGER) return min === Number.NEGATIVE_INFINITY ? 'any' : `>= ${min}`;
  return `in ${min}..${max}`;
}

/** An integer in `min..max` (`max` may be `Infinity`: no ceiling). */
export function expectInteger(name: string, value: unknown, min: number, max: number): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    failOption(name, `an integer ${rangeText(min, max)}`, value);
  }
}

/**
 * A number in `min..max`, `Infinity` allowed only when `max` is. `min` is exclusive when `exclusiveMin` is set
 * (a rate or a factor above 0).
 */
export function expectNumber(
  name: string,
  value: unknown,
  min: number,
  max: number,
  { exclusiveMin = false }: { exclusiveMin?: boolean } = {},
): asserts value is number {
  const ok =
    typeof value === 'number' &&
    !Number.isNaN(value) &&
    (Number.isFinite(value) || value === max) &&
    (exclusiveMin ? value > min : value >= min) &&
    value <= max;
  if (!ok) {
    const range = exclusiveMin
      ? max >= Number.MAX_SAFE_INTEGER
        ? `> ${min}`
        : `in ${min}..${max}, above ${min}`
      : rangeText(min, max);
    // A huge finite ceiling (`Number.MAX_VALUE`) means "finite, no other bound": say finite, since Infinity fails.
    const finite = max !== Number.POSITIVE_INFINITY && max >= Number.MAX_SAFE_INTEGER ? 'finite ' : '';
    failOption(name, `a ${finite}number ${range}`, value);
  }
}

/**
 * An options object holds only the keys it knows: a misspelled or renamed option (`retry.baseDelayMs` after it became
 * `retry.initialDelayMs`) would otherwise be ignored without a word. `name` is the object's path (`retry`), or
 * `undefined` for a top-level options object.
 */
export function expectKnownKeys(name: string | undefined, value: object, known: readonly string[]): void {
  const unknown = Object.keys(value).find((key) => !known.includes(key));
  if (unknown === undefined) return;
  const path = name === undefined ? unknown : `${name}.${unknown}`;
  const within = name === undefined ? 'the options' : `\`${name}\``;
  throw new InvalidOptionsError(
    `Unknown option \`${path}\`: ${within} take${name === undefined ? '' : 's'} ${[...known].sort().join(', ')}`,
  );
}

/** A string of `minLength..maxLength` characters (UTF-16 code units) that matches `pattern`, described by `what`. */
export function expectString(
  name: string,
  value: unknown,
  {
    minLength = 1,
    maxLength = Number.POSITIVE_INFINITY,
    pattern,
    what,
  }: {
    minLength?: number;
    maxLength?: number;
    pattern?: RegExp;
    what?: string;
  } = {},
): asserts value is string {
  const ok =
    typeof value === 'string' &&
    value.length >= minLength &&
    value.length <= maxLength &&
    (pattern === undefined || pattern.test(value));
  if (!ok) {
    const length =
      maxLength === Number.POSITIVE_INFINITY
        ? minLength > 0
          ? 'a non-empty string'
          : 'a string'
        : `a string of ${minLength}..${maxLength} characters`;
    failOption(name, what === undefined ? length : `${what} (${length})`, value);
  }
}

/** One of `allowed`. */
export function expectOneOf<T extends string | number | boolean>(
  name: string,
  value: unknown,
  allowed: readonly T[],
): asserts value is T {
  if (!allowed.includes(value as T)) failOption(name, `one of ${allowed.map(String).join(' | ')}`, value);
}

/** `true` or `false`. */
export function expectBoolean(name: string, value: unknown): asserts value is boolean {
  if (typeof value !== 'boolean') failOption(name, 'a boolean', value);
}

/** A function. */
export function expectFunction(name: string, value: unknown): asserts value is (...args: never[]) => unknown {
  if (typeof value !== 'function') failOption(name, 'a function', value);
}

/** A plain object (not null, not an array). */
export function expectObject(name: string, value: unknown): asserts value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) failOption(name, 'an object', value);
}

/**
 * An injected collaborator: an object with every method in `methods`, described by `what` (e.g. "a Transport (an
 * AwsTransport, a MemoryTransport or your own)"). The message names the first missing method.
 */
export function expectMethods(name: string, value: unknown, methods: readonly string[], what: string): void {
  if (typeof value !== 'object' || value === null) failOption(name, what, value);
  const missing = methods.find((method) => typeof (value as Record<string, unknown>)[method] !== 'function');
  if (missing !== undefined) failOption(name, `${what}, with a method \`${missing}\``, value);
}
