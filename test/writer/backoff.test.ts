import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/writer/backoff.js';

describe('backoffDelay (full jitter)', () => {
  const options = { baseDelayMs: 100, maxDelayMs: 5000 };

  it('draws from [0, base · 2^(retry-1)]', () => {
    expect(backoffDelay(1, options, 0)).toBe(0);
    expect(backoffDelay(1, options, 0.999)).toBe(99);
    expect(backoffDelay(3, options, 0.5)).toBe(200);
  });

  it('never exceeds the cap, however many retries', () => {
    expect(backoffDelay(40, options, 0.999)).toBe(4995);
    expect(backoffDelay(2000, options, 0.999)).toBeLessThanOrEqual(5000);
  });
});
