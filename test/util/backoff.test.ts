import { describe, expect, it } from 'vitest';
import { backoffDelay, pollDelay } from '../../src/util/backoff.js';

const bounds = { initialDelayMs: 1000, maxDelayMs: 8000 };

describe('backoffDelay', () => {
  it('doubles the ceiling each attempt up to maxDelayMs', () => {
    const almostOne = () => 0.999_999;
    expect([0, 1, 2, 3, 4, 10].map((attempt) => backoffDelay(attempt, bounds, almostOne))).toEqual([
      999, 1999, 3999, 7999, 7999, 7999,
    ]);
  });

  it('draws uniformly below the ceiling (full jitter)', () => {
    expect(backoffDelay(2, bounds, () => 0)).toBe(0);
    expect(backoffDelay(2, bounds, () => 0.5)).toBe(2000);
    expect(backoffDelay(2, bounds, () => 0.25)).toBe(1000);
  });

  it('stays finite for huge attempt numbers and clamps a bad random', () => {
    expect(backoffDelay(5000, bounds, () => 0.5)).toBe(4000);
    expect(backoffDelay(0, bounds, () => 7)).toBe(1000);
    expect(backoffDelay(0, bounds, () => -1)).toBe(0);
  });
});

describe('pollDelay', () => {
  it('draws in 3/4..1 of a ceiling that doubles up to maxDelayMs', () => {
    expect([0, 1, 2, 3, 9].map((attempt) => pollDelay(attempt, bounds, () => 0))).toEqual([
      750, 1500, 3000, 6000, 6000,
    ]);
    expect([0, 3].map((attempt) => pollDelay(attempt, bounds, () => 0.999_999))).toEqual([999, 7999]);
    expect(pollDelay(1, bounds, () => 0.5)).toBe(1750);
  });
});
