import { describe, expect, it } from 'vitest';
import { InvalidOptionsError } from '../../src/errors.js';
import { resolveLocalEndpointOptions } from '../../src/local-endpoint/local-endpoint-options.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { RequestQuota } from '../../src/transport/memory/service-conditions.js';
import { ManualClock } from '../../src/util/manual-clock.js';
import { TokenBucket } from '../../src/util/token-bucket.js';

const backing = new MemoryTransport();

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

describe('RequestQuota', () => {
  it('gives each call its own bucket by default', () => {
    const { quota, quotaScope } = resolveLocalEndpointOptions({ backing, quota: { requestsPerSecond: 1 } });
    const gate = new RequestQuota(quota, quotaScope, new ManualClock());
    expect([gate.take('putEvents'), gate.take('putEvents'), gate.take('putUsers')]).toEqual([true, false, true]);
  });

  it('shares one bucket with quotaScope shared', () => {
    const options = resolveLocalEndpointOptions({ backing, quota: { requestsPerSecond: 1 }, quotaScope: 'shared' });
    const gate = new RequestQuota(options.quota, options.quotaScope, new ManualClock());
    expect([gate.take('putEvents'), gate.take('putUsers')]).toEqual([true, false]);
  });

  it('limits only the calls given a rule', () => {
    const options = resolveLocalEndpointOptions({ backing, quota: { putItems: { requestsPerSecond: 1, burst: 1 } } });
    const gate = new RequestQuota(options.quota, options.quotaScope, new ManualClock());
    expect([gate.take('putItems'), gate.take('putItems')]).toEqual([true, false]);
    expect(Array.from({ length: 50 }, () => gate.take('putEvents')).every(Boolean)).toBe(true);
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
    [{ port: -1 }, 'Expected `port` to be an integer in 0..65535, got `-1`'],
    [{ latencyMs: -5 }, 'Expected `latencyMs` to be a finite number >= 0, got `-5`'],
    [{ latencyMs: Number.POSITIVE_INFINITY }, 'Expected `latencyMs` to be a finite number >= 0, got `Infinity`'],
    [{ transientFaultRate: 1.5 }, 'Expected `transientFaultRate` to be a number in 0..1, got `1.5`'],
    [{ throttleStatus: 503 }, 'Expected `throttleStatus` to be one of 400 | 429, got `503`'],
    [{ quotaScope: 'global' }, 'Expected `quotaScope` to be one of per-call | shared, got `"global"`'],
    [{ faultScope: 'some' }, 'Expected `faultScope` to be one of data-plane | all, got `"some"`'],
    [{ quota: { requestsPerSecond: 0 } }, 'Expected `quota.requestsPerSecond` to be a finite number > 0, got `0`'],
    [
      { quota: { requestsPerSecond: Number.POSITIVE_INFINITY } },
      'Expected `quota.requestsPerSecond` to be a finite number > 0, got `Infinity`',
    ],
    [{ quota: { requestsPerSecond: 5, burst: 0.5 } }, 'Expected `quota.burst` to be a finite number >= 1, got `0.5`'],
    [{ quota: { putThings: { requestsPerSecond: 1 } } }, 'Expected `quota` to be an object keyed by putEvents |'],
    [
      { quota: { putEvents: { requestsPerSecond: 1 } }, quotaScope: 'shared' },
      "Expected `quota` to be one rule when `quotaScope` is 'shared'",
    ],
    [{ random: 0.5 }, 'Expected `random` to be a function, got `0.5`'],
    [{ clock: { now: () => 0 } }, 'Expected `clock` to be a Clock (now, sleep, setTimer), with a method `sleep`'],
    [
      { backing: {} },
      'Expected `backing` to be a Transport (a MemoryTransport or your own), with a method `putEvents`',
    ],
    [
      { backing: { ...Object.fromEntries(['putEvents'].map((m) => [m, () => undefined])) } },
      'with a method `putUsers`',
    ],
  ])('refuses %j', (bad, message) => {
    expect(() => resolveLocalEndpointOptions({ backing, ...(bad as object) })).toThrow(InvalidOptionsError);
    expect(() => resolveLocalEndpointOptions({ backing, ...(bad as object) })).toThrow(message);
  });
});
