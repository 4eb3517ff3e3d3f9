import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/cli/virtual-clock.js';

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
});
