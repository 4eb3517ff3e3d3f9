/**
 * GET /_fake/state reads the jobs (settling the due ones), then counts the datasets' rows; on a real clock a job can
 * fall due between the two, where `bulkRows` throws `UnreadImportJobError`. The view reads the jobs again instead of
 * answering a 500.
 */
import { expect, it } from 'vitest';
import { fakeState } from '../../src/local-endpoint/fake-pages.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { ManualClock } from '../../src/util/manual-clock.js';

it('reads the jobs again when one falls due between reading them and counting rows', async () => {
  const clock = new ManualClock();
  const fake = new MemoryTransport({ clock, jobTimings: { pendingMs: 5, inProgressMs: 5 } });
  const datasetGroupArn = fake.createDatasetGroup({ name: 'g' });
  const schema = { type: 'record', name: 'Users', fields: [{ name: 'USER_ID', type: 'string' }], version: '1.0' };
  const { datasetArn } = fake.createDataset({ datasetGroupArn, datasetType: 'Users', schema });
  fake.putObject({ bucket: 'data', key: 'u.csv' }, 'USER_ID\nu1\n');
  await fake.createDatasetImportJob({
    jobName: 'users-1',
    datasetArn,
    dataLocation: 's3://data/u.csv',
    roleArn: 'arn:aws:iam::123456789012:role/R',
    importMode: 'FULL',
  });
  // The first read of the jobs finds it in progress; time passes before the rows are counted.
  const read = fake.importJobs.bind(fake);
  let reads = 0;
  fake.importJobs = async () => {
    const jobs = await read();
    if (++reads === 1) await clock.advance(10);
    return jobs;
  };
  const state = (await fakeState(fake)) as {
    importJobs: { status: string }[];
    datasets: { bulkRowCount: number }[];
  };
  expect(reads).toBe(2);
  expect(state.importJobs).toEqual([expect.objectContaining({ status: 'ACTIVE' })]);
  expect(state.datasets).toEqual([expect.objectContaining({ bulkRowCount: 1 })]);
});
