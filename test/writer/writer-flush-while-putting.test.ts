/** Issue 7 fault 14: `flush()` waits for the records accepted before it, not for later ones. */
import { describe, expect, it } from 'vitest';
import { drive, event, writerFixture } from './writer-fixture.js';

describe('RecordWriter: flush waits only for what came before it (issue 7 fault 14)', () => {
  it('resolves while another task keeps putting', async () => {
    const { clock, writer } = writerFixture({ flushIntervalMs: 10 }, { latencyMs: 100 });
    for (let n = 0; n < 5; n += 1) await writer.putEvent(event('early', n));
    let producing = true;
    const producer = (async () => {
      for (let n = 0; producing; n += 1) {
        await writer.putEvent(event(`late${n % 4}`, n));
        await clock.sleep(20);
      }
    })();
    const report = await drive(clock, writer.flush(), 2_000);
    producing = false;
    expect(report.delivered.events).toBeGreaterThanOrEqual(5);
    await drive(clock, producer);
    await drive(clock, writer.close());
  });
});
