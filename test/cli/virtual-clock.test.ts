import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/cli/virtual-clock.js';
import { AbortedError } from '../../src/errors.js';

describe('VirtualClock', () => {
  it('jumps to the next timer when idle, firing timers in time order', async () => {
    const clock = new VirtualClock(0);
    const fired: string[] = [];
    clock.setTimer(() => fired.push('b@200'), 200);
    clock.setTimer(() => fired.push('a@100'), 100);
    const work = (async () => {
      await clock.sleep(60_000);
      fired.push(`slept@${clock.now()}`);
      return 'done';
    })();
    await expect(clock.run(work)).resolves.toBe('done');
    expect(fired).toEqual(['a@100', 'b@200', 'slept@60000']);
  });

  it('a cancelled timer never fires; an aborted sleep rejects with AbortedError', async () => {
    const clock = new VirtualClock(0);
    let fired = false;
    clock
      .setTimer(() => {
        fired = true;
      }, 10)
      .cancel();
    const controller = new AbortController();
    const sleeping = clock.sleep(1000, controller.signal);
    controller.abort();
    await expect(sleeping).rejects.toBeInstanceOf(AbortedError);
    await clock.run(clock.sleep(20));
    expect(fired).toBe(false);
    expect(clock.now()).toBe(20);
  });
});
