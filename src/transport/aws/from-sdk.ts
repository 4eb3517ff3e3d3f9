/**
 * The SDK's outputs as the library's types. A member the library needs and the reply lacks is a broken reply: it
 * fails with `FatalTransportError` naming the member, rather than passing an `undefined` on.
 * @module
 */
import type {
  DatasetImportJob,
  DatasetImportJobSummary,
  DatasetSchema,
  Dataset as SdkDataset,
  DatasetGroup as SdkDatasetGroup,
  DatasetSummary as SdkDatasetSummary,
} from '@aws-sdk/client-personalize';
import type { _Object as S3Object } from '@aws-sdk/client-s3';
import { FatalTransportError } from '../../errors.js';
import type {
  Dataset,
  DatasetGroup,
  DatasetSummary,
  Domain,
  ImportJob,
  ImportJobSummary,
  ImportMode,
  ObjectInfo,
  Schema,
} from '../transport.js';
import { opt } from './to-sdk.js';

/** The value, or a `FatalTransportError` saying which member of which reply was missing. */
export function need<T>(value: T | undefined | null, member: string): T {
  if (value === undefined || value === null) {
    throw new FatalTransportError(`The service's reply lacks \`${member}\``);
  }
  return value;
}

function importMode(value: string | undefined): ImportMode | undefined {
  return value === 'FULL' || value === 'INCREMENTAL' ? value : undefined;
}

function domain(value: string | undefined): Domain | undefined {
  return value === 'ECOMMERCE' || value === 'VIDEO_ON_DEMAND' ? value : undefined;
}

/** DescribeDatasetImportJob's `datasetImportJob`. */
export function fromSdkJob(job: DatasetImportJob | undefined): ImportJob {
  const j = need(job, 'datasetImportJob');
  return {
    jobArn: need(j.datasetImportJobArn, 'datasetImportJob.datasetImportJobArn'),
    jobName: need(j.jobName, 'datasetImportJob.jobName'),
    datasetArn: need(j.datasetArn, 'datasetImportJob.datasetArn'),
    dataLocation: need(j.dataSource?.dataLocation, 'datasetImportJob.dataSource.dataLocation'),
    // The service's default mode is FULL: `CreateDatasetImportJob.importMode` in the Personalize API model,
    // https://docs.aws.amazon.com/personalize/latest/dg/API_CreateDatasetImportJob.html
    importMode: importMode(j.importMode) ?? 'FULL',
    status: need(j.status, 'datasetImportJob.status'),
    ...opt('roleArn', j.roleArn),
    ...opt('createdAt', j.creationDateTime),
    ...opt('updatedAt', j.lastUpdatedDateTime),
    ...opt('failureReason', j.failureReason),
    ...opt('publishAttributionMetricsToS3', j.publishAttributionMetricsToS3),
  };
}

/** One of ListDatasetImportJobs' `datasetImportJobs`. */
export function fromSdkJobSummary(j: DatasetImportJobSummary): ImportJobSummary {
  return {
    jobArn: need(j.datasetImportJobArn, 'datasetImportJobs[].datasetImportJobArn'),
    jobName: need(j.jobName, 'datasetImportJobs[].jobName'),
    status: need(j.status, 'datasetImportJobs[].status'),
    ...opt('importMode', importMode(j.importMode)),
    ...opt('createdAt', j.creationDateTime),
    ...opt('updatedAt', j.lastUpdatedDateTime),
    ...opt('failureReason', j.failureReason),
  };
}

/** One of ListDatasets' `datasets`. */
export function fromSdkDatasetSummary(d: SdkDatasetSummary): DatasetSummary {
  return {
    datasetArn: need(d.datasetArn, 'datasets[].datasetArn'),
    name: need(d.name, 'datasets[].name'),
    datasetType: need(d.datasetType, 'datasets[].datasetType'),
    ...opt('status', d.status),
  };
}

/** DescribeDataset's `dataset`. */
export function fromSdkDataset(dataset: SdkDataset | undefined): Dataset {
  const d = need(dataset, 'dataset');
  return {
    datasetArn: need(d.datasetArn, 'dataset.datasetArn'),
    name: need(d.name, 'dataset.name'),
    datasetGroupArn: need(d.datasetGroupArn, 'dataset.datasetGroupArn'),
    datasetType: need(d.datasetType, 'dataset.datasetType'),
    schemaArn: need(d.schemaArn, 'dataset.schemaArn'),
    ...opt('status', d.status),
    ...opt('trackingId', d.trackingId),
  };
}

/** DescribeSchema's `schema`. */
export function fromSdkSchema(schema: DatasetSchema | undefined): Schema {
  const s = need(schema, 'schema');
  return {
    schemaArn: need(s.schemaArn, 'schema.schemaArn'),
    name: need(s.name, 'schema.name'),
    schema: need(s.schema, 'schema.schema'),
    ...opt('domain', domain(s.domain)),
  };
}

/** DescribeDatasetGroup's `datasetGroup`. */
export function fromSdkDatasetGroup(group: SdkDatasetGroup | undefined): DatasetGroup {
  const g = need(group, 'datasetGroup');
  return {
    datasetGroupArn: need(g.datasetGroupArn, 'datasetGroup.datasetGroupArn'),
    name: need(g.name, 'datasetGroup.name'),
    ...opt('status', g.status),
    ...opt('domain', domain(g.domain)),
  };
}

/** An ETag without its quotes. */
export function unquoteEtag(etag: string | undefined): string {
  return (etag ?? '').replace(/^"|"$/g, '');
}

/** One of ListObjectsV2's `Contents`. */
export function fromSdkObject(bucket: string, o: S3Object): ObjectInfo {
  return { bucket, key: need(o.Key, 'Contents[].Key'), size: o.Size ?? 0, etag: unquoteEtag(o.ETag) };
}
