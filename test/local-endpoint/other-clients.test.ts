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

  // The whole flow with the AWS CLI (set-up, S3, import, events, list calls) is serve-flow-aws-cli.test.ts.
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
