/**
 * The Personalize API model's rules where the fake used to be looser than the service: tags, page sizes, optional
 * members, malformed ARNs, role ARNs, and only the errors each operation declares. Each rule runs twice: on
 * MemoryTransport directly, and through the local endpoint with a plain `@aws-sdk/client-personalize` client on its
 * default settings.
 */
import {
  CreateDatasetGroupCommand,
  CreateDatasetImportJobCommand,
  CreateEventTrackerCommand,
  DescribeDatasetCommand,
  DescribeDatasetGroupCommand,
  DescribeDatasetImportJobCommand,
  DescribeSchemaCommand,
  ListDatasetGroupsCommand,
  ListDatasetImportJobsCommand,
  ListDatasetsCommand,
  ListEventTrackersCommand,
  ListSchemasCommand,
  PersonalizeClient,
} from '@aws-sdk/client-personalize';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors.js';
import { type LocalEndpoint, startLocalEndpoint } from '../../src/local-endpoint/local-endpoint.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import type { CreateImportJobInput, ListDatasetsInput } from '../../src/transport/transport.js';
import { ManualClock } from '../../src/util/manual-clock.js';

const roleArn = 'arn:aws:iam::123456789012:role/PersonalizeS3';
const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));
const tagList = (record: Record<string, string>) =>
  Object.entries(record).map(([tagKey, tagValue]) => ({ tagKey, tagValue }));

let backing: MemoryTransport;
let shop: { datasetGroupArn: string; usersArn: string };
let endpoint: LocalEndpoint;
let client: PersonalizeClient;

beforeAll(async () => {
  // Jobs end at once (failed: no object), so the quota of 5 running jobs never binds across tests.
  backing = new MemoryTransport({ clock: new ManualClock(), jobTimings: { pendingMs: 0, inProgressMs: 0 } });
  endpoint = await startLocalEndpoint({ backing });
  client = new PersonalizeClient({
    endpoint: endpoint.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});
afterAll(async () => {
  client?.destroy();
  await endpoint?.close();
});

let serial = 0;
beforeEach(() => {
  // A fresh group per test, on the one backing the endpoint serves.
  const datasetGroupArn = backing.createDatasetGroup({ name: `g${++serial}` });
  const schema = { type: 'record', name: 'Users', fields: [{ name: 'USER_ID', type: 'string' }] };
  shop = {
    datasetGroupArn,
    usersArn: backing.createDataset({ datasetGroupArn, datasetType: 'Users', schema }).datasetArn,
  };
});

const job = (extra: Partial<CreateImportJobInput> = {}): CreateImportJobInput => ({
  jobName: `job-${++serial}`,
  datasetArn: shop.usersArn,
  dataLocation: 's3://data/users.csv',
  roleArn,
  importMode: 'FULL',
  ...extra,
});

const wireJob = (extra: Record<string, unknown> = {}) => {
  const { jobName, datasetArn, dataLocation, importMode } = job();
  return { jobName, datasetArn, dataSource: { dataLocation }, roleArn, importMode, ...extra };
};

/** Expects `call` to reject with an SDK error named `name`. */
async function rejectsNamed(call: Promise<unknown>, name: string): Promise<void> {
  await expect(call).rejects.toMatchObject({ name });
}

/** Expects `call` to reject with `InvalidInputError` of the service name `name`. */
async function rejectsInvalid(call: Promise<unknown>, name = 'InvalidInputException'): Promise<void> {
  await expect(call).rejects.toThrow(InvalidInputError);
  await expect(call).rejects.toMatchObject({ serviceErrorName: name });
}

describe('tags: at most 50, keys 1..128 and values 0..256 of the model’s pattern, no aws: prefix', () => {
  const bad: [string, Record<string, string>, string][] = [
    ['51 tags', tags(51), 'TooManyTagsException'],
    ['a 129-character key', { ['k'.repeat(129)]: 'v' }, 'InvalidInputException'],
    ['a 257-character value', { k: 'v'.repeat(257) }, 'InvalidInputException'],
    ['a key outside the pattern', { 'team#1': 'v' }, 'InvalidInputException'],
    ['a value outside the pattern', { team: 'a;b' }, 'InvalidInputException'],
    ['an aws: key', { 'AWS:team': 'v' }, 'InvalidInputException'],
  ];

  it.each(bad)('MemoryTransport refuses %s on an import job, a group, a dataset and a tracker', async (_, t, name) => {
    await rejectsInvalid(backing.createDatasetImportJob(job({ tags: t })), name);
    const refused = (body: () => unknown) => {
      expect(body).toThrow(InvalidInputError);
      try {
        body();
      } catch (error) {
        expect((error as InvalidInputError).serviceErrorName).toBe(name);
      }
    };
    refused(() => backing.createDatasetGroup({ name: `t${++serial}`, tags: t }));
    refused(() => backing.createEventTracker({ datasetGroupArn: shop.datasetGroupArn, tags: t }));
    const schema = { type: 'record', name: 'Items', fields: [{ name: 'ITEM_ID', type: 'string' }] };
    refused(() =>
      backing.createDataset({ datasetGroupArn: shop.datasetGroupArn, datasetType: 'Items', schema, tags: t }),
    );
    expect(await backing.importJobs()).toEqual([]);
  });

  it.each(bad)('the endpoint refuses %s', async (_, t, name) => {
    await rejectsNamed(client.send(new CreateDatasetImportJobCommand(wireJob({ tags: tagList(t) }))), name);
    await rejectsNamed(client.send(new CreateDatasetGroupCommand({ name: `t${++serial}`, tags: tagList(t) })), name);
    const tracker = { name: 'tr', datasetGroupArn: shop.datasetGroupArn, tags: tagList(t) };
    await rejectsNamed(client.send(new CreateEventTrackerCommand(tracker)), name);
  });

  it('accepts 50 tags of letters, digits, spaces and _ . : / = + - @, and an empty value', async () => {
    const fifty = { ...tags(49), 'Team name_1.2:3/4=5+6-7@x': '' };
    await expect(backing.createDatasetImportJob(job({ tags: fifty }))).resolves.toMatchObject({});
    const sent = client.send(new CreateDatasetImportJobCommand(wireJob({ tags: tagList(fifty) })));
    await expect(sent).resolves.toMatchObject({ datasetImportJobArn: expect.any(String) });
  });
});

describe('maxResults: 1..100 on every List call', () => {
  it.each([0, 101, 1.5])('MemoryTransport refuses %s', async (maxResults) => {
    await rejectsInvalid(backing.listDatasetImportJobs({ maxResults }));
    const input = { datasetGroupArn: shop.datasetGroupArn, maxResults } as ListDatasetsInput;
    await rejectsInvalid(backing.listDatasets(input));
  });

  it.each([0, 101])('the endpoint refuses %s, as an error each operation declares', async (maxResults) => {
    const invalid = 'InvalidInputException';
    await rejectsNamed(client.send(new ListDatasetImportJobsCommand({ maxResults })), invalid);
    await rejectsNamed(client.send(new ListDatasetsCommand({ maxResults })), invalid);
    await rejectsNamed(client.send(new ListEventTrackersCommand({ maxResults })), invalid);
    // ListDatasetGroups and ListSchemas declare only InvalidNextTokenException.
    await rejectsNamed(client.send(new ListDatasetGroupsCommand({ maxResults })), 'InvalidNextTokenException');
    await rejectsNamed(client.send(new ListSchemasCommand({ maxResults })), 'InvalidNextTokenException');
  });

  it('the endpoint pages ListDatasets by maxResults', async () => {
    backing.createDataset({
      datasetGroupArn: shop.datasetGroupArn,
      datasetType: 'Items',
      schema: { type: 'record', name: 'Items', fields: [{ name: 'ITEM_ID', type: 'string' }] },
    });
    const first = await client.send(new ListDatasetsCommand({ datasetGroupArn: shop.datasetGroupArn, maxResults: 1 }));
    expect(first.datasets).toHaveLength(1);
    const next = { datasetGroupArn: shop.datasetGroupArn, maxResults: 1, nextToken: first.nextToken };
    const second = await client.send(new ListDatasetsCommand(next));
    expect(second.datasets?.map((d) => d.datasetType)).toEqual(['Items']);
    expect(second.nextToken).toBeUndefined();
  });
});

describe('optional members are optional', () => {
  it('ListDatasets without datasetGroupArn lists the account’s datasets', async () => {
    const all = await backing.listDatasets({} as ListDatasetsInput);
    expect(all.items.map((d) => d.datasetArn)).toContain(shop.usersArn);
    const sent = await client.send(new ListDatasetsCommand({}));
    expect(sent.datasets?.map((d) => d.datasetArn)).toContain(shop.usersArn);
  });

  it('CreateDatasetImportJob without roleArn', async () => {
    const { roleArn: _, ...withoutRole } = job();
    const { jobArn } = await backing.createDatasetImportJob(withoutRole as CreateImportJobInput);
    expect((await backing.describeDatasetImportJob(jobArn)).roleArn).toBeUndefined();
    const { roleArn: __, ...wire } = wireJob();
    const sent = await client.send(new CreateDatasetImportJobCommand(wire));
    const described = await client.send(
      new DescribeDatasetImportJobCommand({ datasetImportJobArn: sent.datasetImportJobArn }),
    );
    expect(described.datasetImportJob?.roleArn).toBeUndefined();
  });
});

describe('ARNs: a malformed one is InvalidInputException, not ResourceNotFoundException', () => {
  const malformed = ['not-an-arn', 'arn:aws:s3:::bucket', `arn:aws:personalize:us-east-1:1:dataset/${'x'.repeat(250)}`];

  it.each(malformed)('MemoryTransport refuses %s', async (arn) => {
    await rejectsInvalid(backing.describeDataset(arn));
    await rejectsInvalid(backing.describeDatasetGroup(arn));
    await rejectsInvalid(backing.describeSchema(arn));
    await rejectsInvalid(backing.describeDatasetImportJob(arn));
    await rejectsInvalid(backing.listDatasets({ datasetGroupArn: arn }));
    await rejectsInvalid(backing.listDatasetImportJobs({ datasetArn: arn }));
    await rejectsInvalid(backing.createDatasetImportJob(job({ datasetArn: arn })));
  });

  it.each(malformed)('the endpoint refuses %s', async (arn) => {
    const invalid = 'InvalidInputException';
    await rejectsNamed(client.send(new DescribeDatasetCommand({ datasetArn: arn })), invalid);
    await rejectsNamed(client.send(new DescribeDatasetGroupCommand({ datasetGroupArn: arn })), invalid);
    await rejectsNamed(client.send(new DescribeSchemaCommand({ schemaArn: arn })), invalid);
    await rejectsNamed(client.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn: arn })), invalid);
    await rejectsNamed(client.send(new ListDatasetsCommand({ datasetGroupArn: arn })), invalid);
    await rejectsNamed(client.send(new CreateDatasetImportJobCommand(wireJob({ datasetArn: arn }))), invalid);
  });
});

describe('roleArn: at most 256 characters of the model’s pattern', () => {
  const long = `arn:aws:iam::123456789012:role/${'r'.repeat(226)}`;

  it('MemoryTransport refuses a 257-character role ARN and one of another service', async () => {
    expect(long).toHaveLength(257);
    await rejectsInvalid(backing.createDatasetImportJob(job({ roleArn: long })));
    await rejectsInvalid(backing.createDatasetImportJob(job({ roleArn: 'arn:aws:s3:::bucket' })));
    await expect(backing.createDatasetImportJob(job({ roleArn: long.slice(0, 256) }))).resolves.toBeDefined();
  });

  it('the endpoint refuses a 257-character role ARN', async () => {
    await rejectsNamed(
      client.send(new CreateDatasetImportJobCommand(wireJob({ roleArn: long }))),
      'InvalidInputException',
    );
  });
});

describe('calls answer only errors their operation declares', () => {
  const unknownGroup = 'arn:aws:personalize:us-east-1:123456789012:dataset-group/none';
  const unknownDataset = 'arn:aws:personalize:us-east-1:123456789012:dataset/none/USERS';

  it('MemoryTransport: an unknown group or dataset of a List call is InvalidInputError', async () => {
    await rejectsInvalid(backing.listDatasets({ datasetGroupArn: unknownGroup }));
    await rejectsInvalid(backing.listDatasetImportJobs({ datasetArn: unknownDataset }));
  });

  it('the endpoint: List calls answer InvalidInputException, never ResourceNotFoundException', async () => {
    const invalid = 'InvalidInputException';
    await rejectsNamed(client.send(new ListDatasetsCommand({ datasetGroupArn: unknownGroup })), invalid);
    await rejectsNamed(client.send(new ListDatasetImportJobsCommand({ datasetArn: unknownDataset })), invalid);
    await rejectsNamed(client.send(new ListEventTrackersCommand({ datasetGroupArn: 'bad' })), invalid);
  });

  it('the endpoint maps an undeclared error of the backing to a declared one, keeping its name in the message', async () => {
    backing.failNext(1, { error: new InvalidInputError('no', { serviceErrorName: 'TooManyTagsException' }) });
    const call = client.send(new DescribeDatasetCommand({ datasetArn: shop.usersArn }));
    await expect(call).rejects.toMatchObject({ name: 'InvalidInputException', message: 'TooManyTagsException: no' });
  });
});
