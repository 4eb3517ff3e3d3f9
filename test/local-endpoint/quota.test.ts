import { describe, expect, it } from 'vitest';
import { InvalidOptionsError } from '../../src/errors.js';
import { resolveLocalEndpointOptions } from '../../src/local-endpoint/local-endpoint-options.js';
import { QuotaGate } from '../../src/local-endpoint/quota.js';
import type { Transport } from '../../src/transport/transport.js';
import { ManualClock } from '../../src/util/manual-clock.js';
import { TokenBucket } from '../../src/util/token-bucket.js';

const backing = {} as Transport;

function takes(bucket: { tryTake(): boolean }, n: number): boolean[] {
  return Array.from({ length: n }, () => bucket.tryTake());
}

describe('TokenBucket', () => {
  it('starts full, lets `burst` requests through at once, then refuses', () => {
    const bucket = new TokenBucket({ requestsPerSecond: 10, burst: 3 }, new ManualClock());
    expect(takes(bucket, 4)).toEqual([true, true, true, false]);
  });

  it('refills at requestsPerSecond, never past burst', async () => {
    const clock = new ManualClock();
    const bucket = new TokenBucket({ requestsPerSecond: 10, burst: 2 }, clock);
    takes(bucket, 2);
    await clock.advance(99);
    expect(bucket.tryTake()).toBe(false);
    await clock.advance(1); // 100 ms at 10/s: one token
    expect(takes(bucket, 2)).toEqual([true, false]);
    await clock.advance(10_000);
    expect(takes(bucket, 3)).toEqual([true, true, false]);
  });
});

describe('QuotaGate', () => {
  it('gives each call its own bucket by default', () => {
    const { quota, quotaScope } = resolveLocalEndpointOptions({ backing, quota: { requestsPerSecond: 1 } });
    const gate = new QuotaGate(quota, quotaScope, new ManualClock());
    expect([gate.admit('putEvents'), gate.admit('putEvents'), gate.admit('putUsers')]).toEqual([true, false, true]);
  });

  it('shares one bucket with quotaScope shared', () => {
    const options = resolveLocalEndpointOptions({ backing, quota: { requestsPerSecond: 1 }, quotaScope: 'shared' });
    const gate = new QuotaGate(options.quota, options.quotaScope, new ManualClock());
    expect([gate.admit('putEvents'), gate.admit('putUsers')]).toEqual([true, false]);
  });

  it('limits only the calls given a rule', () => {
    const options = resolveLocalEndpointOptions({ backing, quota: { putItems: { requestsPerSecond: 1, burst: 1 } } });
    const gate = new QuotaGate(options.quota, options.quotaScope, new ManualClock());
    expect([gate.admit('putItems'), gate.admit('putItems')]).toEqual([true, false]);
    expect(Array.from({ length: 50 }, () => gate.admit('putEvents')).every(Boolean)).toBe(true);
  });
});

describe('resolveLocalEndpointOptions', () => {
  it('defaults burst to one second of rate (at least 1)', () => {
    expect(resolveLocalEndpointOptions({ backing, quota: { requestsPerSecond: 50 } }).quota.putEvents).toEqual({
      requestsPerSecond: 50,
      burst: 50,
    });
    expect(resolveLocalEndpointOptions({ backing, quota: { requestsPerSecond: 0.5 } }).quota.putUsers?.burst).toBe(1);
  });

  it('fills in the documented defaults', () => {
    const o = resolveLocalEndpointOptions({ backing });
    expect(o).toMatchObject({ port: 0, host: '127.0.0.1', latencyMs: 0, transientFaultRate: 0, throttleStatus: 400 });
    expect(o.quota).toEqual({});
  });

  it.each([
    [{ port: -1 }, 'Expected `port` to be an integer 0..65535, got `-1`'],
    [{ latencyMs: -5 }, 'Expected `latencyMs` to be a finite number >= 0, got `-5`'],
    [{ transientFaultRate: 1.5 }, 'Expected `transientFaultRate` to be 0..1, got `1.5`'],
    [{ throttleStatus: 503 }, 'Expected `throttleStatus` to be 400 or 429, got `503`'],
    [{ quota: { requestsPerSecond: 0 } }, 'Expected `quota.requestsPerSecond` to be a finite number > 0, got `0`'],
    [{ quota: { requestsPerSecond: 5, burst: 0.5 } }, 'Expected `quota.burst` to be >= 1, got `0.5`'],
    [{ quota: { putThings: { requestsPerSecond: 1 } } }, 'Expected `quota` to be keyed by'],
  ])('refuses %j', (bad, message) => {
    expect(() => resolveLocalEndpointOptions({ backing, ...(bad as object) })).toThrow(InvalidOptionsError);
    expect(() => resolveLocalEndpointOptions({ backing, ...(bad as object) })).toThrow(message);
  });
});
