import { describe, expect, it } from 'vitest';
import { DatasetImporter } from '../../src/bulk/dataset-importer.js';
import { ImportJobFailedError, PreviousImportJobFailedError } from '../../src/bulk/import-errors.js';
import type { AttachedEvent, ReplacingEvent } from '../../src/bulk/progress.js';
import { ConflictError, InvalidOptionsError, NotFoundError } from '../../src/errors.js';
import { BUCKET, bulkFixture, interactionsCsv, overriding, ROLE_ARN, settle } from './support/fixture.js';

const SOURCE = `s3://${BUCKET}/data/interactions.csv`;

describe('importBulk: mode and options', () => {
  it.each([['full'], [undefined], ['REPLACE'], ['']])('refuses the mode %j before any call', async (mode) => {
    const { importer, transport, datasetArn } = bulkFixture();
    const importing = importer.importBulk(mode as never, { datasetArn, source: SOURCE });
    await expect(importing).rejects.toBeInstanceOf(InvalidOptionsError);
    await expect(importing).rejects.toThrow(/'FULL' or 'INCREMENTAL'.*'FULL' replaces all of the dataset's bulk data/);
    expect(transport.history).toHaveLength(0);
  });

  it.each([
    [
      { source: SOURCE },
      /Expected `dataset` to be one of .* with `datasetGroupArn`, or `datasetArn` instead, got `undefined`/,
    ],
    [
      { datasetArn: 'nope', source: SOURCE },
      /Expected `datasetArn` to be a Personalize dataset ARN \(a string of 1..256 characters\), got `"nope"`/,
    ],
    [
      { dataset: 'Events', datasetGroupArn: 'arn:aws:personalize:x:1:dataset-group/g', source: SOURCE },
      /one of Interactions/,
    ],
    [{ dataset: 'Items', source: SOURCE }, /Expected `datasetGroupArn`/],
    [
      { dataset: 'Items', datasetArn: 'arn:aws:personalize:x:1:dataset/g/ITEMS', source: SOURCE },
      /Expected `dataset` to be absent when `datasetArn` names the dataset/,
    ],
    [
      {
        datasetGroupArn: 'arn:aws:personalize:x:1:dataset-group/g',
        datasetArn: 'arn:aws:personalize:x:1:dataset/g/ITEMS',
        source: SOURCE,
      },
      /Expected `datasetGroupArn` to be absent when `datasetArn` names the dataset/,
    ],
  ])('refuses the target %j before any call', async (target, message) => {
    const { importer, transport } = bulkFixture();
    await expect(importer.importBulk('FULL', target as never)).rejects.toThrow(message);
    expect(transport.history).toHaveLength(0);
  });

  it.each([
    [{ source: 'http://example.com/a.csv' }, /Expected `source` to be `s3:\/\/bucket\/key.csv`/],
    [{ jobName: 'bad name' }, /Expected `jobName`/],
    [{ tags: { a: 1 } }, /Expected `tags.a` to be a string, got `1`/],
    [{ tags: 'team=recs' }, /Expected `tags` to be an object, got `"team=recs"`/],
    [
      { tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) },
      /Expected `tags` to be an object of at most 50 tags, got `51`/,
    ],
    [{ publishAttributionMetricsToS3: 1 }, /Expected `publishAttributionMetricsToS3` to be a boolean, got `1`/],
    [{ onProgress: 'log' }, /Expected `onProgress` to be a function, got `"log"`/],
    [{ validate: 'yes' }, /Expected `validate` to be a boolean/],
  ])('refuses bad options %j before any call', async (bad, message) => {
    const { importer, transport, datasetArn } = bulkFixture();
    const options = { datasetArn, source: SOURCE, ...bad } as never;
    await expect(importer.importBulk('FULL', options)).rejects.toThrow(message);
    expect(transport.history).toHaveLength(0);
  });
});

describe('importBulk: from S3', () => {
  it('starts a job under a derived name and resolves with the ACTIVE job', async () => {
    const f = bulkFixture();
    const job = await settle(
      f.clock,
      f.importer.importBulk('FULL', { datasetArn: f.datasetArn, source: SOURCE, onProgress: f.onProgress }),
    );
    expect(job).toMatchObject({ datasetArn: f.datasetArn, importMode: 'FULL', status: 'ACTIVE', dataLocation: SOURCE });
    expect(job.jobName).toMatch(/^shop-INTERACTIONS-full-[0-9a-f]{24}$/);
    const creates = f.transport.callsOf('createDatasetImportJob');
    expect(creates.map((call) => call.input)).toEqual([
      { jobName: job.jobName, datasetArn: f.datasetArn, dataLocation: SOURCE, importMode: 'FULL', roleArn: ROLE_ARN },
    ]);
    expect(f.transport.bulkRows(f.datasetArn)).toHaveLength(1000);
    const phases = [...new Set(f.events.map((event) => event.phase))];
    expect(phases).toEqual(['creating', 'created', 'waiting', 'done']);
    // An s3:// source is not read unless `validate: true`.
    expect(f.transport.callsOf('getObject')).toHaveLength(0);
  });

  it('attaches to the job of a re-run instead of creating a second one', async () => {
    const f = bulkFixture();
    const options = { datasetArn: f.datasetArn, source: SOURCE };
    const started = await f.importer.startImport('FULL', options);
    expect(started).toMatchObject({ attached: false, status: 'CREATE PENDING' });
    const again = await settle(f.clock, f.importer.importBulk('FULL', { ...options, onProgress: f.onProgress }));
    expect(again.jobArn).toBe(started.jobArn);
    expect(f.transport.callsOf('createDatasetImportJob')).toHaveLength(1);
    const attached = f.events.find((event): event is AttachedEvent => event.phase === 'attached');
    expect(attached).toMatchObject({ jobArn: started.jobArn, status: 'CREATE PENDING' });
    expect(f.events.some((event) => event.phase === 'creating')).toBe(false);
    // And once it has finished, a third run attaches to the finished job and resolves at once.
    const third = await f.importer.startImport('FULL', options);
    expect(third).toMatchObject({ attached: true, status: 'ACTIVE', jobArn: started.jobArn });
  });

  it('starts a new job when the content changed, and reports a FULL import as a replacement', async () => {
    const f = bulkFixture();
    const options = { datasetArn: f.datasetArn, source: SOURCE };
    const first = await settle(f.clock, f.importer.importBulk('FULL', options));
    f.transport.putObject({ bucket: BUCKET, key: 'data/interactions.csv' }, interactionsCsv(1200));
    const second = await settle(f.clock, f.importer.importBulk('FULL', { ...options, onProgress: f.onProgress }));
    expect(second.jobName).not.toBe(first.jobName);
    const replacing = f.events.find((event): event is ReplacingEvent => event.phase === 'replacing');
    expect(replacing).toEqual({ phase: 'replacing', datasetArn: f.datasetArn, previousJobArn: first.jobArn });
    expect(f.logger.warnings).toHaveLength(1);
    expect(f.logger.warnings[0]).toMatch(/replaces the bulk data already in .*records put individually stay/);
    expect(f.transport.bulkRows(f.datasetArn)).toHaveLength(1200);
  });

  it('appends with INCREMENTAL once the dataset has bulk data, and refuses it before', async () => {
    const f = bulkFixture();
    const options = { datasetArn: f.datasetArn, source: SOURCE };
    await expect(f.importer.importBulk('INCREMENTAL', options)).rejects.toThrow(/first bulk import must be 'FULL'/);
    expect(f.transport.callsOf('createDatasetImportJob')).toHaveLength(0);
    await settle(f.clock, f.importer.importBulk('FULL', options));
    f.transport.putObject({ bucket: BUCKET, key: 'data/more.csv' }, interactionsCsv(1000, 'x'));
    const more = await settle(
      f.clock,
      f.importer.importBulk('INCREMENTAL', {
        ...options,
        source: `s3://${BUCKET}/data/more.csv`,
        onProgress: f.onProgress,
      }),
    );
    expect(more).toMatchObject({ importMode: 'INCREMENTAL', status: 'ACTIVE' });
    expect(more.jobName).toMatch(/-incr-/);
    expect(f.events.some((event) => event.phase === 'replacing')).toBe(false);
    expect(f.logger.warnings).toHaveLength(0);
  });

  it('imports every CSV of a folder, named after all their ETags', async () => {
    const f = bulkFixture();
    f.transport.putObject({ bucket: BUCKET, key: 'folder/a.csv' }, interactionsCsv(600));
    f.transport.putObject({ bucket: BUCKET, key: 'folder/b.csv' }, interactionsCsv(600, 'b').replace(/^.*\n/, ''));
    f.transport.putObject({ bucket: BUCKET, key: 'folder/readme.txt' }, 'not data');
    const options = { datasetArn: f.datasetArn, source: `s3://${BUCKET}/folder/` };
    const started = await f.importer.startImport('FULL', options);
    expect(started.dataLocation).toBe(`s3://${BUCKET}/folder/`);
    expect((await f.importer.startImport('FULL', options)).attached).toBe(true);
    f.transport.putObject({ bucket: BUCKET, key: 'folder/b.csv' }, interactionsCsv(10, 'c'));
    const changed = await f.importer.startImport('FULL', options);
    expect(changed.attached).toBe(false);
    expect(changed.jobName).not.toBe(started.jobName);
    expect(f.transport.callsOf('createDatasetImportJob')).toHaveLength(2);
  });

  it('refuses a folder without CSV objects', async () => {
    const f = bulkFixture();
    f.transport.putObject({ bucket: BUCKET, key: 'empty/readme.txt' }, 'x');
    await expect(
      f.importer.importBulk('FULL', { datasetArn: f.datasetArn, source: `s3://${BUCKET}/empty/` }),
    ).rejects.toThrow(/No CSV object under s3:\/\/import-bucket\/empty\//);
  });

  it('warns when the data is over the default size limit of the mode', async () => {
    const f = bulkFixture();
    const huge = overriding(f.transport, {
      headObject: async (location) => ({ ...(await f.transport.headObject(location)), size: 2 * 1024 ** 3 }),
    });
    const importer = new DatasetImporter({ transport: huge, roleArn: ROLE_ARN, clock: f.clock, logger: f.logger });
    await settle(f.clock, importer.importBulk('FULL', { datasetArn: f.datasetArn, source: SOURCE }));
    expect(f.logger.warnings).toEqual([]);
    f.transport.putObject({ bucket: BUCKET, key: 'data/more.csv' }, interactionsCsv(1000, 'm'));
    await importer.startImport('INCREMENTAL', { datasetArn: f.datasetArn, source: `s3://${BUCKET}/data/more.csv` });
    expect(f.logger.warnings).toEqual([
      expect.stringMatching(/holds 2147483648 bytes, over the 1073741824-byte default limit of a INCREMENTAL import/),
    ]);
  });

  it('passes tags, the attribution flag and a given job name through', async () => {
    const f = bulkFixture();
    await f.importer.startImport('FULL', {
      datasetArn: f.datasetArn,
      source: SOURCE,
      jobName: 'nightly-2026-01-01',
      tags: { team: 'recs' },
      publishAttributionMetricsToS3: true,
    });
    expect(f.transport.callsOf('createDatasetImportJob')[0]?.input).toMatchObject({
      jobName: 'nightly-2026-01-01',
      tags: { team: 'recs' },
      publishAttributionMetricsToS3: true,
    });
  });
});

describe('importBulk: the target', () => {
  it('finds the dataset by type in its group, through every page', async () => {
    const f = bulkFixture();
    const { datasetArn: itemsArn } = f.transport.createDataset({
      datasetGroupArn: f.datasetGroupArn,
      datasetType: 'Items',
      schema: JSON.stringify({
        type: 'record',
        name: 'Items',
        fields: [{ name: 'ITEM_ID', type: 'string' }],
        version: '1.0',
      }),
    });
    const paged = onePerPage(f.transport);
    const importer = new (
      f.importer.constructor as typeof import('../../src/bulk/dataset-importer.js').DatasetImporter
    )({
      transport: paged,
      roleArn: ROLE_ARN,
      clock: f.clock,
      logger: f.logger,
    });
    const jobs = await importer.listJobs({ dataset: 'Items', datasetGroupArn: f.datasetGroupArn });
    expect(jobs).toEqual([]);
    const started = await importer.startImport('FULL', {
      dataset: 'Items',
      datasetGroupArn: f.datasetGroupArn,
      source: SOURCE,
    });
    expect(started.datasetArn).toBe(itemsArn);
    expect(f.transport.callsOf('listDatasets').length).toBeGreaterThanOrEqual(2);
  });

  it('says which datasets the group has when the type is absent', async () => {
    const f = bulkFixture();
    const importing = f.importer.importBulk('FULL', {
      dataset: 'Users',
      datasetGroupArn: f.datasetGroupArn,
      source: SOURCE,
    });
    await expect(importing).rejects.toBeInstanceOf(NotFoundError);
    await expect(importing).rejects.toThrow(/has no Users dataset \(it has: Interactions\)/);
  });
});

describe('importBulk: re-runs of failed or foreign jobs', () => {
  it('rejects a re-run whose job failed, telling to pass a new jobName', async () => {
    const f = bulkFixture();
    f.transport.failNextJob('Dataset has fewer than 1000 interactions.');
    const options = { datasetArn: f.datasetArn, source: SOURCE };
    const first = settle(f.clock, f.importer.importBulk('FULL', options));
    await expect(first).rejects.toBeInstanceOf(ImportJobFailedError);
    const rerun = f.importer.importBulk('FULL', options);
    await expect(rerun).rejects.toBeInstanceOf(PreviousImportJobFailedError);
    await expect(rerun).rejects.toMatchObject({
      code: 'IMPORT_JOB_FAILED',
      failureReason: 'Dataset has fewer than 1000 interactions.',
    });
    await expect(rerun).rejects.toThrow(/ran before and failed.*pass a new `jobName`/);
    expect(f.transport.callsOf('createDatasetImportJob')).toHaveLength(1);
    const retried = await settle(f.clock, f.importer.importBulk('FULL', { ...options, jobName: 'second-try' }));
    expect(retried.status).toBe('ACTIVE');
  });

  it('refuses a given name that another dataset’s job holds', async () => {
    const f = bulkFixture();
    const otherGroup = f.transport.createDatasetGroup({ name: 'other' });
    const other = f.transport.createDataset({
      datasetGroupArn: otherGroup,
      datasetType: 'Interactions',
      schema: JSON.parse(
        JSON.stringify({
          type: 'record',
          name: 'Interactions',
          fields: [
            { name: 'USER_ID', type: 'string' },
            { name: 'ITEM_ID', type: 'string' },
            { name: 'TIMESTAMP', type: 'long' },
          ],
          version: '1.0',
        }),
      ),
    });
    await f.importer.startImport('FULL', { datasetArn: other.datasetArn, source: SOURCE, jobName: 'shared-name' });
    const importing = f.importer.startImport('FULL', {
      datasetArn: f.datasetArn,
      source: SOURCE,
      jobName: 'shared-name',
    });
    await expect(importing).rejects.toBeInstanceOf(ConflictError);
    await expect(importing).rejects.toThrow(/already exists .* pass another `jobName`/);
  });

  it('attaches when another run creates the job between the look-up and the create', async () => {
    const f = bulkFixture();
    const racing = new Proxy(f.transport, {
      get(target, property, receiver) {
        if (property !== 'createDatasetImportJob') return Reflect.get(target, property, receiver).bind(target);
        return async (input: Parameters<typeof target.createDatasetImportJob>[0]) => {
          await target.createDatasetImportJob(input); // the other run wins
          return target.createDatasetImportJob(input);
        };
      },
    });
    const importer = new (
      f.importer.constructor as typeof import('../../src/bulk/dataset-importer.js').DatasetImporter
    )({
      transport: racing,
      roleArn: ROLE_ARN,
      clock: f.clock,
      logger: f.logger,
    });
    const started = await importer.startImport('FULL', {
      datasetArn: f.datasetArn,
      source: SOURCE,
      onProgress: f.onProgress,
    });
    expect(started.attached).toBe(true);
    expect(f.events.map((event) => event.phase)).toEqual(['creating', 'attached']);
  });
});

/** A transport whose ListDatasets answers one dataset per page. */
function onePerPage<T extends object>(transport: T): T {
  return new Proxy(transport, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property !== 'listDatasets') return typeof value === 'function' ? value.bind(target) : value;
      return async (input: { datasetGroupArn: string; nextToken?: string }) => {
        const all = await (value as (i: { datasetGroupArn: string }) => Promise<{ items: unknown[] }>).call(target, {
          datasetGroupArn: input.datasetGroupArn,
        });
        const index = Number(input.nextToken ?? 0);
        return {
          items: all.items.slice(index, index + 1),
          ...(index + 1 < all.items.length ? { nextToken: String(index + 1) } : {}),
        };
      };
    },
  });
}
