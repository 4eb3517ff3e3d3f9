/**
 * importBulk through the real AWS SDK clients on their default settings: AwsTransport over one local endpoint (the
 * control plane, awsJson1_1, and S3, backed by a MemoryTransport), so the importer's uploads land where the fake's
 * import jobs read.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetImporter } from '../../src/bulk/dataset-importer.js';
import { ImportJobFailedError } from '../../src/bulk/import-errors.js';
import type { ImportProgressEvent } from '../../src/bulk/progress.js';
import { ConflictError, LimitExceededError } from '../../src/errors.js';
import { TRANSPORT_METHODS, type Transport } from '../../src/transport/transport.js';
import { type AwsOverLocal, startAwsOverLocal } from '../transport/aws-local-fixture.js';
import {
  BUCKET,
  INTERACTIONS_SCHEMA,
  interactionsCsv,
  ROLE_ARN,
  recordingLogger,
  settleWithIo,
} from './support/fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'bulk-aws-'));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Setup {
  local: AwsOverLocal;
  transport: Transport;
  importer: DatasetImporter;
  datasetArn: string;
  events: ImportProgressEvent[];
}

/** The control plane and S3 over the local endpoint. */
async function setUp(memory: Parameters<typeof startAwsOverLocal>[0] = {}): Promise<Setup> {
  const local = await startAwsOverLocal(memory);
  const { backing } = local;
  backing.createBucket(BUCKET);
  const datasetGroupArn = backing.createDatasetGroup({ name: 'shop' });
  const { datasetArn } = backing.createDataset({
    datasetGroupArn,
    datasetType: 'Interactions',
    schema: INTERACTIONS_SCHEMA,
  });
  const transport = local.transport;
  const importer = new DatasetImporter({
    transport,
    roleArn: ROLE_ARN,
    clock: local.clock,
    random: () => 0.5,
    logger: recordingLogger(),
  });
  return { local, transport, importer, datasetArn, events: [] };
}

/** A Transport that calls `base`'s methods (bound, so private fields work) except those in `overrides`. */
function withOverrides(base: Transport, overrides: Partial<Transport>): Transport {
  const bound = Object.fromEntries(TRANSPORT_METHODS.map((name) => [name, base[name].bind(base)]));
  return { ...bound, ...overrides } as unknown as Transport;
}

/** Uploads `text` through the transport (S3 over the endpoint) and answers its `s3://` URL. */
async function upload(setup: Setup, key: string, text: string): Promise<string> {
  await setup.transport.uploadObject({ bucket: BUCKET, key, body: text });
  return `s3://${BUCKET}/${key}`;
}

describe('importBulk over AwsTransport (one local endpoint)', () => {
  it('imports an S3 object, and a re-run attaches to the same job', async () => {
    const setup = await setUp();
    try {
      const source = await upload(setup, 'aws/interactions.csv', interactionsCsv(1000));
      const options = {
        datasetArn: setup.datasetArn,
        source,
        validate: true,
        onProgress: (e: ImportProgressEvent) => setup.events.push(e),
      };
      const job = await settleWithIo(setup.local.clock, setup.importer.importBulk('FULL', options));
      expect(job).toMatchObject({ status: 'ACTIVE', importMode: 'FULL', dataLocation: source });
      expect(job.createdAt).toBeInstanceOf(Date);
      const again = await settleWithIo(setup.local.clock, setup.importer.importBulk('FULL', options));
      expect(again.jobArn).toBe(job.jobArn);
      expect(setup.local.backing.callsOf('createDatasetImportJob')).toHaveLength(1);
      expect(setup.events.filter((e) => e.phase === 'attached')).toHaveLength(1);
    } finally {
      await setup.local.close();
    }
  });

  it('validates and uploads a local file to S3, then imports it', async () => {
    const setup = await setUp();
    try {
      const file = join(dir, 'local.csv');
      writeFileSync(file, interactionsCsv(1100));
      const job = await settleWithIo(
        setup.local.clock,
        setup.importer.importBulk('FULL', { datasetArn: setup.datasetArn, source: { file, bucket: BUCKET } }),
      );
      expect(job.status).toBe('ACTIVE');
      const key = `personalize-import/${job.jobName}.csv`;
      expect((await setup.transport.headObject({ bucket: BUCKET, key })).size).toBe(
        Buffer.byteLength(interactionsCsv(1100)),
      );
      expect(setup.local.backing.bulkRows(setup.datasetArn)).toHaveLength(1100);
    } finally {
      await setup.local.close();
    }
  });

  it('waits through LimitExceeded sent over the wire, and reports a failed job with its reason', async () => {
    const setup = await setUp();
    try {
      const { backing } = setup.local;
      const source = await upload(setup, 'aws/quota.csv', interactionsCsv(1000, 'q'));
      for (let i = 0; i < 5; i++) {
        const group = backing.createDatasetGroup({ name: `busy-${i}` });
        const other = backing.createDataset({
          datasetGroupArn: group,
          datasetType: 'Interactions',
          schema: INTERACTIONS_SCHEMA,
        });
        await backing.createDatasetImportJob({
          jobName: `busy-${i}`,
          datasetArn: other.datasetArn,
          dataLocation: source,
          roleArn: ROLE_ARN,
          importMode: 'FULL',
        });
      }
      backing.failNextJob('Input file is malformed.');
      const events: ImportProgressEvent[] = [];
      const failing = settleWithIo(
        setup.local.clock,
        setup.importer.importBulk('FULL', { datasetArn: setup.datasetArn, source, onProgress: (e) => events.push(e) }),
      );
      await expect(failing).rejects.toBeInstanceOf(ImportJobFailedError);
      await expect(failing).rejects.toMatchObject({ failureReason: 'Input file is malformed.' });
      expect(events.find((e) => e.phase === 'waiting-for-capacity')).toMatchObject({ reason: 'JOB_QUOTA' });
      const refused = backing.callsOf('createDatasetImportJob').filter((c) => c.outcome === 'error');
      expect(refused.length).toBeGreaterThan(0);
      expect(refused.every((c) => c.error instanceof LimitExceededError)).toBe(true);
    } finally {
      await setup.local.close();
    }
  });

  it('attaches after ResourceAlreadyExists sent over the wire', async () => {
    const setup = await setUp();
    try {
      const source = await upload(setup, 'aws/race.csv', interactionsCsv(1000, 'r'));
      const racing: Transport = withOverrides(setup.transport, {
        createDatasetImportJob: async (input: Parameters<Transport['createDatasetImportJob']>[0]) => {
          await setup.transport.createDatasetImportJob(input);
          return setup.transport.createDatasetImportJob(input);
        },
      });
      const importer = new DatasetImporter({
        transport: racing,
        roleArn: ROLE_ARN,
        clock: setup.local.clock,
        logger: recordingLogger(),
      });
      const started = await settleWithIo(
        setup.local.clock,
        importer.startImport('FULL', { datasetArn: setup.datasetArn, source }),
      );
      expect(started.attached).toBe(true);
      const errors = setup.local.backing.callsOf('createDatasetImportJob').map((c) => c.error);
      expect(errors[1]).toBeInstanceOf(ConflictError);
    } finally {
      await setup.local.close();
    }
  });
});
