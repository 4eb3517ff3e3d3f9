import { beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, InvalidInputError, LimitExceededError, NotFoundError } from '../../src/errors.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import type { CreateImportJobInput } from '../../src/transport/transport.js';
import { ManualClock } from '../../src/util/manual-clock.js';
import { interactionsCsv, type Shop, setUpShop } from './memory-fixtures.js';

const roleArn = 'arn:aws:iam::123456789012:role/PersonalizeS3';
let clock: ManualClock;
let transport: MemoryTransport;
let shop: Shop;

const job = (overrides: Partial<CreateImportJobInput> = {}): CreateImportJobInput => ({
  jobName: 'users-1',
  datasetArn: shop.usersArn,
  dataLocation: 's3://data/users.csv',
  roleArn,
  importMode: 'FULL',
  ...overrides,
});

/** Creates a job and advances the clock until it has finished. */
async function runJob(overrides: Partial<CreateImportJobInput> = {}) {
  const { jobArn } = await transport.createDatasetImportJob(job(overrides));
  await clock.advance(5_000);
  return transport.describeDatasetImportJob(jobArn);
}

beforeEach(() => {
  clock = new ManualClock();
  transport = new MemoryTransport({ clock, jobTimings: { pendingMs: 1_000, inProgressMs: 4_000 } });
  shop = setUpShop(transport);
  transport.putObject({ bucket: 'data', key: 'users.csv' }, 'USER_ID,MEMBERSHIP\nu1,gold\nu2,silver\n');
});

describe('job states', () => {
  it('moves CREATE PENDING → CREATE IN_PROGRESS → ACTIVE on the clock, then holds the rows', async () => {
    const { jobArn } = await transport.createDatasetImportJob(job());
    expect(jobArn).toBe('arn:aws:personalize:us-east-1:123456789012:dataset-import-job/users-1');
    expect(await transport.describeDatasetImportJob(jobArn)).toMatchObject({
      status: 'CREATE PENDING',
      jobName: 'users-1',
      datasetArn: shop.usersArn,
      dataLocation: 's3://data/users.csv',
      roleArn,
      importMode: 'FULL',
      createdAt: new Date(ManualClock.START),
    });
    await clock.advance(1_000);
    expect((await transport.describeDatasetImportJob(jobArn)).status).toBe('CREATE IN_PROGRESS');
    expect(transport.bulkRows(shop.usersArn)).toEqual([]);
    await clock.advance(4_000);
    const done = await transport.describeDatasetImportJob(jobArn);
    expect(done).toMatchObject({ status: 'ACTIVE', updatedAt: new Date(ManualClock.START + 5_000) });
    expect(done.failureReason).toBeUndefined();
    expect(transport.bulkRows(shop.usersArn)).toEqual([
      { USER_ID: 'u1', MEMBERSHIP: 'gold' },
      { USER_ID: 'u2', MEMBERSHIP: 'silver' },
    ]);
  });

  it('FULL replaces the bulk rows but keeps records put individually; INCREMENTAL upserts by id', async () => {
    await transport.putUsers({ datasetArn: shop.usersArn, users: [{ userId: 'live' }] });
    await runJob();
    transport.putObject({ bucket: 'data', key: 'more.csv' }, 'USER_ID,MEMBERSHIP\nu2,gold\nu3,bronze\n');
    await runJob({ jobName: 'users-2', dataLocation: 's3://data/more.csv', importMode: 'INCREMENTAL' });
    expect(transport.bulkRows(shop.usersArn)).toEqual([
      { USER_ID: 'u1', MEMBERSHIP: 'gold' },
      { USER_ID: 'u2', MEMBERSHIP: 'gold' },
      { USER_ID: 'u3', MEMBERSHIP: 'bronze' },
    ]);
    await runJob({ jobName: 'users-3', dataLocation: 's3://data/more.csv', importMode: 'FULL' });
    expect(transport.bulkRows(shop.usersArn).map((row) => row.USER_ID)).toEqual(['u2', 'u3']);
    expect(transport.users(shop.usersArn)).toEqual([{ userId: 'live' }]);
  });

  it('reads every .csv under a folder, and textual fields with backslash escapes', async () => {
    transport.putObject(
      { bucket: 'data', key: 'items/a.csv' },
      'ITEM_ID,GENRES,DESCRIPTION\ni1,a|b,"Say \\"hi\\", \\\\o/"\n',
    );
    transport.putObject({ bucket: 'data', key: 'items/b.csv' }, 'ITEM_ID,GENRES,DESCRIPTION\ni2,,\n');
    transport.putObject({ bucket: 'data', key: 'items/readme.txt' }, 'not csv');
    const done = await runJob({ datasetArn: shop.itemsArn, dataLocation: 's3://data/items/' });
    expect(done.status).toBe('ACTIVE');
    expect(transport.bulkRows(shop.itemsArn)).toEqual([
      { ITEM_ID: 'i1', GENRES: 'a|b', DESCRIPTION: 'Say "hi", \\o/' },
      { ITEM_ID: 'i2', GENRES: '', DESCRIPTION: '' },
    ]);
  });

  it('appends interactions, which have no id', async () => {
    transport.putObject({ bucket: 'data', key: 'i.csv' }, interactionsCsv(1_000));
    // Other users: 1,000 new records (the same file again would hold none, and fail).
    transport.putObject({ bucket: 'data', key: 'more.csv' }, interactionsCsv(1_000, 1_000));
    await runJob({ jobName: 'i-1', datasetArn: shop.interactionsArn, dataLocation: 's3://data/i.csv' });
    const more = await runJob({
      jobName: 'i-2',
      datasetArn: shop.interactionsArn,
      dataLocation: 's3://data/more.csv',
      importMode: 'INCREMENTAL',
    });
    expect(more.status).toBe('ACTIVE');
    expect(transport.bulkRows(shop.interactionsArn)).toHaveLength(2_000);
  });
});

describe('job failures', () => {
  it.each([
    ['a missing object', { dataLocation: 's3://data/none.csv' }, 'Input file s3://data/none.csv does not exist'],
    ['a missing bucket', { dataLocation: 's3://nobucket/x.csv' }, 'Input bucket nobucket does not exist'],
    ['an empty folder', { dataLocation: 's3://data/empty/' }, 'No CSV files found in s3://data/empty/'],
  ])('fails the job on %s', async (_what, overrides, reason) => {
    const done = await runJob(overrides);
    expect(done.status).toBe('CREATE FAILED');
    expect(done.failureReason).toContain(reason);
  });

  it('fails the job when a required column is missing', async () => {
    transport.putObject({ bucket: 'data', key: 'bad.csv' }, 'USER_ID\nu1\n');
    const done = await runJob({ dataLocation: 's3://data/bad.csv' });
    expect(done).toMatchObject({ status: 'CREATE FAILED' });
    expect(done.failureReason).toMatch(
      /^Invalid CSV s3:\/\/data\/bad\.csv, line 1, column MEMBERSHIP: Required field "MEMBERSHIP" has no column.*\(MISSING_COLUMN\)\.$/,
    );
    expect(transport.bulkRows(shop.usersArn)).toEqual([]);
  });

  it('fails an import of fewer than 1000 interactions', async () => {
    transport.putObject({ bucket: 'data', key: 'few.csv' }, interactionsCsv(999));
    const done = await runJob({ datasetArn: shop.interactionsArn, dataLocation: 's3://data/few.csv' });
    expect(done.failureReason).toMatch(/fewer than 1000 interactions \(999 found\)/);
  });

  it('fails scripted jobs: the next one, or those a predicate picks', async () => {
    transport.failNextJob('Access denied to s3://data');
    expect(await runJob()).toMatchObject({ status: 'CREATE FAILED', failureReason: 'Access denied to s3://data' });
    transport.failJobsWhere((input) => (input.jobName.endsWith('-bad') ? 'bad name' : undefined));
    expect((await runJob({ jobName: 'x-bad' })).failureReason).toBe('bad name');
    expect((await runJob({ jobName: 'x-good' })).status).toBe('ACTIVE');
  });

  it('lists the failure reason in the summaries', async () => {
    transport.failNextJob('boom');
    await runJob();
    expect((await transport.listDatasetImportJobs({})).items).toEqual([
      expect.objectContaining({ jobName: 'users-1', status: 'CREATE FAILED', failureReason: 'boom' }),
    ]);
  });
});

describe('createDatasetImportJob checks', () => {
  it.each([
    ['jobName', { jobName: '' }],
    ['jobName', { jobName: 'x'.repeat(64) }],
    ['jobName', { jobName: '-starts-with-dash' }],
    ['roleArn', { roleArn: 'arn:aws:iam::123:role/x' }],
    ['dataSource.dataLocation', { dataLocation: 'data/users.csv' }],
    ['dataSource.dataLocation', { dataLocation: `s3://data/${'x'.repeat(250)}` }],
  ] as const)('rejects a bad %s as InvalidInputError', async (field, overrides) => {
    const call = transport.createDatasetImportJob(job(overrides));
    await expect(call).rejects.toThrow(InvalidInputError);
    await expect(call).rejects.toThrow(`'${field}'`);
  });

  it('answers NotFoundError for an unknown dataset', async () => {
    const datasetArn = 'arn:aws:personalize:us-east-1:123456789012:dataset/none/USERS';
    await expect(transport.createDatasetImportJob(job({ datasetArn }))).rejects.toThrow(NotFoundError);
  });

  it('refuses a job name already taken, even once the job has finished', async () => {
    await runJob();
    const call = transport.createDatasetImportJob(job());
    await expect(call).rejects.toThrow(ConflictError);
    await expect(call).rejects.toMatchObject({
      reason: 'ALREADY_EXISTS',
      serviceErrorName: 'ResourceAlreadyExistsException',
    });
  });

  it('refuses a sixth job pending or in progress, and accepts it once one has finished', async () => {
    for (let n = 0; n < 5; n += 1) {
      await transport.createDatasetImportJob(job({ jobName: `j${n}` }));
      await clock.advance(500);
    }
    const sixth = transport.createDatasetImportJob(job({ jobName: 'j5' }));
    await expect(sixth).rejects.toThrow(LimitExceededError);
    await expect(sixth).rejects.toThrow('More than 5 resources with PENDING or IN_PROGRESS status.');
    await clock.advance(2_500); // j0 finishes at 5000
    await expect(transport.createDatasetImportJob(job({ jobName: 'j5' }))).resolves.toHaveProperty('jobArn');
  });

  it('requires FULL for a dataset’s first import', async () => {
    const call = transport.createDatasetImportJob(job({ importMode: 'INCREMENTAL' }));
    await expect(call).rejects.toThrow(InvalidInputError);
    await expect(call).rejects.toThrow(/first import must use importMode FULL/);
  });

  it('with rejectConcurrentImports, refuses a second job on a busy dataset as IN_USE', async () => {
    const strict = new MemoryTransport({ clock, rejectConcurrentImports: true });
    const { usersArn, itemsArn } = setUpShop(strict);
    await strict.createDatasetImportJob(job({ datasetArn: usersArn }));
    await expect(strict.createDatasetImportJob(job({ jobName: 'j2', datasetArn: usersArn }))).rejects.toMatchObject({
      code: 'CONFLICT',
      reason: 'IN_USE',
    });
    await strict.createDatasetImportJob(job({ jobName: 'j3', datasetArn: itemsArn }));
  });
});

describe('reads', () => {
  it('lists jobs newest first, filtered by dataset, a page at a time', async () => {
    for (let n = 0; n < 3; n += 1) {
      await runJob({ jobName: `u${n}` });
    }
    transport.putObject({ bucket: 'data', key: 'i.csv' }, 'ITEM_ID,GENRES,DESCRIPTION\ni1,,\n');
    await runJob({ jobName: 'items', datasetArn: shop.itemsArn, dataLocation: 's3://data/i.csv' });
    const first = await transport.listDatasetImportJobs({ datasetArn: shop.usersArn, maxResults: 2 });
    expect(first.items.map((summary) => summary.jobName)).toEqual(['u2', 'u1']);
    expect(first.nextToken).toEqual(expect.any(String));
    const second = await transport.listDatasetImportJobs({
      datasetArn: shop.usersArn,
      maxResults: 2,
      ...(first.nextToken && { nextToken: first.nextToken }),
    });
    expect(second).toEqual({
      items: [expect.objectContaining({ jobName: 'u0', status: 'ACTIVE', importMode: 'FULL' })],
    });
    expect((await transport.listDatasetImportJobs({})).items.map((summary) => summary.jobName)).toEqual([
      'items',
      'u2',
      'u1',
      'u0',
    ]);
  });

  it('rejects maxResults outside 1..100 and a token it did not make', async () => {
    await expect(transport.listDatasetImportJobs({ maxResults: 101 })).rejects.toThrow(InvalidInputError);
    await expect(transport.listDatasetImportJobs({ maxResults: 0 })).rejects.toThrow(/between 1 and 100/);
    await expect(transport.listDatasetImportJobs({ nextToken: 'forged' })).rejects.toThrow(/Invalid next token/);
  });

  it('describes datasets, schemas and groups, and lists datasets', async () => {
    const users = await transport.describeDataset(shop.usersArn);
    expect(users).toMatchObject({ datasetType: 'Users', datasetGroupArn: shop.datasetGroupArn, status: 'ACTIVE' });
    expect(users.trackingId).toBeUndefined();
    expect((await transport.describeDataset(shop.actionInteractionsArn)).trackingId).toBe(shop.actionTrackingId);
    const schema = await transport.describeSchema(users.schemaArn);
    expect(JSON.parse(schema.schema)).toMatchObject({ name: 'Users' });
    expect(await transport.describeDatasetGroup(shop.datasetGroupArn)).toEqual({
      datasetGroupArn: 'arn:aws:personalize:us-east-1:123456789012:dataset-group/shop',
      name: 'shop',
      status: 'ACTIVE',
    });
    const listed = await transport.listDatasets({ datasetGroupArn: shop.datasetGroupArn });
    expect(listed.items.map((dataset) => dataset.datasetType).sort()).toEqual([
      'Action_Interactions',
      'Actions',
      'Interactions',
      'Items',
      'Users',
    ]);
    expect(shop.usersArn).toBe('arn:aws:personalize:us-east-1:123456789012:dataset/shop/USERS');
  });

  it('answers NotFoundError for unknown ARNs; the List calls, which declare none, InvalidInputError', async () => {
    const arn = 'arn:aws:personalize:us-east-1:123456789012:thing/none';
    await expect(transport.describeDatasetImportJob(arn)).rejects.toThrow(NotFoundError);
    await expect(transport.describeSchema(arn)).rejects.toThrow(NotFoundError);
    await expect(transport.describeDatasetGroup(arn)).rejects.toThrow(NotFoundError);
    await expect(transport.listDatasets({ datasetGroupArn: arn })).rejects.toThrow(InvalidInputError);
    await expect(transport.listDatasetImportJobs({ datasetArn: arn })).rejects.toThrow(InvalidInputError);
  });

  it('reports a domain group’s domain and refuses Actions datasets in it', async () => {
    const datasetGroupArn = transport.createDatasetGroup({ name: 'vod', domain: 'VIDEO_ON_DEMAND' });
    expect((await transport.describeDatasetGroup(datasetGroupArn)).domain).toBe('VIDEO_ON_DEMAND');
    expect(() => transport.createDataset({ datasetGroupArn, datasetType: 'Actions', schema: '{}' })).toThrow(
      InvalidInputError,
    );
    expect(() =>
      transport.createDataset({ datasetGroupArn, datasetType: 'Action_Interactions', schema: '{}' }),
    ).toThrow(/cannot be created in a domain dataset group/);
  });
});
