/**
 * `expectNumber(name, value, min, Number.MAX_VALUE)` refuses `Infinity`, so its message must say "finite" (not
 * ``a number >= 0, got `Infinity` ``, which contradicts itself). Every finite-only option goes through it
 * (latencyMs, jobTimings.*, requestsPerSecond.*, quota.requestsPerSecond, quota.burst, bodyTimeoutMs).
 */
import { describe, expect, it } from 'vitest';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { expectNumber } from '../../src/util/expect.js';

describe('a finite-only number refused as Infinity', () => {
  it('says it must be finite', () => {
    expect(() => expectNumber('latencyMs', Number.POSITIVE_INFINITY, 0, Number.MAX_VALUE)).toThrow(/finite/);
  });

  it('in the fake too', () => {
    expect(() => new MemoryTransport({ latencyMs: Number.POSITIVE_INFINITY })).toThrow(/finite/);
  });
});
