/**
 * Parsers of option values: a bad value is a usage error (exit 2) with a message naming what was expected.
 * @module
 */
import { InvalidArgumentError } from 'commander';

/** An integer ≥ `min`. */
export function integerAtLeast(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`Expected an integer >= ${min}, got \`${value}\`.`);
    }
    return n;
  };
}

/** A number between `min` and `max`. */
export function numberBetween(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
      throw new InvalidArgumentError(`Expected a number ${min}..${max}, got \`${value}\`.`);
    }
    return n;
  };
}
