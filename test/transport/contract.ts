/**
 * The behaviour every `Transport` must share, as a vitest suite to call once per implementation:
 * `MemoryTransport` directly, and `AwsTransport` against a local HTTP endpoint backed by a `MemoryTransport`.
 *
 * The suite sets up and scripts the service through `fixture.backing` (a `MemoryTransport`), makes its calls through
 * `fixture.transport`, and moves job states by advancing `fixture.clock` (the backing's clock).
 *
 * @example
 * describeTransportContract('AwsTransport over a local endpoint', async () => {
 *   const clock = new ManualClock();
 *   const backing = new MemoryTransport({ clock });
 *   const endpoint = await startLocalEndpoint({ backing });
 *   const transport = new AwsTransport({ endpoint: endpoint.url, credentials, region: 'us-east-1' });
 *   return { transport, backing, clock, s3: false, close: () => endpoint.close() };
 * });
 * @module
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, InvalidInputError, NotFoundError, ThrottledError } from '../../src/errors.js';
import type { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import type { CreateImportJobInput, ImportJob, Transport, WireEvent } from '../../src/transport/transport.js';
import type { ManualClock } from '../../src/util/manual-clock.js';
import { interactionsCsv, type Shop, setUpShop } from './memory-fixtures.js';

/** What the contract runs against. */
export interface TransportContractFixture {
  /** The transport under test. */
  transport: Transport;
  /** The fake service the transport's calls end up in; the suite sets it up and scripts it. */
  backing: MemoryTransport;
  /** The backing's clock (it must be built with it), advanced to move import jobs along. */
  clock: ManualClock;
  /** Whether the S3 calls reach the backing too. @default true */
  s3?: boolean;
  /** Releases what the fixture started (a server). */
  close?: () => Promise<void>;
}

const roleArn = 'arn:aws:iam::123456789012:role/PersonalizeS3';
// Whole seconds: the wire carries epoch seconds.
const sentAt = new Date('2026-01-01T00:00:00Z');
const event = (n: number, extra: Partial<WireEvent> = {}): WireEvent => ({
  eventId: `e${n}`,
  eventType: 'click',
  sentAt,
  itemId: `i${n}`,
  ...extra,
});

/**
 * Declares the contract suite for one transport. `makeFixture` runs before each test, `close` after it.
 * A transport that retries beneath the library (the SDK's own retry) may absorb up to 2 scripted throttles; the
 * throttle test scripts 3.
 */
export function describeTransportContract(
  name: string,
  makeFixture: () => TransportContractFixture | Promise<TransportContractFixture>,
): void {
  describe(`Transport contract: ${name}`, () => {
    let fixture: TransportContractFixture;
    let transport: Transport;
    let backing: MemoryTransport;
    let shop: Shop;

    beforeEach(async () => {
      fixture = await makeFixture();
      ({ transport, backing } = fixture);
      shop = setUpShop(backing);
    });
    afterEach(async () => {
      await fixture.close?.();
    });

    describe('data plane', () => {
      it('delivers a valid put of each kind', async () => {
        await transport.putEvents({
          trackingId: shop.trackingId,
          sessionId: 's1',
          userId: 'u1',
          eventList: [event(1)],
        });
        await transport.putUsers({
          datasetArn: shop.usersArn,
          users: [{ userId: 'u1', properties: '{"membership":"gold"}' }],
        });
        await transport.putItems({ datasetArn: shop.itemsArn, items: [{ itemId: 'i1' }] });
        await transport.putActions({ datasetArn: shop.actionsArn, actions: [{ actionId: 'a1' }] });
        const interaction = { actionId: 'a1', sessionId: 's1', eventType: 'Taken', timestamp: sentAt };
        await transport.putActionInteractions({ trackingId: shop.actionTrackingId, actionInteractions: [interaction] });
        expect(backing.events(shop.trackingId)).toEqual([
          expect.objectContaining({ eventId: 'e1', itemId: 'i1', sessionId: 's1', userId: 'u1', sentAt }),
        ]);
        expect(backing.users(shop.usersArn)).toEqual([{ userId: 'u1', properties: '{"membership":"gold"}' }]);
        expect(backing.items(shop.itemsArn)).toEqual([{ itemId: 'i1' }]);
        expect(backing.actions(shop.actionsArn)).toEqual([{ actionId: 'a1' }]);
        expect(backing.actionInteractions(shop.actionTrackingId)).toEqual([expect.objectContaining(interaction)]);
      });

      it('rejects a call of 11 records as InvalidInputError, storing none', async () => {
        const eventList = Array.from({ length: 11 }, (_, n) => event(n));
        await expect(transport.putEvents({ trackingId: shop.trackingId, sessionId: 's1', eventList })).rejects.toThrow(
          InvalidInputError,
        );
        const users = Array.from({ length: 11 }, (_, n) => ({ userId: `u${n}` }));
        await expect(transport.putUsers({ datasetArn: shop.usersArn, users })).rejects.toThrow(InvalidInputError);
        expect(backing.events()).toEqual([]);
        expect(backing.users(shop.usersArn)).toEqual([]);
      });

      it('rejects a call with an over-long field as InvalidInputError, naming the field', async () => {
        const eventList = [event(1), event(2, { itemId: 'x'.repeat(257) })];
        const call = transport.putEvents({ trackingId: shop.trackingId, sessionId: 's1', eventList });
        await expect(call).rejects.toThrow(InvalidInputError);
        await expect(call).rejects.toThrow(/itemId/);
        const properties = JSON.stringify({ k: 'x'.repeat(24_000) });
        await expect(
          transport.putUsers({ datasetArn: shop.usersArn, users: [{ userId: 'u1', properties }] }),
        ).rejects.toThrow(InvalidInputError);
        expect(backing.events()).toEqual([]);
      });

      it.each(['userId', 'SESSIONID', 'eventType', 'timestamp', 'recommendationId', 'impression'])(
        'rejects an action interaction whose properties use the reserved key %s as InvalidInputError',
        async (key) => {
          const interaction = { actionId: 'a1', sessionId: 's1', eventType: 'Taken', timestamp: sentAt };
          const call = transport.putActionInteractions({
            trackingId: shop.actionTrackingId,
            actionInteractions: [{ ...interaction, properties: JSON.stringify({ [key]: 'x' }) }],
          });
          await expect(call).rejects.toThrow(InvalidInputError);
          await expect(call).rejects.toThrow(/actionInteractions\.1\.member\.properties/);
          expect(backing.actionInteractions()).toEqual([]);
        },
      );

      it.each(['', '   '])('rejects the eventAttributionSource %j as InvalidInputError', async (source) => {
        const eventList = [event(1, { metricAttribution: { eventAttributionSource: source } })];
        const call = transport.putEvents({ trackingId: shop.trackingId, sessionId: 's1', eventList });
        await expect(call).rejects.toThrow(InvalidInputError);
        await expect(call).rejects.toThrow(/eventList\.1\.member\.metricAttribution\.eventAttributionSource/);
        expect(backing.events()).toEqual([]);
      });

      it('answers NotFoundError for an unknown tracking id or dataset', async () => {
        await expect(
          transport.putEvents({ trackingId: 'unknown-tracker', sessionId: 's1', eventList: [event(1)] }),
        ).rejects.toThrow(NotFoundError);
        const datasetArn = 'arn:aws:personalize:us-east-1:123456789012:dataset/none/USERS';
        await expect(transport.putUsers({ datasetArn, users: [{ userId: 'u1' }] })).rejects.toThrow(NotFoundError);
      });

      it('answers ThrottledError when the service throttles', async () => {
        backing.throttleNext(3, { call: 'putUsers' });
        await expect(transport.putUsers({ datasetArn: shop.usersArn, users: [{ userId: 'u1' }] })).rejects.toThrow(
          ThrottledError,
        );
        backing.clearScripts();
        expect(backing.users(shop.usersArn)).toEqual([]);
      });

      it('passes the service’s message of a rejected record through', async () => {
        backing.rejectRecords((record) =>
          'itemId' in record && record.itemId === 'bad' ? 'Item bad is refused' : undefined,
        );
        const call = transport.putItems({ datasetArn: shop.itemsArn, items: [{ itemId: 'ok' }, { itemId: 'bad' }] });
        await expect(call).rejects.toThrow(InvalidInputError);
        await expect(call).rejects.toThrow('Item bad is refused');
      });
    });

    describe('control plane', () => {
      it('creates, describes and lists an import job through to ACTIVE', async () => {
        backing.putObject({ bucket: 'data', key: 'interactions.csv' }, interactionsCsv(1_000));
        const input = {
          jobName: 'contract-1',
          datasetArn: shop.interactionsArn,
          dataLocation: 's3://data/interactions.csv',
          roleArn,
          importMode: 'FULL',
        } as const;
        const { jobArn } = await transport.createDatasetImportJob(input);
        const pending = await transport.describeDatasetImportJob(jobArn);
        expect(pending).toMatchObject({
          jobArn,
          jobName: 'contract-1',
          datasetArn: shop.interactionsArn,
          status: 'CREATE PENDING',
        });
        expect(pending.createdAt).toEqual(new Date(fixture.clock.now()));
        const { pendingMs, inProgressMs } = backing.config.jobTimings;
        await fixture.clock.advance(pendingMs + inProgressMs);
        expect(await transport.describeDatasetImportJob(jobArn)).toMatchObject({
          status: 'ACTIVE',
          importMode: 'FULL',
        });
        const page = await transport.listDatasetImportJobs({ datasetArn: shop.interactionsArn, maxResults: 10 });
        expect(page.items).toEqual([expect.objectContaining({ jobArn, jobName: 'contract-1', status: 'ACTIVE' })]);
        expect(page.nextToken).toBeUndefined();
        await expect(transport.createDatasetImportJob(input)).rejects.toThrow(ConflictError);
      });

      it('reports a failed job’s reason', async () => {
        backing.failNextJob('Access denied');
        backing.putObject({ bucket: 'data', key: 'users.csv' }, 'USER_ID,MEMBERSHIP\nu1,gold\n');
        const { jobArn } = await transport.createDatasetImportJob({
          jobName: 'contract-2',
          datasetArn: shop.usersArn,
          dataLocation: 's3://data/users.csv',
          roleArn,
          importMode: 'FULL',
        });
        const { pendingMs, inProgressMs } = backing.config.jobTimings;
        await fixture.clock.advance(pendingMs + inProgressMs);
        expect(await transport.describeDatasetImportJob(jobArn)).toMatchObject({
          status: 'CREATE FAILED',
          failureReason: 'Access denied',
        });
      });

      /** Stores `csv`, imports it into `datasetArn` through the transport, and answers the finished job. */
      async function importCsv(
        datasetArn: string,
        csv: string,
        importMode: 'FULL' | 'INCREMENTAL' = 'FULL',
      ): Promise<{ key: string; job: ImportJob }> {
        const key = `content/${++jobs}.csv`;
        backing.putObject({ bucket: 'data', key }, csv);
        const { jobArn } = await transport.createDatasetImportJob({
          jobName: `content-${jobs}`,
          datasetArn,
          dataLocation: `s3://data/${key}`,
          roleArn,
          importMode,
        });
        const { pendingMs, inProgressMs } = backing.config.jobTimings;
        await fixture.clock.advance(pendingMs + inProgressMs);
        return { key, job: await transport.describeDatasetImportJob(jobArn) };
      }
      let jobs = 0;

      const timestampNotANumber = interactionsCsv(1_000).replace('u7,i7,1700000007,', 'u7,i7,seven,');
      it.each([
        ['a non-numeric TIMESTAMP', 'interactions', timestampNotANumber, 'line 9, column TIMESTAMP', 'NOT_AN_INTEGER'],
        ['abc in an int field', 'members', 'USER_ID,AGE\nu1,abc\n', 'line 2, column AGE', 'NOT_AN_INTEGER'],
        [
          'an empty USER_ID',
          'users',
          'USER_ID,MEMBERSHIP\nu1,gold\n,gold\n',
          'line 3, column USER_ID',
          'EMPTY_REQUIRED_VALUE',
        ],
        [
          'a 1,001-character categorical value',
          'users',
          `USER_ID,MEMBERSHIP\nu1,${'g'.repeat(1_001)}\n`,
          'line 2, column MEMBERSHIP',
          'CATEGORICAL_VALUE_TOO_LONG',
        ],
        [
          'a 300-character USER_ID',
          'users',
          `USER_ID,MEMBERSHIP\n${'u'.repeat(300)},gold\n`,
          'line 2, column USER_ID',
          'ID_TOO_LONG',
        ],
        ['a quoted header', 'users', '"USER_ID",MEMBERSHIP\nu1,gold\n', 'line 1, column USER_ID', 'QUOTED_HEADER'],
        ['an extra column', 'users', 'USER_ID,MEMBERSHIP,AGE\nu1,gold,3\n', 'line 1, column AGE', 'UNKNOWN_COLUMN'],
      ] as const)(
        'ends a job on a file with %s CREATE FAILED, naming file, line and problem',
        async (_what, target, csv, where, code) => {
          const datasetArn =
            target === 'members' ? membersDataset() : target === 'users' ? shop.usersArn : shop.interactionsArn;
          const { key, job } = await importCsv(datasetArn, csv);
          expect(job.status).toBe('CREATE FAILED');
          expect(job.failureReason).toContain(`Invalid CSV s3://data/${key}, ${where}: `);
          expect(job.failureReason).toContain(`(${code})`);
        },
      );

      it('ends an INCREMENTAL job of 1,000 identical interactions CREATE FAILED: they are one new record', async () => {
        expect((await importCsv(shop.interactionsArn, interactionsCsv(1_000))).job.status).toBe('ACTIVE');
        const same = `USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n${'u1,i9,1800000000,Buy\n'.repeat(1_000)}`;
        const { job } = await importCsv(shop.interactionsArn, same, 'INCREMENTAL');
        expect(job.status).toBe('CREATE FAILED');
        expect(job.failureReason).toContain('fewer than 1000 new interaction records (1 found in 1000 rows');
      });

      /** A Users dataset with an int field, in a group of its own. */
      function membersDataset(): string {
        const datasetGroupArn = backing.createDatasetGroup({ name: 'members' });
        const schema = {
          type: 'record',
          name: 'Users',
          namespace: 'com.amazonaws.personalize.schema',
          fields: [
            { name: 'USER_ID', type: 'string' },
            { name: 'AGE', type: 'int' },
          ],
          version: '1.0',
        };
        return backing.createDataset({ datasetGroupArn, datasetType: 'Users', schema }).datasetArn;
      }

      it('describes datasets, schemas and groups; unknown ARNs are NotFoundError', async () => {
        const dataset = await transport.describeDataset(shop.actionInteractionsArn);
        expect(dataset).toMatchObject({ datasetType: 'Action_Interactions', trackingId: shop.actionTrackingId });
        expect((await transport.describeSchema(dataset.schemaArn)).schema).toContain('ACTION_ID');
        expect(await transport.describeDatasetGroup(shop.datasetGroupArn)).toMatchObject({ name: 'shop' });
        const listed = await transport.listDatasets({ datasetGroupArn: shop.datasetGroupArn });
        expect(listed.items).toHaveLength(5);
        const unknown = 'arn:aws:personalize:us-east-1:123456789012:dataset-import-job/none';
        await expect(transport.describeDatasetImportJob(unknown)).rejects.toThrow(NotFoundError);
      });
    });

    describe('the model’s rules (Personalize API model of @aws-sdk/client-personalize)', () => {
      const job = (extra: Partial<CreateImportJobInput> = {}): CreateImportJobInput => ({
        jobName: 'rules-1',
        datasetArn: shop.usersArn,
        dataLocation: 's3://data/users.csv',
        roleArn,
        importMode: 'FULL',
        ...extra,
      });

      it('refuses an import job’s tags past 50, past 128/256 characters, outside the pattern or under aws:', async () => {
        const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
        for (const tags of [
          many,
          { ['k'.repeat(129)]: 'v' },
          { k: 'v'.repeat(257) },
          { 'a#b': 'v' },
          { 'aws:x': 'v' },
        ]) {
          await expect(transport.createDatasetImportJob(job({ tags }))).rejects.toThrow(InvalidInputError);
        }
        expect(await backing.importJobs()).toEqual([]);
      });

      it('takes an import job without roleArn (optional in the model), and refuses one over 256 characters', async () => {
        const { roleArn: _, ...withoutRole } = job();
        await expect(transport.createDatasetImportJob(withoutRole as CreateImportJobInput)).resolves.toBeDefined();
        const long = `arn:aws:iam::123456789012:role/${'r'.repeat(226)}`;
        await expect(transport.createDatasetImportJob(job({ jobName: 'rules-2', roleArn: long }))).rejects.toThrow(
          InvalidInputError,
        );
      });

      it('answers a malformed ARN with InvalidInputError, not NotFoundError', async () => {
        await expect(transport.describeDataset('not-an-arn')).rejects.toThrow(InvalidInputError);
        await expect(transport.describeDatasetGroup('arn:aws:s3:::bucket')).rejects.toThrow(InvalidInputError);
        await expect(transport.describeDatasetImportJob('job')).rejects.toThrow(InvalidInputError);
      });

      it('refuses maxResults outside 1..100; an unknown group or dataset of a List call is InvalidInputError', async () => {
        await expect(transport.listDatasetImportJobs({ maxResults: 101 })).rejects.toThrow(InvalidInputError);
        await expect(transport.listDatasetImportJobs({ maxResults: 0 })).rejects.toThrow(InvalidInputError);
        const group = 'arn:aws:personalize:us-east-1:123456789012:dataset-group/none';
        await expect(transport.listDatasets({ datasetGroupArn: group })).rejects.toThrow(InvalidInputError);
        const dataset = 'arn:aws:personalize:us-east-1:123456789012:dataset/none/USERS';
        await expect(transport.listDatasetImportJobs({ datasetArn: dataset })).rejects.toThrow(InvalidInputError);
      });
    });

    describe('S3', () => {
      it('uploads, heads, lists and reads an object', async ({ skip }) => {
        if (fixture.s3 === false) skip();
        backing.createBucket('data');
        const info = await transport.uploadObject({ bucket: 'data', key: 'in/a.csv', body: 'USER_ID\nu1\n' });
        expect(info).toMatchObject({ bucket: 'data', key: 'in/a.csv', size: 11 });
        expect(await transport.headObject({ bucket: 'data', key: 'in/a.csv' })).toMatchObject({
          size: 11,
          etag: info.etag,
        });
        expect((await transport.listObjects({ bucket: 'data', prefix: 'in/' })).map((object) => object.key)).toEqual([
          'in/a.csv',
        ]);
        const chunks: Buffer[] = [];
        for await (const chunk of await transport.getObject({ bucket: 'data', key: 'in/a.csv' }))
          chunks.push(Buffer.from(chunk));
        expect(Buffer.concat(chunks).toString('utf8')).toBe('USER_ID\nu1\n');
        // The upload reached the backing's S3, where its import jobs read.
        expect(backing.objectText({ bucket: 'data', key: 'in/a.csv' })).toBe('USER_ID\nu1\n');
        await expect(transport.headObject({ bucket: 'data', key: 'none' })).rejects.toThrow(NotFoundError);
      });

      it('imports a file uploaded through the transport', async ({ skip }) => {
        if (fixture.s3 === false) skip();
        backing.createBucket('data');
        await transport.uploadObject({ bucket: 'data', key: 'up/interactions.csv', body: interactionsCsv(1_000) });
        const { jobArn } = await transport.createDatasetImportJob({
          jobName: 'contract-upload',
          datasetArn: shop.interactionsArn,
          dataLocation: 's3://data/up/interactions.csv',
          roleArn,
          importMode: 'FULL',
        });
        const { pendingMs, inProgressMs } = backing.config.jobTimings;
        await fixture.clock.advance(pendingMs + inProgressMs);
        expect(await transport.describeDatasetImportJob(jobArn)).toMatchObject({ status: 'ACTIVE' });
        expect(backing.bulkRows(shop.interactionsArn)).toHaveLength(1_000);
      });
    });
  });
}
