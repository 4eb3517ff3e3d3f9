/**
 * `bulkRows` and a job due on the clock that nobody has read: the fake's jobs read their files when a call reads the
 * job (asynchronously), so the synchronous `bulkRows` cannot finish it. Rather than answer the rows of before in
 * silence, as it did, it throws `UnreadImportJobError` (code `UNREAD_IMPORT_JOB`) naming the job and the call that
 * reads it; once read, the rows are there.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { UnreadImportJobError } from '../../src/transport/memory/memory-errors.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { ManualClock } from '../../src/util/manual-clock.js';

const schema = { type: 'record', name: 'Users', fields: [{ name: 'USER_ID', type: 'string' }], version: '1.0' };
let clock: ManualClock;
let transport: MemoryTransport;
let datasetArn: string;
let otherArn: string;

async function importUsers(jobName: string, arn = datasetArn) {
  return transport.createDatasetImportJob({
    jobName,
    datasetArn: arn,
    dataLocation: 's3://data/u.csv',
    roleArn: 'arn:aws:iam::123456789012:role/R',
    importMode: 'FULL',
  });
}

beforeEach(() => {
  clock = new ManualClock();
  transport = new MemoryTransport({ clock, jobTimings: { pendingMs: 1, inProgressMs: 1 } });
  const datasetGroupArn = transport.createDatasetGroup({ name: 'g' });
  datasetArn = transport.createDataset({ datasetGroupArn, datasetType: 'Users', schema }).datasetArn;
  const second = transport.createDatasetGroup({ name: 'h' });
  otherArn = transport.createDataset({ datasetGroupArn: second, datasetType: 'Users', schema }).datasetArn;
  transport.putObject({ bucket: 'data', key: 'u.csv' }, 'USER_ID\nu1\n');
});

describe('bulkRows with a job due on the clock but unread', () => {
  it('throws UnreadImportJobError naming the job and how to read it, rather than answer no rows', async () => {
    const { jobArn } = await importUsers('users-1');
    await clock.advance(10);
    let thrown: unknown;
    try {
      transport.bulkRows(datasetArn);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UnreadImportJobError);
    expect(thrown).toMatchObject({
      code: 'UNREAD_IMPORT_JOB',
      name: 'UnreadImportJobError',
      jobArn,
      message: expect.stringMatching(/users-1.*await transport\.importJobs\(\)/),
    });
  });

  it('shows the rows once the job is read: importJobs() or describeDatasetImportJob', async () => {
    const { jobArn } = await importUsers('users-1');
    await clock.advance(10);
    await transport.importJobs();
    expect(transport.bulkRows(datasetArn)).toEqual([{ USER_ID: 'u1' }]);
    await importUsers('users-2');
    await clock.advance(10);
    await transport.describeDatasetImportJob(jobArn);
    expect(transport.bulkRows(datasetArn)).toEqual([{ USER_ID: 'u1' }]);
  });

  it('answers the rows as they are while a job is not yet due, and for another dataset', async () => {
    await importUsers('users-1');
    expect(transport.bulkRows(datasetArn)).toEqual([]);
    await clock.advance(10);
    expect(transport.bulkRows(otherArn)).toEqual([]);
  });
});
