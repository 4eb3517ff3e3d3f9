/**
 * `close({ timeoutMs })` sleeps on the clock, and Node's `setTimeout` takes at most 2^31-1 ms: `Infinity` or anything
 * larger fires after 1 ms (TimeoutOverflowWarning) and would cut off every call in flight, reporting delivered
 * records as OUTCOME_UNKNOWN. Such a value is refused instead.
 */
import { describe, expect, it } from 'vitest';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { RecordWriter } from '../../src/writer/record-writer.js';

describe('close({ timeoutMs }) past the timer range', () => {
  it.each([Number.POSITIVE_INFINITY, 2 ** 31])(
    'timeoutMs %s waits for a 100 ms call instead of cutting it off',
    async (timeoutMs) => {
      const transport = new MemoryTransport({ latencyMs: 100 });
      const group = transport.createDatasetGroup({ name: 'g' });
      const { datasetArn } = transport.createDataset({
        datasetGroupArn: group,
        datasetType: 'Users',
        schema: { type: 'record', name: 'Users', fields: [] },
      });
      const writer = new RecordWriter({ transport, datasets: { users: datasetArn }, flushIntervalMs: 0 });
      await writer.putUser({ userId: 'u1' });
      let report: Awaited<ReturnType<RecordWriter['close']>>;
      try {
        report = await writer.close({ timeoutMs });
      } catch (error) {
        // A clear refusal of the value would be fine too.
        expect((error as Error).name).toBe('InvalidOptionsError');
        return;
      }
      expect(report.undelivered).toEqual([]);
      expect(report.delivered.users).toBe(1);
    },
  );
});
