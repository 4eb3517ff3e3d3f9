/**
 * The set-up and inspection calls of the AWS getting-started steps, from a plain `@aws-sdk/client-personalize`
 * client on its default settings against the local endpoint, and `GET /_fake/state` read with a plain `fetch`.
 */
import {
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateEventTrackerCommand,
  CreateSchemaCommand,
  DeleteDatasetCommand,
  DeleteDatasetGroupCommand,
  DeleteEventTrackerCommand,
  DeleteSchemaCommand,
  DescribeDatasetCommand,
  DescribeDatasetGroupCommand,
  DescribeEventTrackerCommand,
  ListDatasetGroupsCommand,
  ListEventTrackersCommand,
  ListSchemasCommand,
  PersonalizeClient,
} from '@aws-sdk/client-personalize';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LocalEndpoint, startLocalEndpoint } from '../../src/local-endpoint/local-endpoint.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import type { Transport } from '../../src/transport/transport.js';
import { ManualClock } from '../../src/util/manual-clock.js';
import { interactionsSchema, usersSchema } from '../transport/memory-fixtures.js';

const ARN = 'arn:aws:personalize:us-east-1:123456789012';
let clock: ManualClock;
let backing: MemoryTransport;
let endpoint: LocalEndpoint;
let client: PersonalizeClient;

async function start(on: Transport) {
  endpoint = await startLocalEndpoint({ backing: on });
  client = new PersonalizeClient({
    endpoint: endpoint.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
}

beforeEach(async () => {
  clock = new ManualClock();
  backing = new MemoryTransport({ clock });
  await start(backing);
});
afterEach(async () => {
  client.destroy();
  await endpoint.close();
});

/** The getting-started steps for an ECOMMERCE domain dataset group. */
async function buildDomainGroup() {
  const group = await client.send(new CreateDatasetGroupCommand({ name: 'shop', domain: 'ECOMMERCE' }));
  const schema = await client.send(
    new CreateSchemaCommand({
      name: 'shop-interactions',
      schema: JSON.stringify(interactionsSchema),
      domain: 'ECOMMERCE',
    }),
  );
  const dataset = await client.send(
    new CreateDatasetCommand({
      name: 'shop-interactions',
      datasetGroupArn: group.datasetGroupArn,
      schemaArn: schema.schemaArn,
      datasetType: 'INTERACTIONS',
    }),
  );
  const tracker = await client.send(
    new CreateEventTrackerCommand({ name: 'shop-tracker', datasetGroupArn: group.datasetGroupArn }),
  );
  return { group, schema, dataset, tracker };
}

describe('set-up calls through the endpoint', () => {
  it('builds a domain dataset group with the service’s ARNs, everything ACTIVE at once', async () => {
    const { group, schema, dataset, tracker } = await buildDomainGroup();
    expect(group).toMatchObject({ datasetGroupArn: `${ARN}:dataset-group/shop`, domain: 'ECOMMERCE' });
    expect(schema.schemaArn).toBe(`${ARN}:schema/shop-interactions`);
    expect(dataset.datasetArn).toBe(`${ARN}:dataset/shop/INTERACTIONS`);
    expect(tracker.eventTrackerArn).toMatch(new RegExp(`^${ARN}:event-tracker/[0-9a-f]+$`));
    expect(tracker.trackingId).toMatch(/^[0-9a-f-]{36}$/);
    const described = await client.send(new DescribeDatasetGroupCommand({ datasetGroupArn: group.datasetGroupArn }));
    expect(described.datasetGroup).toMatchObject({
      name: 'shop',
      status: 'ACTIVE',
      domain: 'ECOMMERCE',
      creationDateTime: new Date(ManualClock.START),
    });
    const d = await client.send(new DescribeDatasetCommand({ datasetArn: dataset.datasetArn }));
    expect(d.dataset).toMatchObject({ datasetType: 'Interactions', schemaArn: schema.schemaArn, status: 'ACTIVE' });
    const t = await client.send(new DescribeEventTrackerCommand({ eventTrackerArn: tracker.eventTrackerArn }));
    expect(t.eventTracker).toEqual({
      name: 'shop-tracker',
      eventTrackerArn: tracker.eventTrackerArn,
      accountId: '123456789012',
      trackingId: tracker.trackingId,
      datasetGroupArn: group.datasetGroupArn,
      status: 'ACTIVE',
      creationDateTime: new Date(ManualClock.START),
      lastUpdatedDateTime: new Date(ManualClock.START),
    });
    // The tracker takes events at once.
    await backing.putEvents({
      trackingId: tracker.trackingId as string,
      sessionId: 's1',
      eventList: [{ eventId: 'e1', eventType: 'View', sentAt: new Date(ManualClock.START) }],
    });
    expect(backing.events(tracker.trackingId)).toHaveLength(1);
  });

  it('lists groups, schemas and trackers, paged by maxResults', async () => {
    const { group, tracker } = await buildDomainGroup();
    await client.send(new CreateDatasetGroupCommand({ name: 'second' }));
    const first = await client.send(new ListDatasetGroupsCommand({ maxResults: 1 }));
    expect(first.datasetGroups).toEqual([
      expect.objectContaining({ name: 'shop', datasetGroupArn: group.datasetGroupArn, status: 'ACTIVE' }),
    ]);
    const rest = await client.send(new ListDatasetGroupsCommand({ nextToken: first.nextToken }));
    expect(rest.datasetGroups?.map((g) => g.name)).toEqual(['second']);
    const schemas = await client.send(new ListSchemasCommand({}));
    expect(schemas.schemas).toEqual([
      expect.objectContaining({ name: 'shop-interactions', domain: 'ECOMMERCE', creationDateTime: expect.any(Date) }),
    ]);
    const trackers = await client.send(new ListEventTrackersCommand({ datasetGroupArn: group.datasetGroupArn }));
    expect(trackers.eventTrackers).toEqual([
      expect.objectContaining({ eventTrackerArn: tracker.eventTrackerArn, name: 'shop-tracker', status: 'ACTIVE' }),
    ]);
  });

  it('answers the errors the model declares', async () => {
    const { group, schema, tracker } = await buildDomainGroup();
    const named = (name: string) => expect.objectContaining({ name });
    await expect(client.send(new CreateDatasetGroupCommand({ name: 'shop' }))).rejects.toEqual(
      named('ResourceAlreadyExistsException'),
    );
    await expect(
      client.send(new CreateEventTrackerCommand({ name: 'again', datasetGroupArn: group.datasetGroupArn })),
    ).rejects.toEqual(named('ResourceAlreadyExistsException'));
    const missing = `${ARN}:dataset-group/none`;
    await expect(client.send(new CreateEventTrackerCommand({ name: 't', datasetGroupArn: missing }))).rejects.toEqual(
      named('ResourceNotFoundException'),
    );
    await expect(
      client.send(new DescribeEventTrackerCommand({ eventTrackerArn: `${ARN}:event-tracker/ffff` })),
    ).rejects.toEqual(named('ResourceNotFoundException'));
    // A domain group takes no Actions dataset; a dataset type outside the five is invalid too.
    const actions = { name: 'a', datasetGroupArn: group.datasetGroupArn, schemaArn: schema.schemaArn };
    await expect(client.send(new CreateDatasetCommand({ ...actions, datasetType: 'Actions' }))).rejects.toEqual(
      named('InvalidInputException'),
    );
    await expect(client.send(new CreateDatasetCommand({ ...actions, datasetType: 'Clicks' }))).rejects.toEqual(
      named('InvalidInputException'),
    );
    // A Custom schema does not fit a domain group.
    const custom = await client.send(new CreateSchemaCommand({ name: 'custom', schema: JSON.stringify(usersSchema) }));
    await expect(
      client.send(new CreateDatasetCommand({ ...actions, schemaArn: custom.schemaArn, datasetType: 'Users' })),
    ).rejects.toEqual(named('InvalidInputException'));
    await expect(client.send(new CreateSchemaCommand({ name: 'bad', schema: '{nope' }))).rejects.toEqual(
      named('InvalidInputException'),
    );
    await expect(
      client.send(new DeleteDatasetGroupCommand({ datasetGroupArn: group.datasetGroupArn })),
    ).rejects.toEqual(named('ResourceInUseException'));
    await client.send(new DeleteEventTrackerCommand({ eventTrackerArn: tracker.eventTrackerArn }));
  });

  it('deletes in the service’s order: tracker and datasets, then the group and the schema', async () => {
    const { group, schema, dataset, tracker } = await buildDomainGroup();
    await expect(client.send(new DeleteSchemaCommand({ schemaArn: schema.schemaArn }))).rejects.toMatchObject({
      name: 'ResourceInUseException',
    });
    await client.send(new DeleteEventTrackerCommand({ eventTrackerArn: tracker.eventTrackerArn }));
    await client.send(new DeleteDatasetCommand({ datasetArn: dataset.datasetArn }));
    await client.send(new DeleteDatasetGroupCommand({ datasetGroupArn: group.datasetGroupArn }));
    await client.send(new DeleteSchemaCommand({ schemaArn: schema.schemaArn }));
    expect(backing.resources()).toEqual({ datasetGroups: [], schemas: [], datasets: [], eventTrackers: [] });
  });

  it('answers a set-up call with UnknownOperationException, saying why, when the backing is not a MemoryTransport', async () => {
    client.destroy();
    await endpoint.close();
    // Every Transport method, and none of the fake's set-up methods.
    const plain = Object.fromEntries(
      Object.getOwnPropertyNames(MemoryTransport.prototype)
        .filter((name) => !['constructor', 'createDatasetGroup', 'createSchema', 'resources'].includes(name))
        .map((name) => [name, () => Promise.resolve(undefined)]),
    ) as unknown as Transport;
    await start(plain);
    await expect(client.send(new CreateDatasetGroupCommand({ name: 'g' }))).rejects.toMatchObject({
      name: 'UnknownOperationException',
      message: expect.stringMatching(/served only when the local endpoint's backing is a MemoryTransport/),
    });
  });
});

describe('GET /_fake/state', () => {
  it('shows what is stored, with a plain fetch', async () => {
    const { dataset, tracker } = await buildDomainGroup();
    const usersArn = backing.createDataset({
      datasetGroupArn: `${ARN}:dataset-group/shop`,
      datasetType: 'Users',
      schema: usersSchema,
    }).datasetArn;
    await backing.putUsers({ datasetArn: usersArn, users: [{ userId: 'u1', properties: '{"membership":"gold"}' }] });
    const sentAt = new Date(ManualClock.START);
    const trackingId = tracker.trackingId as string;
    await backing.putEvents({ trackingId, sessionId: 's1', eventList: [{ eventId: 'e1', eventType: 'View', sentAt }] });
    backing.putObject({ bucket: 'data', key: 'in/users.csv' }, 'USER_ID,MEMBERSHIP\nu1,gold\n');
    await backing.createDatasetImportJob({
      jobName: 'j1',
      datasetArn: usersArn,
      dataLocation: 's3://data/in/users.csv',
      roleArn: 'arn:aws:iam::123456789012:role/r',
      importMode: 'FULL',
    });
    const res = await fetch(`${endpoint.url}/_fake/state`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const state = await res.json();
    const seconds = ManualClock.START / 1000;
    expect(state).toEqual({
      datasetGroups: [
        {
          datasetGroupArn: `${ARN}:dataset-group/shop`,
          name: 'shop',
          status: 'ACTIVE',
          domain: 'ECOMMERCE',
          createdAt: seconds,
        },
      ],
      schemas: [
        expect.objectContaining({ name: 'shop-interactions' }),
        expect.objectContaining({ name: 'shop-Users-schema' }),
      ],
      datasets: [
        expect.objectContaining({ datasetArn: dataset.datasetArn, datasetType: 'Interactions', bulkRowCount: 0 }),
        expect.objectContaining({
          datasetArn: usersArn,
          records: [{ userId: 'u1', properties: '{"membership":"gold"}' }],
          bulkRowCount: 0,
        }),
      ],
      eventTrackers: [
        expect.objectContaining({
          trackingId,
          events: [{ eventId: 'e1', eventType: 'View', sentAt: seconds, trackingId, sessionId: 's1' }],
        }),
      ],
      importJobs: [expect.objectContaining({ jobName: 'j1', status: 'CREATE PENDING', createdAt: seconds })],
      buckets: [{ name: 'data', objects: [{ key: 'in/users.csv', size: 27, etag: expect.any(String) }] }],
    });
  });

  it('is read-only, and the only page there', async () => {
    expect((await fetch(`${endpoint.url}/_fake/state`, { method: 'POST', body: '{}' })).status).toBe(405);
    const other = await fetch(`${endpoint.url}/_fake/reset`);
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual({ message: expect.stringMatching(/GET \/_fake\/state/) });
  });
});
