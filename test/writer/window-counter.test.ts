import { describe, expect, it } from 'vitest';
import { WindowCounter } from '../../src/writer/window-counter.js';

describe('WindowCounter', () => {
  it('counts the events of the trailing window only', () => {
    const counter = new WindowCounter(1000);
    for (const at of [0, 100, 900, 1500]) counter.add(at);
    expect(counter.count(1500)).toBe(2); // 900 and 1500; 0 and 100 are older than 500
    expect(counter.count(1899)).toBe(2);
    expect(counter.count(1901)).toBe(1);
    expect(counter.count(5000)).toBe(0);
  });

  it('keeps memory bounded by about one window of events however long it runs', () => {
    const counter = new WindowCounter(1000);
    for (let i = 0; i < 1_000_000; i += 1) counter.add(i); // 1,000 events a second for 1,000 s
    expect(counter.count(999_999)).toBe(1000);
    expect(counter.retained).toBeLessThanOrEqual(2 * 1000 + 1024);
  });
});
