import { describe, expect, it } from 'vitest';
import { InvalidOptionsError } from '../../src/errors.js';
import { expectBackoff } from '../../src/util/backoff.js';
import { expectInteger, expectMethods, expectNumber, expectOneOf, expectString } from '../../src/util/expect.js';

describe('option checks', () => {
  it('say what was expected and what came, in one format', () => {
    expect(() => expectInteger('maxBatchSize', 0, 1, 10)).toThrow(
      new InvalidOptionsError('Expected `maxBatchSize` to be an integer in 1..10, got `0`'),
    );
    expect(() => expectInteger('maxBufferedRecords', 2.5, 1, Number.POSITIVE_INFINITY)).toThrow(
      'Expected `maxBufferedRecords` to be an integer >= 1, got `2.5`',
    );
    expect(() => expectString('trackingId', '', { maxLength: 256 })).toThrow(
      'Expected `trackingId` to be a string of 1..256 characters, got `""`',
    );
    expect(() => expectOneOf('mode', 'full', ['FULL', 'INCREMENTAL'])).toThrow(
      'Expected `mode` to be one of FULL | INCREMENTAL, got `"full"`',
    );
  });

  it('accept the edges of a range and Infinity only where the range is open', () => {
    expect(() => expectInteger('n', 1, 1, 10)).not.toThrow();
    expect(() => expectInteger('n', 10, 1, 10)).not.toThrow();
    expect(() => expectNumber('rate', Number.POSITIVE_INFINITY, 0, Number.POSITIVE_INFINITY)).not.toThrow();
    expect(() => expectNumber('rate', Number.POSITIVE_INFINITY, 0, 10)).toThrow('got `Infinity`');
    expect(() => expectNumber('rate', 0, 0, 10, { exclusiveMin: true })).toThrow('Expected `rate` to be a number');
    expect(() => expectNumber('rate', Number.NaN, 0, 10)).toThrow('got `NaN`');
  });

  it('name the first method an injected collaborator lacks', () => {
    expect(() => expectMethods('clock', { now: () => 0 }, ['now', 'sleep'], 'a Clock')).toThrow(
      'Expected `clock` to be a Clock, with a method `sleep`, got `an object`',
    );
    expect(() => expectMethods('clock', 5, ['now'], 'a Clock')).toThrow('Expected `clock` to be a Clock, got `5`');
    expect(() => expectMethods('clock', { now: () => 0 }, ['now'], 'a Clock')).not.toThrow();
  });

  it('check a back-off by its fields, named under the option', () => {
    expect(() => expectBackoff('poll', { initialDelayMs: 10, maxDelayMs: 5, timeoutMs: 1 })).toThrow(
      'Expected `poll.maxDelayMs` to be an integer >= 10, got `5`',
    );
    expect(() => expectBackoff('poll', { initialDelayMs: 0, maxDelayMs: 0, timeoutMs: -1 })).toThrow(
      'Expected `poll.timeoutMs` to be a number >= 0, got `-1`',
    );
  });
});
