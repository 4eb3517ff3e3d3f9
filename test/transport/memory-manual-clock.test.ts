import { describe, expect, it } from 'vitest';
import { AbortedError } from '../../src/errors.js';
import { ManualClock } from '../../src/util/manual-clock.js';

describe('ManualClock', () => {
  it('starts at 2026-01-01 or the given time and moves only when advanced', async () => {
    expect(new ManualClock().now()).toBe(Date.UTC(2026, 0, 1));
    const clock = new ManualClock(1_000);
    await clock.advance(250);
    expect(clock.now()).toBe(1_250);
  });

  it('resolves a sleep once advanced by its duration, not before', async () => {
    const clock = new ManualClock(0);
    let woke: number | undefined;
    const sleeping = clock.sleep(100).then(() => {
      woke = clock.now();
    });
    await clock.advance(99);
    expect(woke).toBeUndefined();
    await clock.advance(1);
    await sleeping;
    expect(woke).toBe(100);
  });

  it('fires timers in time order, each at its own time, including ones scheduled while advancing', async () => {
    const clock = new ManualClock(0);
    const fired: string[] = [];
    clock.setTimer(() => fired.push(`b@${clock.now()}`), 20);
    clock.setTimer(() => {
      fired.push(`a@${clock.now()}`);
      clock.setTimer(() => fired.push(`c@${clock.now()}`), 15);
    }, 10);
    await clock.advance(30);
    expect(fired).toEqual(['a@10', 'b@20', 'c@25']);
    expect(clock.now()).toBe(30);
  });

  it('runs a poll loop that sleeps again within one advance', async () => {
    const clock = new ManualClock(0);
    const polls: number[] = [];
    const loop = (async () => {
      for (let n = 0; n < 3; n += 1) {
        await clock.sleep(1_000);
        polls.push(clock.now());
      }
    })();
    await clock.advance(3_000);
    await loop;
    expect(polls).toEqual([1_000, 2_000, 3_000]);
  });

  it('cancels timers and rejects an aborted sleep with AbortedError', async () => {
    const clock = new ManualClock(0);
    let fired = false;
    clock
      .setTimer(() => {
        fired = true;
      }, 10)
      .cancel();
    const controller = new AbortController();
    const sleeping = clock.sleep(50, controller.signal);
    controller.abort();
    await expect(sleeping).rejects.toThrow(AbortedError);
    await expect(clock.sleep(1, controller.signal)).rejects.toThrow(AbortedError);
    await clock.advance(100);
    expect(fired).toBe(false);
    expect(clock.pendingTimers).toBe(0);
  });

  it('runAll fires everything pending and says how far it went', async () => {
    const clock = new ManualClock(0);
    clock.setTimer(() => undefined, 0);
    clock.setTimer(() => undefined, 700);
    expect(clock.nextTimerAt).toBe(0);
    expect(await clock.runAll()).toBe(700);
    expect(clock.pendingTimers).toBe(0);
  });

  it('refuses to go back in time', async () => {
    await expect(new ManualClock().advance(-1)).rejects.toThrow(RangeError);
  });
});
