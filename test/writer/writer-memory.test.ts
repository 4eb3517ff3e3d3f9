/**
 * A chunk sealed before it was full waits in the buffer so that it can keep taking records of its group until its
 * call goes out. Once its call went out, the buffer must let it go: live events come from many sessions (one group
 * each) that mostly never send again, and a writer that kept every such chunk would grow with the sessions it saw.
 */

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { drive, event, writerFixture } from './writer-fixture.js';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

describe('RecordWriter keeps no delivered record alive', () => {
  it('drops a partial chunk from the buffer once its call went out, whatever its group does next', async () => {
    const { clock, writer } = writerFixture({ flushIntervalMs: 1000 });
    const refs: WeakRef<object>[] = [];
    for (let n = 0; n < 200; n += 1) {
      // One event per session: each chunk is sealed partial (by the flush) and its group never sees another record.
      // The writer keeps a shallow copy of an event (with its eventId): follow its `properties` object.
      const properties = { pad: 'x'.repeat(100) };
      refs.push(new WeakRef(properties));
      await writer.putEvent(event(`session-${n}`, n, { properties }));
    }
    const report = await drive(clock, writer.flush());
    expect(report.delivered.events).toBe(200);
    // WeakRef targets stay alive until the job that made them ends.
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    const alive = refs.filter((ref) => ref.deref() !== undefined).length;
    // (The old buffer lets all but at most one go: V8 may keep the last object made alive a while.)
    expect(alive).toBeLessThanOrEqual(1);
    // The writer is still open and in use: it must not have been collected itself.
    expect(writer.closed).toBe(false);
  });
});
