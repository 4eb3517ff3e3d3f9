/**
 * An options object refuses keys it does not know: the writer's retry options were renamed (`retry.baseDelayMs` →
 * `retry.initialDelayMs`, `retry.maxRetryTimeMs` → `retry.timeoutMs`), and a caller still passing the old names
 * (from JavaScript, or through a loosely typed object) would otherwise get the defaults without a word. Bad
 * configuration throws at construction.
 */

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DatasetImporter } from '../../src/bulk/dataset-importer.js';
import { validateCsv } from '../../src/csv/validate-csv.js';
import { InvalidOptionsError } from '../../src/errors.js';
import { createKinesisHandler } from '../../src/lambda/kinesis-handler.js';
import { createSqsHandler } from '../../src/lambda/sqs-handler.js';
import { startLocalEndpoint } from '../../src/local-endpoint/local-endpoint.js';
import { AwsTransport } from '../../src/transport/aws/aws-transport.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { RecordWriter } from '../../src/writer/record-writer.js';

const ROLE = 'arn:aws:iam::123456789012:role/PersonalizeS3Read';
const USERS = {
  type: 'record',
  name: 'Users',
  namespace: 'com.amazonaws.personalize.schema',
  fields: [{ name: 'USER_ID', type: 'string' }],
  version: '1.0',
};

describe('options renamed by issue 8', () => {
  it.each([
    ['retry.baseDelayMs', { retry: { baseDelayMs: 50 } }],
    ['retry.maxRetryTimeMs', { retry: { maxRetryTimeMs: 1000 } }],
  ])('the old name %s is refused, not ignored', (name, options) => {
    const build = () => new RecordWriter({ transport: new MemoryTransport(), ...(options as object) });
    expect(build).toThrow(InvalidOptionsError);
    expect(build).toThrow(new RegExp(name.replace('.', '\\.')));
  });
});

describe('an unknown option is refused by every options object', () => {
  const transport = () => new MemoryTransport();
  const cases: Array<[string, () => unknown, RegExp]> = [
    ['RecordWriter', () => new RecordWriter({ transport: transport(), maxBatchsize: 5 } as never), /`maxBatchsize`/],
    [
      'RecordWriter rate',
      () => new RecordWriter({ transport: transport(), rate: { adaptiv: false } } as never),
      /`rate\.adaptiv`/,
    ],
    [
      'RecordWriter datasets',
      () => new RecordWriter({ transport: transport(), datasets: { user: 'x' } } as never),
      /`datasets\.user`/,
    ],
    [
      'DatasetImporter',
      () => new DatasetImporter({ transport: transport(), roleArn: ROLE, pollInterval: 5 } as never),
      /`pollInterval`/,
    ],
    [
      'DatasetImporter poll',
      () => new DatasetImporter({ transport: transport(), roleArn: ROLE, poll: { intervalMs: 5 } } as never),
      /`poll\.intervalMs`/,
    ],
    ['AwsTransport', () => new AwsTransport({ regoin: 'eu-west-1' } as never), /`regoin`/],
    ['MemoryTransport', () => new MemoryTransport({ latency: 5 } as never), /`latency`/],
    [
      'createSqsHandler',
      () => createSqsHandler({ writerOptions: { transport: transport() }, toRecords: () => [], marginMs: 5 } as never),
      /`marginMs`/,
    ],
    [
      'createKinesisHandler writerOptions',
      () =>
        createKinesisHandler({ writerOptions: { transport: transport(), retries: 1 }, toRecords: () => [] } as never),
      /`retries`/,
    ],
  ];
  it.each(cases)('%s', (_name, build, message) => {
    expect(build).toThrow(InvalidOptionsError);
    expect(build).toThrow(message);
  });

  it('startLocalEndpoint and validateCsv reject too', async () => {
    await expect(startLocalEndpoint({ backing: transport(), latency: 5 } as never)).rejects.toThrow(/`latency`/);
    await expect(
      validateCsv(Readable.from(['USER_ID\nu1\n']), { schema: USERS, datasetType: 'Users', maxIssue: 3 } as never),
    ).rejects.toThrow(/`maxIssue`/);
  });
});
