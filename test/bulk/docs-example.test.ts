// The example of docs/bulk-import.md ("Testing"), run as written: vitest's fake timers drive the default clock.
import { afterEach, expect, it, vi } from 'vitest';
import { DatasetImporter } from '../../src/bulk/dataset-importer.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { interactionsCsv, INTERACTIONS_SCHEMA as schema } from './support/fixture.js';

afterEach(() => {
  vi.useRealTimers();
});

it('runs the documented fake-timer example', async () => {
  const csvWithAThousandRows = interactionsCsv(1000);
  vi.useFakeTimers();
  const transport = new MemoryTransport();
  const datasetGroupArn = transport.createDatasetGroup({ name: 'shop' });
  const { datasetArn } = transport.createDataset({ datasetGroupArn, datasetType: 'Interactions', schema });
  transport.putObject({ bucket: 'data', key: 'interactions.csv' }, csvWithAThousandRows);

  const importer = new DatasetImporter({ transport, roleArn: 'arn:aws:iam::123456789012:role/PersonalizeS3Read' });
  const importing = importer.importBulk('FULL', { datasetArn, source: 's3://data/interactions.csv' });
  await vi.advanceTimersByTimeAsync(60_000);
  const job = await importing;
  expect(job.status).toBe('ACTIVE');
  expect(transport.bulkRows(datasetArn)).toHaveLength(1000);
  expect(transport.callsOf('createDatasetImportJob')).toHaveLength(1);
  vi.useRealTimers();
});
