// The examples of docs/testing-with-the-fake.md, run as written (imports from the package's entry points, src/index.ts and src/testing.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  FatalTransportError,
  InvalidInputError,
  InvalidOptionsError,
  ThrottledError,
  TransientError,
  type Transport,
} from '../../src/index.js';
import { MemoryTransport } from '../../src/testing.js';

const itemsSchema = {
  type: 'record',
  name: 'Items',
  namespace: 'com.amazonaws.personalize.schema',
  fields: [
    { name: 'ITEM_ID', type: 'string' },
    { name: 'GENRES', type: ['null', 'string'], categorical: true },
  ],
  version: '1.0',
};

function setUp(transport: MemoryTransport) {
  const datasetGroupArn = transport.createDatasetGroup({ name: 'shop' });
  const { datasetArn: itemsArn } = transport.createDataset({
    datasetGroupArn,
    datasetType: 'Items',
    schema: itemsSchema,
  });
  const { trackingId } = transport.createEventTracker({ datasetGroupArn });
  return { datasetGroupArn, itemsArn, trackingId };
}

async function syncCatalog(transport: Transport, itemsArn: string, ids: string[]) {
  for (let start = 0; start < ids.length; start += 10) {
    const items = ids.slice(start, start + 10).map((itemId) => ({ itemId }));
    await transport.putItems({ datasetArn: itemsArn, items });
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe('docs/testing-with-the-fake.md', () => {
  it('Set-up: ARNs and tracking ids as documented', () => {
    const transport = new MemoryTransport();
    const { datasetGroupArn, itemsArn, trackingId } = setUp(transport);
    expect(datasetGroupArn).toBe('arn:aws:personalize:us-east-1:123456789012:dataset-group/shop');
    expect(itemsArn).toBe('arn:aws:personalize:us-east-1:123456789012:dataset/shop/ITEMS');
    expect(trackingId).toBe('00000000-0000-4000-8000-000000000001');
  });

  it('Assertions', async () => {
    const transport = new MemoryTransport();
    const { itemsArn } = setUp(transport);
    await syncCatalog(transport, itemsArn, ['a', 'b', 'c']);
    expect(transport.items(itemsArn)).toEqual([{ itemId: 'a' }, { itemId: 'b' }, { itemId: 'c' }]);
    expect(transport.callsOf('putItems')).toHaveLength(1);
    expect(transport.history[0]).toMatchObject({ call: 'putItems', outcome: 'ok' });
  });

  it('Scripting faults', async () => {
    const transport = new MemoryTransport();
    const { itemsArn } = setUp(transport);
    const put = (itemId: string) => transport.putItems({ datasetArn: itemsArn, items: [{ itemId }] });
    transport.throttleNext(2, { call: 'putItems' });
    transport.failNext();
    transport.failNext(1, { error: new FatalTransportError('Access denied') });
    await expect(put('x')).rejects.toThrow(ThrottledError);
    await expect(put('x')).rejects.toThrow(ThrottledError);
    await expect(put('x')).rejects.toThrow(TransientError);
    await expect(put('x')).rejects.toThrow('Access denied');
    const stop = transport.rejectRecords((record) =>
      'itemId' in record && record.itemId?.startsWith('bad') ? `Invalid item ${record.itemId}` : undefined,
    );
    await expect(put('bad1')).rejects.toMatchObject({ name: 'InvalidInputError', message: 'Invalid item bad1' });
    await expect(put('bad2')).rejects.toThrow(InvalidInputError);
    stop();
    await put('bad1');
    transport.failNextJob('Insufficient privileges to access s3://data/items.csv');
    transport.clearScripts();
    const limited = new MemoryTransport({ requestsPerSecond: { putEvents: 1000, putItems: 10 } });
    const shop = setUp(limited);
    for (let n = 0; n < 10; n += 1) await limited.putItems({ datasetArn: shop.itemsArn, items: [{ itemId: 'i' }] });
    await expect(limited.putItems({ datasetArn: shop.itemsArn, items: [{ itemId: 'i' }] })).rejects.toThrow(
      ThrottledError,
    );
  });

  it('Time: import jobs and the clock, with vitest fake timers', async () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    const transport = new MemoryTransport({ jobTimings: { pendingMs: 1_000, inProgressMs: 60_000 } });
    const { itemsArn } = setUp(transport);
    transport.putObject({ bucket: 'data', key: 'items.csv' }, 'ITEM_ID,GENRES\ni1,comedy|drama\ni2,\n');
    const { jobArn } = await transport.createDatasetImportJob({
      jobName: 'items-2026-01-01',
      datasetArn: itemsArn,
      dataLocation: 's3://data/items.csv',
      roleArn: 'arn:aws:iam::123456789012:role/PersonalizeS3',
      importMode: 'FULL',
    });
    expect((await transport.describeDatasetImportJob(jobArn)).status).toBe('CREATE PENDING');
    await vi.advanceTimersByTimeAsync(61_000);
    expect((await transport.describeDatasetImportJob(jobArn)).status).toBe('ACTIVE');
    expect(transport.bulkRows(itemsArn)).toEqual([
      { ITEM_ID: 'i1', GENRES: 'comedy|drama' },
      { ITEM_ID: 'i2', GENRES: '' },
    ]);

    // Time: a job checks its files (the example after the ManualClock one).
    transport.putObject({ bucket: 'data', key: 'items-2.csv' }, 'ITEM_ID,GENRES\ni3,comedy\n,drama\n');
    const { jobArn: failing } = await transport.createDatasetImportJob({
      jobName: 'items-2026-01-02',
      datasetArn: itemsArn,
      dataLocation: 's3://data/items-2.csv',
      roleArn: 'arn:aws:iam::123456789012:role/PersonalizeS3',
      importMode: 'FULL',
    });
    await vi.advanceTimersByTimeAsync(61_000);
    expect(await transport.describeDatasetImportJob(failing)).toMatchObject({
      status: 'CREATE FAILED',
      failureReason: expect.stringContaining('Invalid CSV s3://data/items-2.csv, line 3, column ITEM_ID'),
    });
    expect(transport.bulkRows(itemsArn)).toHaveLength(2); // a failed job stores nothing: the first job's rows stay
  });

  it('Options: the documented message', () => {
    expect(() => new MemoryTransport({ latencyMs: -1 })).toThrow(InvalidOptionsError);
    expect(() => new MemoryTransport({ latencyMs: -1 })).toThrow(
      'Expected `latencyMs` to be a finite number >= 0, got `-1`',
    );
  });
});
