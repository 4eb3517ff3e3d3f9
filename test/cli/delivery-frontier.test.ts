import { describe, expect, it } from 'vitest';
import { DeliveryFrontier } from '../../src/cli/delivery-frontier.js';

describe('DeliveryFrontier', () => {
  it('moves only over lines that all settled, whatever order they land in, and across unread (blank) lines', () => {
    const frontier = new DeliveryFrontier(0);
    for (const line of [1, 2, 4, 5]) frontier.read(line);
    expect(frontier.line).toBe(0);
    frontier.settle(2);
    frontier.settle(4);
    expect(frontier.line).toBe(0);
    frontier.settle(1);
    expect(frontier.line).toBe(4);
    frontier.settle(5);
    expect(frontier.line).toBe(5);
  });

  it('holds at a failed line until the failed lines are kept safe, and starts at a resumed line', () => {
    const frontier = new DeliveryFrontier(10);
    expect(frontier.line).toBe(10);
    for (const line of [11, 12, 13]) frontier.read(line);
    frontier.settle(11);
    frontier.fail(12);
    frontier.settle(13);
    expect(frontier.line).toBe(11);
    frontier.settleFailed();
    expect(frontier.line).toBe(13);
  });

  it('stays correct over many lines (its list is trimmed as it goes)', () => {
    const frontier = new DeliveryFrontier(0);
    for (let line = 1; line <= 20_000; line += 1) frontier.read(line);
    for (let line = 20_000; line >= 2; line -= 1) frontier.settle(line);
    expect(frontier.line).toBe(0);
    frontier.settle(1);
    expect(frontier.line).toBe(20_000);
    frontier.read(20_001);
    expect(frontier.line).toBe(20_000);
  });
});
