import { describe, expect, it } from 'vitest';
import { DatasetImporter } from '../../src/bulk/dataset-importer.js';
import {
  AbortedError,
  FatalTransportError,
  InvalidOptionsError,
  ThrottledError,
  TransientError,
} from '../../src/errors.js';
import { BUCKET, bulkFixture, interactionsCsv, ROLE_ARN, settle } from './support/fixture.js';

// AwsTransport's clients make one attempt per call (the SDK's retry would multiply with the library's), so the
// importer must retry its own calls: before, one throttle on any call but a poll failed the whole import.
const SOURCE = `s3://${BUCKET}/data/interactions.csv`;

describe('importBulk retries throttled and failed calls', () => {
  it.each([['listDatasetImportJobs'], ['createDatasetImportJob'], ['headObject']] as const)(
    'a throttled %s is retried and the import finishes',
    async (call) => {
      const f = bulkFixture();
      f.transport.throttleNext(2, { call });
      const job = await settle(f.clock, f.importer.importBulk('FULL', { datasetArn: f.datasetArn, source: SOURCE }));
      expect(job.status).toBe('ACTIVE');
      expect(f.transport.callsOf(call).length).toBeGreaterThanOrEqual(3);
      expect(f.transport.callsOf('createDatasetImportJob').filter((c) => c.error === undefined)).toHaveLength(1);
    },
  );

  it.each([['describeDataset'], ['describeSchema'], ['describeDatasetGroup']] as const)(
    'a throttled %s of the validation is retried',
    async (call) => {
      const f = bulkFixture();
      f.transport.throttleNext(1, { call });
      const importing = f.importer.importBulk('FULL', { datasetArn: f.datasetArn, source: SOURCE, validate: true });
      expect((await settle(f.clock, importing)).status).toBe('ACTIVE');
      expect(f.transport.callsOf(call)).toHaveLength(2);
    },
  );

  it('a failed GetObject of the validation is not retried (a stream restarts from its first byte)', async () => {
    const f = bulkFixture();
    f.transport.failNext(1, { call: 'getObject' });
    const importing = f.importer.importBulk('FULL', { datasetArn: f.datasetArn, source: SOURCE, validate: true });
    await expect(settle(f.clock, importing)).rejects.toBeInstanceOf(TransientError);
    expect(f.transport.callsOf('getObject')).toHaveLength(1);
  });

  it('a throttled listing of a folder source is retried', async () => {
    const f = bulkFixture();
    f.transport.putObject({ bucket: BUCKET, key: 'folder/a.csv' }, interactionsCsv());
    f.transport.throttleNext(1, { call: 'listObjects' });
    const importing = f.importer.importBulk('FULL', { datasetArn: f.datasetArn, source: `s3://${BUCKET}/folder/` });
    expect((await settle(f.clock, importing)).status).toBe('ACTIVE');
    expect(f.transport.callsOf('listObjects')).toHaveLength(2);
  });

  it('a throttled look-up of the job a re-run attaches to is retried', async () => {
    const f = bulkFixture();
    const first = await settle(f.clock, f.importer.importBulk('FULL', { datasetArn: f.datasetArn, source: SOURCE }));
    const before = f.transport.callsOf('describeDatasetImportJob').length;
    f.transport.throttleNext(1, { call: 'describeDatasetImportJob' });
    const again = await settle(f.clock, f.importer.startImport('FULL', { datasetArn: f.datasetArn, source: SOURCE }));
    expect(again).toMatchObject({ attached: true, jobArn: first.jobArn });
    expect(f.transport.callsOf('describeDatasetImportJob').length - before).toBe(2);
  });

  it('a transient fault on the dataset type look-up is retried', async () => {
    const f = bulkFixture();
    f.transport.failNext(1, { call: 'listDatasets' });
    const importing = f.importer.importBulk('FULL', {
      dataset: 'Interactions',
      datasetGroupArn: f.datasetGroupArn,
      source: SOURCE,
    });
    expect((await settle(f.clock, importing)).status).toBe('ACTIVE');
    expect(f.transport.callsOf('listDatasets')).toHaveLength(2);
  });

  it('gives up after callRetry.timeoutMs with the last error, waiting on the clock in between', async () => {
    const f = bulkFixture({ importer: { callRetry: { initialDelayMs: 100, maxDelayMs: 1000, timeoutMs: 10_000 } } });
    f.transport.throttleNext(10_000, { call: 'listDatasetImportJobs' });
    const start = f.clock.now();
    const importing = f.importer.importBulk('FULL', { datasetArn: f.datasetArn, source: SOURCE });
    await expect(settle(f.clock, importing, 100)).rejects.toBeInstanceOf(ThrottledError);
    const attempts = f.transport.callsOf('listDatasetImportJobs').length;
    expect(attempts).toBeGreaterThan(5);
    expect(attempts).toBeLessThan(100);
    expect(f.clock.now() - start).toBeGreaterThanOrEqual(10_000);
    expect(f.transport.callsOf('createDatasetImportJob')).toHaveLength(0);
  });

  it('with callRetry.timeoutMs 0 makes one attempt', async () => {
    const f = bulkFixture({ importer: { callRetry: { timeoutMs: 0 } } });
    f.transport.failNext(1, { call: 'listDatasetImportJobs' });
    const importing = f.importer.importBulk('FULL', { datasetArn: f.datasetArn, source: SOURCE });
    await expect(settle(f.clock, importing)).rejects.toBeInstanceOf(TransientError);
    expect(f.transport.callsOf('listDatasetImportJobs')).toHaveLength(1);
  });

  it('does not retry an error that is not throttling or transient', async () => {
    const f = bulkFixture();
    f.transport.failNext(1, { call: 'listDatasetImportJobs', error: new FatalTransportError('Access denied') });
    const importing = f.importer.importBulk('FULL', { datasetArn: f.datasetArn, source: SOURCE });
    await expect(settle(f.clock, importing)).rejects.toBeInstanceOf(FatalTransportError);
    expect(f.transport.callsOf('listDatasetImportJobs')).toHaveLength(1);
  });

  it('stops waiting between attempts when the signal aborts', async () => {
    const f = bulkFixture();
    f.transport.throttleNext(10_000, { call: 'listDatasetImportJobs' });
    const controller = new AbortController();
    const importing = f.importer.importBulk('FULL', {
      datasetArn: f.datasetArn,
      source: SOURCE,
      signal: controller.signal,
    });
    await f.clock.advance(2000);
    controller.abort();
    await expect(importing).rejects.toBeInstanceOf(AbortedError);
  });

  it('listJobs and describeJob retry too', async () => {
    const f = bulkFixture();
    f.transport.throttleNext(1, { call: 'listDatasetImportJobs' });
    expect(await settle(f.clock, f.importer.listJobs({ datasetArn: f.datasetArn }))).toEqual([]);
    const { jobArn } = await settle(
      f.clock,
      f.importer.startImport('FULL', { datasetArn: f.datasetArn, source: SOURCE }),
    );
    f.transport.throttleNext(1, { call: 'describeDatasetImportJob' });
    expect((await settle(f.clock, f.importer.describeJob(jobArn))).jobArn).toBe(jobArn);
  });

  it('checks callRetry in the constructor', () => {
    const { transport } = bulkFixture();
    expect(() => new DatasetImporter({ transport, roleArn: ROLE_ARN, callRetry: { maxDelayMs: 10 } })).toThrow(
      new InvalidOptionsError('Expected `callRetry.maxDelayMs` to be an integer >= 500, got `10`'),
    );
  });
});
