/**
 * Known gap (it.fails): since the fake's jobs read their files asynchronously, `bulkRows` no longer finishes a job
 * that is due on the clock; before the jobs merge it did. A user's test that creates a job, moves time and reads
 * `bulkRows` without describing the job now silently sees no rows. Suggested fix (the lead's call): `bulkRows` throws
 * a clear error when a job of the dataset is due but unread ("read the job first: describeDatasetImportJob"), or an
 * async `settleJobs()`. This test states the old contract.
 */
import { expect, it } from 'vitest';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { ManualClock } from '../../src/util/manual-clock.js';

it.fails('bulkRows shows the rows of a job that finished on the clock, though nobody read the job', async () => {
  const clock = new ManualClock();
  const transport = new MemoryTransport({ clock, jobTimings: { pendingMs: 1, inProgressMs: 1 } });
  const datasetGroupArn = transport.createDatasetGroup({ name: 'g' });
  const schema = { type: 'record', name: 'Users', fields: [{ name: 'USER_ID', type: 'string' }], version: '1.0' };
  const { datasetArn } = transport.createDataset({ datasetGroupArn, datasetType: 'Users', schema });
  transport.putObject({ bucket: 'data', key: 'u.csv' }, 'USER_ID\nu1\n');
  await transport.createDatasetImportJob({
    jobName: 'users-1',
    datasetArn,
    dataLocation: 's3://data/u.csv',
    roleArn: 'arn:aws:iam::123456789012:role/R',
    importMode: 'FULL',
  });
  await clock.advance(10);
  expect(transport.bulkRows(datasetArn)).toEqual([{ USER_ID: 'u1' }]);
});
