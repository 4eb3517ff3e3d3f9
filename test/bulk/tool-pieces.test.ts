import { describe, expect, it } from 'vitest';
import { RecordWriter } from '../../src/writer/record-writer.js';
import { BUCKET, bulkFixture, settle } from './support/fixture.js';

const SOURCE = `s3://${BUCKET}/data/interactions.csv`;

describe('the pieces a tool needs', () => {
  it('startImport, then listJobs / describeJob / waitForJob by ARN', async () => {
    const f = bulkFixture();
    const started = await f.importer.startImport('FULL', { datasetArn: f.datasetArn, source: SOURCE });
    const listed = await f.importer.listJobs({ datasetArn: f.datasetArn });
    expect(listed).toEqual([expect.objectContaining({ jobArn: started.jobArn, status: 'CREATE PENDING' })]);
    expect(await f.importer.listJobs({ dataset: 'Interactions', datasetGroupArn: f.datasetGroupArn })).toHaveLength(1);
    expect((await f.importer.describeJob(started.jobArn)).jobName).toBe(started.jobName);
    const job = await settle(f.clock, f.importer.waitForJob(started.jobArn));
    expect(job.status).toBe('ACTIVE');
  });

  it('lists every page of a dataset with many jobs', async () => {
    const f = bulkFixture({ transport: { jobTimings: { pendingMs: 0, inProgressMs: 1 } } });
    for (let i = 0; i < 105; i++) {
      await f.importer.startImport('FULL', { datasetArn: f.datasetArn, source: SOURCE, jobName: `job-${i}` });
      await f.clock.advance(1);
    }
    f.transport.clearHistory();
    const seen: string[] = [];
    for await (const job of f.importer.iterateJobs({ datasetArn: f.datasetArn })) seen.push(job.jobName);
    expect(seen).toHaveLength(105);
    expect(f.transport.callsOf('listDatasetImportJobs')).toHaveLength(2);
  });

  it('creates a RecordWriter over the same transport', async () => {
    const f = bulkFixture();
    f.transport.addTracker('tracker-1');
    const writer = f.importer.createRecordWriter({ trackingId: 'tracker-1', clock: f.clock });
    expect(writer).toBeInstanceOf(RecordWriter);
    await writer.putEvent({ sessionId: 's1', userId: 'u1', eventType: 'click', sentAt: new Date(f.clock.now()) });
    const closing = writer.close();
    await settle(f.clock, closing, 100);
    expect(f.transport.events('tracker-1')).toHaveLength(1);
  });
});
