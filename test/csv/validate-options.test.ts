import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type ResolvedValidateCsvOptions,
  resolveValidateCsvOptions,
  type ValidateCsvConfiguration,
  type ValidateCsvOptions,
  validateCsvDefaults,
} from '../../src/csv/validate-options.js';
import { InvalidOptionsError } from '../../src/errors.js';
import { interactionsSchema } from '../support/schemas.js';

const base = { schema: interactionsSchema, datasetType: 'Interactions' } as const;

function refusal(options: Record<string, unknown>): string {
  try {
    resolveValidateCsvOptions({ ...base, ...options } as ValidateCsvOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidOptionsError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(options)}`);
}

describe('validateCsv options, in the one shape', () => {
  it('are the configuration made partial, plus the schema and the dataset type, with one default each', () => {
    expectTypeOf<ValidateCsvOptions>().toMatchTypeOf<Partial<ValidateCsvConfiguration>>();
    expectTypeOf<ValidateCsvOptions['schema']>().toEqualTypeOf<string | object>();
    expectTypeOf(validateCsvDefaults).toMatchTypeOf<ValidateCsvConfiguration>();
    const configurationKeys: Record<keyof ValidateCsvConfiguration, true> = {
      mode: true,
      domain: true,
      maxIssues: true,
      minInteractions: true,
      maxTrackedUsers: true,
      maxRecordBytes: true,
      maxHeaderBytes: true,
      maxHeaderFields: true,
      signal: true,
      onProgress: true,
    };
    expect(Object.keys(validateCsvDefaults).sort()).toEqual(Object.keys(configurationKeys).sort());
  });

  it('take the default for an undefined option and keep a 0', () => {
    // `undefined` is not in the type (exactOptionalPropertyTypes), but a JavaScript caller may pass it.
    const options = { ...base, maxIssues: undefined, minInteractions: 0 } as unknown as ValidateCsvOptions;
    const resolved: ResolvedValidateCsvOptions = resolveValidateCsvOptions(options);
    expect(resolved.maxIssues).toBe(validateCsvDefaults.maxIssues);
    expect(resolved.minInteractions).toBe(0);
    expect(resolved.maxRecordBytes).toBe(16 * 1024 * 1024);
  });

  it('refuse each bad option in the one message format', () => {
    expect(refusal({ schema: null })).toBe('Expected `schema` to be an Avro JSON string or object, got `null`');
    expect(refusal({ datasetType: 'Clicks' })).toBe(
      'Expected `datasetType` to be one of Interactions | Items | Users | Actions | Action_Interactions, got `"Clicks"`',
    );
    expect(refusal({ mode: 'full' })).toBe('Expected `mode` to be one of FULL | INCREMENTAL, got `"full"`');
    expect(refusal({ domain: 'RETAIL' })).toBe(
      'Expected `domain` to be one of ECOMMERCE | VIDEO_ON_DEMAND, got `"RETAIL"`',
    );
    expect(refusal({ maxIssues: -1 })).toBe('Expected `maxIssues` to be an integer >= 0, got `-1`');
    expect(refusal({ minInteractions: 1.5 })).toBe('Expected `minInteractions` to be an integer >= 0, got `1.5`');
    expect(refusal({ maxTrackedUsers: 2 ** 60 })).toMatch(/^Expected `maxTrackedUsers` to be an integer >= 0/);
    expect(refusal({ maxRecordBytes: 1023 })).toBe('Expected `maxRecordBytes` to be an integer >= 1024, got `1023`');
    expect(refusal({ maxHeaderBytes: 0 })).toBe('Expected `maxHeaderBytes` to be an integer >= 1, got `0`');
    expect(refusal({ maxHeaderFields: '10' })).toBe('Expected `maxHeaderFields` to be an integer >= 1, got `"10"`');
    expect(refusal({ onProgress: 5 })).toBe('Expected `onProgress` to be a function, got `5`');
    expect(refusal({ signal: { aborted: false } })).toBe(
      'Expected `signal` to be an AbortSignal, with a method `addEventListener`, got `an object`',
    );
  });

  it('refuse options that are not an object', () => {
    expect(() => resolveValidateCsvOptions(undefined as never)).toThrow(
      new InvalidOptionsError('Expected `options` to be an object, got `undefined`'),
    );
  });

  it('accept an AbortSignal, a function and every mode and domain', () => {
    const options = {
      ...base,
      signal: new AbortController().signal,
      onProgress: () => {},
      mode: 'FULL',
      domain: 'VIDEO_ON_DEMAND',
    } as const;
    expect(resolveValidateCsvOptions(options)).toMatchObject({ mode: 'FULL', domain: 'VIDEO_ON_DEMAND' });
    expect(resolveValidateCsvOptions({ ...base, mode: 'INCREMENTAL', domain: 'ECOMMERCE' }).mode).toBe('INCREMENTAL');
  });
});
