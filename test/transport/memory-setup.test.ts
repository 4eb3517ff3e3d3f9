import { describe, expect, it } from 'vitest';
import { ConflictError, InvalidInputError, NotFoundError } from '../../src/errors.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { ManualClock } from '../../src/util/manual-clock.js';
import { setUpShop, usersSchema } from './memory-fixtures.js';

const sentAt = new Date('2026-01-01T00:00:00Z');

describe('MemoryTransport set-up', () => {
  it('refuses a second dataset of one type, a second event tracker and a taken group name', () => {
    const transport = new MemoryTransport();
    const shop = setUpShop(transport);
    expect(() =>
      transport.createDataset({ datasetGroupArn: shop.datasetGroupArn, datasetType: 'Users', schema: usersSchema }),
    ).toThrow(ConflictError);
    expect(() => transport.createEventTracker({ datasetGroupArn: shop.datasetGroupArn })).toThrow(ConflictError);
    expect(() => transport.createDatasetGroup({ name: 'shop' })).toThrow(ConflictError);
  });

  it('refuses a schema that is not an Avro record, and an unknown group', () => {
    const transport = new MemoryTransport();
    const datasetGroupArn = transport.createDatasetGroup({ name: 'g' });
    expect(() => transport.createDataset({ datasetGroupArn, datasetType: 'Users', schema: '{nope' })).toThrow(
      InvalidInputError,
    );
    expect(() => transport.createDataset({ datasetGroupArn, datasetType: 'Users', schema: { type: 'enum' } })).toThrow(
      /Avro record/,
    );
    expect(() =>
      transport.createDataset({ datasetGroupArn: `${datasetGroupArn}x`, datasetType: 'Users', schema: usersSchema }),
    ).toThrow(NotFoundError);
  });

  it('registers a known tracking id with addTracker, and keeps each tracker’s events apart', async () => {
    const transport = new MemoryTransport();
    const shop = setUpShop(transport);
    transport.addTracker('my-tracker');
    const eventList = [{ eventId: 'e1', eventType: 'click', sentAt }];
    await transport.putEvents({ trackingId: 'my-tracker', sessionId: 's1', eventList });
    await transport.putEvents({ trackingId: shop.trackingId, sessionId: 's2', eventList });
    expect(transport.events('my-tracker').map((event) => event.sessionId)).toEqual(['s1']);
    expect(transport.events().map((event) => event.sessionId)).toEqual(['s1', 's2']);
    expect(() => transport.addTracker('my-tracker')).toThrow(ConflictError);
  });

  it('stores a copy: changing the caller’s records afterwards changes nothing', async () => {
    const transport = new MemoryTransport();
    const shop = setUpShop(transport);
    const event = { eventId: 'e1', eventType: 'click', sentAt: new Date(sentAt), impression: ['a'] };
    await transport.putEvents({ trackingId: shop.trackingId, sessionId: 's1', eventList: [event] });
    event.impression.push('b');
    event.sentAt.setFullYear(2000);
    expect(transport.events()[0]).toMatchObject({ impression: ['a'], sentAt });
    expect(transport.callsOf('putEvents')[0]?.input.eventList[0]).toMatchObject({ impression: ['a'], sentAt });
  });

  it('throws on inspecting a dataset it does not know', () => {
    const transport = new MemoryTransport();
    const arn = 'arn:aws:personalize:us-east-1:123456789012:dataset/x/USERS';
    expect(() => transport.users(arn)).toThrow(NotFoundError);
    expect(() => transport.bulkRows(arn)).toThrow(NotFoundError);
  });

  it('writes the region and account into its ARNs', () => {
    const transport = new MemoryTransport({ region: 'eu-west-1', accountId: '000000000001' });
    expect(transport.createDatasetGroup({ name: 'g' })).toBe(
      'arn:aws:personalize:eu-west-1:000000000001:dataset-group/g',
    );
  });

  it('reads a CSV with a byte-order mark', async () => {
    const clock = new ManualClock();
    const transport = new MemoryTransport({ clock, jobTimings: { pendingMs: 0, inProgressMs: 0 } });
    const shop = setUpShop(transport);
    transport.putObject({ bucket: 'b', key: 'u.csv' }, '\uFEFFUSER_ID,MEMBERSHIP\nu1,gold\n');
    const { jobArn } = await transport.createDatasetImportJob({
      jobName: 'bom',
      datasetArn: shop.usersArn,
      dataLocation: 's3://b/u.csv',
      roleArn: 'arn:aws:iam::123456789012:role/r',
      importMode: 'FULL',
    });
    expect((await transport.describeDatasetImportJob(jobArn)).status).toBe('ACTIVE');
    expect(transport.bulkRows(shop.usersArn)).toEqual([{ USER_ID: 'u1', MEMBERSHIP: 'gold' }]);
  });

  it('takes chosen tracking ids for an event tracker and an Action_Interactions dataset, each once', async () => {
    const transport = new MemoryTransport();
    const datasetGroupArn = transport.createDatasetGroup({ name: 'g' });
    const tracker = transport.createEventTracker({ datasetGroupArn, trackingId: 'web-events', name: 'web' });
    expect(tracker).toEqual({
      trackingId: 'web-events',
      eventTrackerArn: 'arn:aws:personalize:us-east-1:123456789012:event-tracker/00000001',
    });
    const schema = { type: 'record', name: 'AI', fields: [{ name: 'ACTION_ID', type: 'string' }] };
    const other = transport.createDatasetGroup({ name: 'h' });
    expect(() =>
      transport.createDataset({
        datasetGroupArn: other,
        datasetType: 'Action_Interactions',
        schema,
        trackingId: 'web-events',
      }),
    ).toThrow(ConflictError);
    const created = transport.createDataset({
      datasetGroupArn,
      datasetType: 'Action_Interactions',
      schema,
      trackingId: 'ai',
    });
    expect(created.trackingId).toBe('ai');
    expect(() => transport.createDataset({ datasetGroupArn, datasetType: 'Users', schema, trackingId: 'u' })).toThrow(
      InvalidInputError,
    );
    const interaction = { actionId: 'a1', sessionId: 's1', eventType: 'Taken', timestamp: sentAt };
    await transport.putActionInteractions({ trackingId: 'ai', actionInteractions: [interaction] });
    expect(transport.actionInteractions('ai')).toHaveLength(1);
  });

  it('creates a schema apart and a dataset on it, of the group’s domain only', () => {
    const clock = new ManualClock();
    const transport = new MemoryTransport({ clock });
    const datasetGroupArn = transport.createDatasetGroup({ name: 'vod', domain: 'VIDEO_ON_DEMAND' });
    const custom = transport.createSchema({ name: 'custom-users', schema: usersSchema });
    const domain = transport.createSchema({ name: 'vod-users', schema: usersSchema, domain: 'VIDEO_ON_DEMAND' });
    expect(() => transport.createSchema({ name: 'vod-users', schema: usersSchema })).toThrow(ConflictError);
    expect(() => transport.createDataset({ datasetGroupArn, datasetType: 'Users', schemaArn: custom })).toThrow(
      /does not fit dataset group/,
    );
    const { datasetArn, schemaArn } = transport.createDataset({
      datasetGroupArn,
      datasetType: 'Users',
      schemaArn: domain,
    });
    expect(schemaArn).toBe(domain);
    expect(transport.resources()).toEqual({
      datasetGroups: [
        {
          datasetGroupArn,
          name: 'vod',
          status: 'ACTIVE',
          domain: 'VIDEO_ON_DEMAND',
          createdAt: new Date(ManualClock.START),
        },
      ],
      schemas: [
        expect.objectContaining({ schemaArn: custom, name: 'custom-users' }),
        expect.objectContaining({ schemaArn: domain, domain: 'VIDEO_ON_DEMAND' }),
      ],
      datasets: [expect.objectContaining({ datasetArn, datasetType: 'Users', schemaArn: domain, status: 'ACTIVE' })],
      eventTrackers: [],
    });
    expect(() => transport.deleteSchema(domain)).toThrow(ConflictError);
  });
});
