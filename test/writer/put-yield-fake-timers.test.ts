/**
 * A put lets the event loop turn every 5 ms on the system clock; under vitest's `vi.useFakeTimers()` (which fakes
 * `setImmediate` and `performance`, the documented way to drive `flushIntervalMs`) a put must still resolve.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { RecordWriter } from '../../src/writer/record-writer.js';

const realSetTimeout = globalThis.setTimeout;

function within<T>(ms: number, promise: Promise<T>): Promise<T | 'hung'> {
  return Promise.race([promise, new Promise<'hung'>((resolve) => realSetTimeout(() => resolve('hung'), ms))]);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('puts under vitest fake timers', () => {
  it('a put after the fake clock advanced still resolves', async () => {
    vi.useFakeTimers();
    const transport = new MemoryTransport();
    const group = transport.createDatasetGroup({ name: 'g' });
    const { datasetArn } = transport.createDataset({
      datasetGroupArn: group,
      datasetType: 'Users',
      schema: { type: 'record', name: 'Users', fields: [] },
    });
    const writer = new RecordWriter({ transport, datasets: { users: datasetArn }, flushIntervalMs: 1_000 });
    expect(await within(500, writer.putUser({ userId: 'u1' }))).toBeUndefined();
    vi.advanceTimersByTime(10);
    // The second put waits for a faked setImmediate that only advancing the fake timers would run.
    expect(await within(500, writer.putUser({ userId: 'u2' }))).toBeUndefined();
  });
});
