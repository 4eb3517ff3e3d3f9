/**
 * AwsTransport's control-plane calls with the real SDK client (awsJson1_1), against a local endpoint backed by
 * MemoryTransport.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConflictError, InvalidInputError, LimitExceededError, NotFoundError } from '../../src/errors.js';
import type { CreateImportJobInput, ImportJobSummary } from '../../src/transport/transport.js';
import { ManualClock } from '../../src/util/manual-clock.js';
import { type AwsOverLocal, startAwsOverLocal } from './aws-local-fixture.js';
import { interactionsSchema, setUpShop } from './memory-fixtures.js';

let running: AwsOverLocal | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start() {
  running = await startAwsOverLocal({ memory: { jobTimings: { pendingMs: 1000, inProgressMs: 4000 } } });
  return { ...running, shop: setUpShop(running.backing) };
}

const roleArn = 'arn:aws:iam::123456789012:role/PersonalizeS3';

function job(datasetArn: string, n: number, extra: Partial<CreateImportJobInput> = {}): CreateImportJobInput {
  return {
    jobName: `job-${n}`,
    datasetArn,
    dataLocation: `s3://data/users-${n}.csv`,
    roleArn,
    importMode: 'FULL',
    ...extra,
  };
}

describe('AwsTransport: import jobs', () => {
  it('creates a job, describes it with its times and follows it to its final state', async () => {
    const { transport, backing, clock, shop } = await start();
    backing.putObject({ bucket: 'data', key: 'users-1.csv' }, 'USER_ID,MEMBERSHIP\nu1,gold\n');
    const input = job(shop.usersArn, 1, { tags: { team: 'recs' }, publishAttributionMetricsToS3: false });
    const { jobArn } = await transport.createDatasetImportJob(input);
    expect(backing.callsOf('createDatasetImportJob')[0]?.input).toEqual(input);

    const pending = await transport.describeDatasetImportJob(jobArn);
    expect(pending).toEqual({
      jobArn,
      jobName: 'job-1',
      datasetArn: shop.usersArn,
      dataLocation: 's3://data/users-1.csv',
      roleArn,
      importMode: 'FULL',
      status: 'CREATE PENDING',
      createdAt: new Date(ManualClock.START),
      updatedAt: new Date(ManualClock.START),
      publishAttributionMetricsToS3: false,
    });
    await clock.advance(5000);
    const done = await transport.describeDatasetImportJob(jobArn);
    expect(done.status).toBe('ACTIVE');
    expect(done.updatedAt).toEqual(new Date(ManualClock.START + 5000));
  });

  it('lists jobs page by page with nextToken', async () => {
    const { transport, clock, shop, backing } = await start();
    backing.putObject({ bucket: 'data', key: 'users-3.csv' }, 'USER_ID,MEMBERSHIP\nu1,gold\n');
    for (let n = 1; n <= 3; n += 1) {
      await transport.createDatasetImportJob(job(shop.usersArn, n));
      await clock.advance(5000);
    }
    const seen: ImportJobSummary[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await transport.listDatasetImportJobs({
        datasetArn: shop.usersArn,
        maxResults: 2,
        ...(nextToken && { nextToken }),
      });
      seen.push(...page.items);
      nextToken = page.nextToken;
      pages += 1;
    } while (nextToken !== undefined);
    expect(pages).toBe(2);
    expect(seen.map((j) => j.jobName)).toEqual(['job-3', 'job-2', 'job-1']);
    expect(seen[0]).toMatchObject({
      status: 'ACTIVE',
      importMode: 'FULL',
      createdAt: new Date(ManualClock.START + 10_000),
    });
    // users-1.csv does not exist: the job failed, and the summary says why.
    expect(seen[2]).toMatchObject({ status: 'CREATE FAILED', failureReason: expect.any(String) });
  });

  it('maps ResourceAlreadyExistsException to ConflictError ALREADY_EXISTS', async () => {
    const { transport, shop } = await start();
    await transport.createDatasetImportJob(job(shop.usersArn, 1));
    const error = await transport.createDatasetImportJob(job(shop.usersArn, 1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ reason: 'ALREADY_EXISTS', serviceErrorName: 'ResourceAlreadyExistsException' });
  });

  it('maps the 5-running-jobs LimitExceededException to LimitExceededError, not a throttle', async () => {
    const { transport, shop } = await start();
    for (let n = 1; n <= 5; n += 1) await transport.createDatasetImportJob(job(shop.usersArn, n));
    const error = await transport.createDatasetImportJob(job(shop.usersArn, 6)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LimitExceededError);
    expect(error).toMatchObject({
      serviceErrorName: 'LimitExceededException',
      message: 'More than 5 resources with PENDING or IN_PROGRESS status.',
    });
  });

  it('maps an invalid input and an unknown job', async () => {
    const { transport, shop } = await start();
    const bad = await transport
      .createDatasetImportJob(job(shop.usersArn, 1, { jobName: '-bad' }))
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(InvalidInputError);
    const missing = await transport
      .describeDatasetImportJob('arn:aws:personalize:us-east-1:123456789012:dataset-import-job/none')
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
  });
});

describe('AwsTransport: datasets, schemas, groups', () => {
  it('lists datasets and describes a dataset, its schema and its group', async () => {
    const { transport, shop } = await start();
    const page = await transport.listDatasets({ datasetGroupArn: shop.datasetGroupArn });
    expect(page.items.map((d) => d.datasetType).sort()).toEqual([
      'Action_Interactions',
      'Actions',
      'Interactions',
      'Items',
      'Users',
    ]);
    expect(page.nextToken).toBeUndefined();

    const dataset = await transport.describeDataset(shop.interactionsArn);
    expect(dataset).toMatchObject({
      datasetArn: shop.interactionsArn,
      datasetGroupArn: shop.datasetGroupArn,
      datasetType: 'Interactions',
    });
    const schema = await transport.describeSchema(dataset.schemaArn);
    expect(JSON.parse(schema.schema)).toEqual(interactionsSchema);
    expect(schema.domain).toBeUndefined();
    const group = await transport.describeDatasetGroup(shop.datasetGroupArn);
    expect(group).toMatchObject({ datasetGroupArn: shop.datasetGroupArn, name: 'shop' });
    expect(group.domain).toBeUndefined();

    const actionInteractions = await transport.describeDataset(shop.actionInteractionsArn);
    expect(actionInteractions.trackingId).toBe(shop.actionTrackingId);
  });

  it('carries the domain of a domain dataset group', async () => {
    const { transport, backing } = await start();
    const groupArn = backing.createDatasetGroup({ name: 'vod', domain: 'VIDEO_ON_DEMAND' });
    expect((await transport.describeDatasetGroup(groupArn)).domain).toBe('VIDEO_ON_DEMAND');
  });
});
