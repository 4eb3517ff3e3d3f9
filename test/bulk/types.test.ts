// Type-level checks of the public bulk API (run by vitest's expectTypeOf and by `tsc --noEmit`).
import { describe, expectTypeOf, it } from 'vitest';
import type {
  AwsTransportConfiguration,
  AwsTransportOptions,
  BackoffConfiguration,
  DatasetImporter,
  DatasetImporterConfiguration,
  DatasetImporterOptions,
  datasetImporterDefaults,
  FinishedImportJob,
  ImportBulkOptions,
  ImportProgressEvent,
  StartedImport,
} from '../../src/index.js';

describe('bulk API types', () => {
  it('requires an explicit mode and resolves with an ACTIVE job', () => {
    expectTypeOf<DatasetImporter['importBulk']>().parameter(0).toEqualTypeOf<'FULL' | 'INCREMENTAL'>();
    expectTypeOf<DatasetImporter['importBulk']>().returns.resolves.toEqualTypeOf<FinishedImportJob>();
    expectTypeOf<FinishedImportJob['status']>().toEqualTypeOf<'ACTIVE'>();
    expectTypeOf<DatasetImporter['startImport']>().returns.resolves.toEqualTypeOf<StartedImport>();
  });

  it('takes a dataset ARN or a type in a group, never both', () => {
    const source = 's3://b/k.csv';
    expectTypeOf({ datasetArn: 'arn', source }).toExtend<ImportBulkOptions>();
    expectTypeOf({ dataset: 'Items' as const, datasetGroupArn: 'arn', source }).toExtend<ImportBulkOptions>();
    expectTypeOf({ dataset: 'Items' as const, datasetArn: 'arn', source }).not.toExtend<ImportBulkOptions>();
    expectTypeOf({ dataset: 'Events' as const, datasetGroupArn: 'arn', source }).not.toExtend<ImportBulkOptions>();
    expectTypeOf({ datasetArn: 'arn', source: { file: 'a.csv', bucket: 'b' } }).toExtend<ImportBulkOptions>();
  });

  it('takes options in the one shape: transport and roleArn required, back-off groups given in part', () => {
    type Required = Pick<DatasetImporterOptions, 'transport' | 'roleArn'>;
    expectTypeOf<Required>().toEqualTypeOf<Pick<DatasetImporterConfiguration, 'transport' | 'roleArn'>>();
    expectTypeOf<{ roleArn: string }>().not.toExtend<DatasetImporterOptions>();
    expectTypeOf<DatasetImporterOptions['poll']>().toEqualTypeOf<Partial<BackoffConfiguration> | undefined>();
    expectTypeOf<DatasetImporterOptions['callRetry']>().toEqualTypeOf<Partial<BackoffConfiguration> | undefined>();
    expectTypeOf<DatasetImporterConfiguration['capacityWait']>().toEqualTypeOf<BackoffConfiguration>();
    expectTypeOf<DatasetImporterOptions['clock']>().toEqualTypeOf<DatasetImporterConfiguration['clock'] | undefined>();
    expectTypeOf<typeof datasetImporterDefaults>().toExtend<
      Omit<DatasetImporterConfiguration, 'transport' | 'roleArn'>
    >();
    expectTypeOf<AwsTransportOptions>().toEqualTypeOf<Partial<AwsTransportConfiguration>>();
  });

  it('narrows progress events by phase', () => {
    const describeEvent = (event: ImportProgressEvent): number | undefined => {
      if (event.phase === 'uploading') {
        expectTypeOf(event.loadedBytes).toEqualTypeOf<number>();
        return event.loadedBytes;
      }
      if (event.phase === 'done') expectTypeOf(event.job.status).toEqualTypeOf<'ACTIVE'>();
      return undefined;
    };
    expectTypeOf(describeEvent).toBeFunction();
  });
});
