/**
 * The AWS CLI and boto3 through the whole set-up flow against a started local endpoint: what a user outside
 * JavaScript does. Each is skipped when it is not installed.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LocalEndpoint, startLocalEndpoint } from '../../src/local-endpoint/local-endpoint.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { interactionsSchema } from '../transport/memory-fixtures.js';
import { hasAwsCli, hasBoto3 } from './s3-fixture.js';

const run = promisify(execFile);

// Dummy credentials and no config files of the machine: nothing real is reachable or used.
const env = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
};

let backing: MemoryTransport;
let endpoint: LocalEndpoint;
let dir: string;

beforeEach(async () => {
  backing = new MemoryTransport();
  endpoint = await startLocalEndpoint({ backing });
  dir = mkdtempSync(join(tmpdir(), 'other-clients-'));
});
afterEach(async () => {
  await endpoint.close();
});

describe.skipIf(!hasAwsCli)('the AWS CLI with --endpoint-url', () => {
  async function aws(...args: string[]): Promise<Record<string, unknown>> {
    const { stdout } = await run('aws', ['--endpoint-url', endpoint.url, '--output', 'json', ...args], { env });
    return stdout.trim() === '' ? {} : JSON.parse(stdout);
  }

  it('builds a domain dataset group, puts an event, and lists datasets without --dataset-group-arn', async () => {
    const schemaFile = join(dir, 'schema.json');
    writeFileSync(schemaFile, JSON.stringify(interactionsSchema));
    const group = await aws('personalize', 'create-dataset-group', '--name', 'shop', '--domain', 'ECOMMERCE');
    expect(group).toEqual({
      datasetGroupArn: 'arn:aws:personalize:us-east-1:123456789012:dataset-group/shop',
      domain: 'ECOMMERCE',
    });
    const groupArn = group.datasetGroupArn as string;
    const schema = await aws(
      ...['personalize', 'create-schema', '--name', 'shop-interactions', '--domain', 'ECOMMERCE'],
      ...['--schema', `file://${schemaFile}`],
    );
    await aws(
      ...['personalize', 'create-dataset', '--name', 'shop-interactions', '--dataset-type', 'Interactions'],
      ...['--dataset-group-arn', groupArn, '--schema-arn', schema.schemaArn as string],
    );
    const created = await aws('personalize', 'create-event-tracker', '--name', 'web', '--dataset-group-arn', groupArn);
    const described = await aws(
      ...['personalize', 'describe-event-tracker', '--event-tracker-arn', created.eventTrackerArn as string],
    );
    expect(described.eventTracker).toMatchObject({ trackingId: created.trackingId, status: 'ACTIVE', name: 'web' });
    await aws(
      ...['personalize-events', 'put-events', '--tracking-id', created.trackingId as string, '--session-id', 's1'],
      ...['--event-list', JSON.stringify([{ eventId: 'e1', eventType: 'View', sentAt: 1_700_000_000, itemId: 'i1' }])],
    );
    expect(backing.events(created.trackingId as string)).toEqual([
      expect.objectContaining({ eventId: 'e1', itemId: 'i1' }),
    ]);
    const datasets = await aws('personalize', 'list-datasets');
    expect(datasets.datasets).toEqual([expect.objectContaining({ datasetType: 'Interactions', status: 'ACTIVE' })]);
  }, 60_000);

  it('prints the service’s error, named, for an unknown event tracker', async () => {
    const arn = 'arn:aws:personalize:us-east-1:123456789012:event-tracker/ffff';
    const call = aws('personalize', 'describe-event-tracker', '--event-tracker-arn', arn);
    await expect(call).rejects.toMatchObject({ stderr: expect.stringMatching(/ResourceNotFoundException/) });
  }, 30_000);
});

const BOTO3_FLOW = `
import json, sys
import boto3
url = sys.argv[1]
personalize = boto3.client('personalize', endpoint_url=url)
events = boto3.client('personalize-events', endpoint_url=url)
group = personalize.create_dataset_group(name='shop', domain='VIDEO_ON_DEMAND')['datasetGroupArn']
schema = personalize.create_schema(name='vod-interactions', schema=sys.argv[2], domain='VIDEO_ON_DEMAND')['schemaArn']
personalize.create_dataset(name='vod-interactions', datasetGroupArn=group, schemaArn=schema, datasetType='Interactions')
tracker = personalize.create_event_tracker(name='web', datasetGroupArn=group)
events.put_events(trackingId=tracker['trackingId'], sessionId='s1',
                  eventList=[{'eventId': 'e1', 'eventType': 'Watch', 'sentAt': 1700000000, 'itemId': 'i1'}])
described = personalize.describe_event_tracker(eventTrackerArn=tracker['eventTrackerArn'])['eventTracker']
try:
    personalize.create_dataset_group(name='shop')
    duplicate = None
except personalize.exceptions.ResourceAlreadyExistsException as error:
    duplicate = error.response['Error']['Code']
print(json.dumps({
    'trackingId': tracker['trackingId'],
    'status': described['status'],
    'groups': [g['name'] for g in personalize.list_dataset_groups()['datasetGroups']],
    'schemas': [s['name'] for s in personalize.list_schemas()['schemas']],
    'trackers': [t['name'] for t in personalize.list_event_trackers(datasetGroupArn=group)['eventTrackers']],
    'datasets': [d['datasetType'] for d in personalize.list_datasets()['datasets']],
    'duplicate': duplicate,
}))
`;

describe.skipIf(!hasBoto3)('boto3 with endpoint_url', () => {
  it('runs the same flow, and catches the modelled exception by its class', async () => {
    const script = join(dir, 'flow.py');
    writeFileSync(script, BOTO3_FLOW);
    const { stdout } = await run('python3', [script, endpoint.url, JSON.stringify(interactionsSchema)], { env });
    const result = JSON.parse(stdout);
    expect(result).toEqual({
      trackingId: expect.any(String),
      status: 'ACTIVE',
      groups: ['shop'],
      schemas: ['vod-interactions'],
      trackers: ['web'],
      datasets: ['Interactions'],
      duplicate: 'ResourceAlreadyExistsException',
    });
    expect(backing.events(result.trackingId)).toEqual([expect.objectContaining({ eventType: 'Watch' })]);
  }, 60_000);
});
