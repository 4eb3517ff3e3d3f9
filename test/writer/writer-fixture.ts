import type { MemoryTransportOptions } from '../../src/transport/memory/memory-options.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { ManualClock } from '../../src/util/manual-clock.js';
import { RecordWriter } from '../../src/writer/record-writer.js';
import type { RecordWriterOptions } from '../../src/writer/writer-options.js';

/** A writer on a MemoryTransport set up with a tracker and Users/Items/Actions datasets, all on one ManualClock. */
export function writerFixture(
  writerOptions: Partial<RecordWriterOptions> = {},
  transportOptions: MemoryTransportOptions = {},
) {
  const clock = new ManualClock();
  const transport = new MemoryTransport({ clock, ...transportOptions });
  const datasetGroupArn = transport.createDatasetGroup({ name: 'shop' });
  const trackingId = 'tracking-1';
  transport.addTracker(trackingId, datasetGroupArn);
  const dataset = (datasetType: 'Users' | 'Items' | 'Actions') =>
    transport.createDataset({ datasetGroupArn, datasetType, schema: { type: 'record', name: datasetType, fields: [] } })
      .datasetArn;
  const datasets = { users: dataset('Users'), items: dataset('Items'), actions: dataset('Actions') };
  let ids = 0;
  const writer = new RecordWriter({
    transport,
    trackingId,
    datasets,
    clock,
    random: () => 0.5,
    generateEventId: () => `evt-${++ids}`,
    ...writerOptions,
  });
  return { clock, transport, writer, trackingId, datasets, datasetGroupArn };
}

/** An event of `sessionId` with `n` in its item id. */
export function event(sessionId: string, n: number, extra: Record<string, unknown> = {}) {
  return {
    sessionId,
    userId: `user-${sessionId}`,
    eventType: 'click',
    itemId: `item-${n}`,
    sentAt: new Date(1_700_000_000_000 + n * 1000),
    ...extra,
  };
}

/** Moves the clock timer by timer until `promise` settles, and returns its result. */
export async function drive<T>(clock: ManualClock, promise: Promise<T>, maxSteps = 100_000): Promise<T> {
  let settled = false;
  const watched = promise.finally(() => {
    settled = true;
  });
  watched.catch(() => {});
  for (let step = 0; !settled; step += 1) {
    if (step >= maxSteps) throw new Error(`still pending after ${maxSteps} clock steps`);
    const next = clock.nextTimerAt;
    await clock.advance(next === undefined ? 0 : Math.max(0, next - clock.now()));
  }
  return watched;
}
