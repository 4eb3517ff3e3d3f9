// The whole import flow from the AWS SDK for JavaScript v3, clients on their default settings, against
// `personalize-import serve` (docs/local-endpoint.md). Only the endpoint, the region and dummy credentials are set
// (and path style for S3).
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateDatasetImportJobCommand,
  CreateEventTrackerCommand,
  CreateSchemaCommand,
  DescribeDatasetImportJobCommand,
  ListDatasetImportJobsCommand,
  PersonalizeClient,
} from '@aws-sdk/client-personalize';
import { PersonalizeEventsClient, PutEventsCommand } from '@aws-sdk/client-personalize-events';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';

export async function runSession(url: string, csvFile: string) {
  const config = { endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  const personalize = new PersonalizeClient(config);
  const events = new PersonalizeEventsClient(config);
  const s3 = new S3Client({ ...config, forcePathStyle: true });

  // A Custom dataset group (no domain), its schema and dataset, an event tracker.
  const { datasetGroupArn } = await personalize.send(new CreateDatasetGroupCommand({ name: 'news' }));
  const schema = await readFile(new URL('./interactions-schema.json', import.meta.url), 'utf8');
  const { schemaArn } = await personalize.send(new CreateSchemaCommand({ name: 'news-interactions', schema }));
  const { datasetArn } = await personalize.send(
    new CreateDatasetCommand({ name: 'news-interactions', datasetGroupArn, schemaArn, datasetType: 'Interactions' }),
  );
  const tracker = await personalize.send(new CreateEventTrackerCommand({ name: 'news-web', datasetGroupArn }));

  // The CSV into S3, on the same URL: lib-storage's Upload sends it in parts of 5 MiB (a multipart upload).
  await s3.send(new CreateBucketCommand({ Bucket: 'news-data' }));
  const upload = new Upload({
    client: s3,
    params: { Bucket: 'news-data', Key: 'interactions.csv', Body: createReadStream(csvFile) },
  });
  const { ETag: etag } = await upload.done();

  // The import job, waited for.
  const { datasetImportJobArn } = await personalize.send(
    new CreateDatasetImportJobCommand({
      jobName: 'news-1',
      datasetArn,
      importMode: 'FULL',
      dataSource: { dataLocation: 's3://news-data/interactions.csv' },
    }),
  );
  let status: string | undefined;
  for (;;) {
    const { datasetImportJob } = await personalize.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn }));
    status = datasetImportJob?.status;
    if (status !== 'CREATE PENDING' && status !== 'CREATE IN_PROGRESS') break;
    await sleep(200);
  }

  // Live events through the tracker, then the jobs of the dataset.
  await events.send(
    new PutEventsCommand({
      trackingId: tracker.trackingId,
      sessionId: 's1',
      eventList: [{ eventId: 'e1', eventType: 'read', sentAt: new Date('2025-01-01T00:00:00Z'), itemId: 'item1' }],
    }),
  );
  const { datasetImportJobs } = await personalize.send(new ListDatasetImportJobsCommand({ datasetArn }));

  for (const client of [personalize, events, s3]) client.destroy();
  return { datasetGroupArn, datasetArn, trackingId: tracker.trackingId, etag, status, jobs: datasetImportJobs };
}
