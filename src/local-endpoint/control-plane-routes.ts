/**
 * The Personalize control-plane operations the library uses, as awsJson1_1 puts them on the wire (`POST /`,
 * `x-amz-target: AmazonPersonalize.<Operation>`, timestamps as epoch-seconds numbers), decoded, forwarded to a
 * transport, and their results encoded back. Shapes follow the SDK's serializers (`@aws-sdk/client-personalize`).
 * @module
 */
import type { CallOptions, ImportJob, ImportJobSummary, ImportMode, Transport } from '../transport/transport.js';
import { type JsonObject, obj, objList, optBool, optNum, optStr, str, toEpochSeconds } from './wire-decode.js';

/** The `x-amz-target` prefix of the control plane. */
export const CONTROL_PLANE_TARGET_PREFIX = 'AmazonPersonalize.';

/** One control-plane operation: the transport method it is, and how to run it. */
export interface ControlPlaneRoute {
  /** The transport method's name, as stats count it. */
  method: keyof Transport;
  run(backing: Transport, body: JsonObject, options: CallOptions): Promise<JsonObject>;
}

function times(createdAt: Date | undefined, updatedAt: Date | undefined): JsonObject {
  return {
    ...(createdAt === undefined ? {} : { creationDateTime: toEpochSeconds(createdAt) }),
    ...(updatedAt === undefined ? {} : { lastUpdatedDateTime: toEpochSeconds(updatedAt) }),
  };
}

function encodeJob(job: ImportJob): JsonObject {
  return {
    jobName: job.jobName,
    datasetImportJobArn: job.jobArn,
    datasetArn: job.datasetArn,
    dataSource: { dataLocation: job.dataLocation },
    roleArn: job.roleArn,
    status: job.status,
    ...times(job.createdAt, job.updatedAt),
    failureReason: job.failureReason,
    importMode: job.importMode,
    publishAttributionMetricsToS3: job.publishAttributionMetricsToS3,
  };
}

function encodeJobSummary(job: ImportJobSummary): JsonObject {
  return {
    datasetImportJobArn: job.jobArn,
    jobName: job.jobName,
    status: job.status,
    ...times(job.createdAt, job.updatedAt),
    failureReason: job.failureReason,
    importMode: job.importMode,
  };
}

function decodeTags(body: JsonObject): { tags?: Record<string, string> } {
  if (body.tags === undefined || body.tags === null) return {};
  const out: Record<string, string> = {};
  objList(body, 'tags').forEach((tag, i) => {
    out[str(tag, 'tagKey', `tags[${i}].tagKey`)] = str(tag, 'tagValue', `tags[${i}].tagValue`);
  });
  return { tags: out };
}

async function createDatasetImportJob(backing: Transport, body: JsonObject, options: CallOptions) {
  const { jobArn } = await backing.createDatasetImportJob(
    {
      jobName: str(body, 'jobName'),
      datasetArn: str(body, 'datasetArn'),
      dataLocation: str(obj(body, 'dataSource'), 'dataLocation', 'dataSource.dataLocation'),
      roleArn: str(body, 'roleArn'),
      // The service's default mode is FULL (`CreateDatasetImportJob.importMode` in the Personalize API model).
      importMode: (optStr(body, 'importMode').importMode ?? 'FULL') as ImportMode,
      ...optBool(body, 'publishAttributionMetricsToS3'),
      ...decodeTags(body),
    },
    options,
  );
  return { datasetImportJobArn: jobArn };
}

async function listDatasetImportJobs(backing: Transport, body: JsonObject, options: CallOptions) {
  const page = await backing.listDatasetImportJobs(
    { ...optStr(body, 'datasetArn'), ...optStr(body, 'nextToken'), ...optNum(body, 'maxResults') },
    options,
  );
  return { datasetImportJobs: page.items.map(encodeJobSummary), nextToken: page.nextToken };
}

async function listDatasets(backing: Transport, body: JsonObject, options: CallOptions) {
  const page = await backing.listDatasets(
    { datasetGroupArn: str(body, 'datasetGroupArn'), ...optStr(body, 'nextToken') },
    options,
  );
  const datasets = page.items.map((d) => ({
    name: d.name,
    datasetArn: d.datasetArn,
    datasetType: d.datasetType,
    status: d.status,
  }));
  return { datasets, nextToken: page.nextToken };
}

async function describeDataset(backing: Transport, body: JsonObject, options: CallOptions) {
  const d = await backing.describeDataset(str(body, 'datasetArn'), options);
  return {
    dataset: {
      name: d.name,
      datasetArn: d.datasetArn,
      datasetGroupArn: d.datasetGroupArn,
      datasetType: d.datasetType,
      schemaArn: d.schemaArn,
      status: d.status,
      trackingId: d.trackingId,
    },
  };
}

async function describeSchema(backing: Transport, body: JsonObject, options: CallOptions) {
  const s = await backing.describeSchema(str(body, 'schemaArn'), options);
  return { schema: { name: s.name, schemaArn: s.schemaArn, schema: s.schema, domain: s.domain } };
}

async function describeDatasetGroup(backing: Transport, body: JsonObject, options: CallOptions) {
  const g = await backing.describeDatasetGroup(str(body, 'datasetGroupArn'), options);
  return { datasetGroup: { name: g.name, datasetGroupArn: g.datasetGroupArn, status: g.status, domain: g.domain } };
}

/** The control-plane operations, by operation name (the part of `x-amz-target` after the prefix). */
export const CONTROL_PLANE_ROUTES: ReadonlyMap<string, ControlPlaneRoute> = new Map<string, ControlPlaneRoute>([
  ['CreateDatasetImportJob', { method: 'createDatasetImportJob', run: createDatasetImportJob }],
  [
    'DescribeDatasetImportJob',
    {
      method: 'describeDatasetImportJob',
      run: async (backing, body, options) => ({
        datasetImportJob: encodeJob(await backing.describeDatasetImportJob(str(body, 'datasetImportJobArn'), options)),
      }),
    },
  ],
  ['ListDatasetImportJobs', { method: 'listDatasetImportJobs', run: listDatasetImportJobs }],
  ['ListDatasets', { method: 'listDatasets', run: listDatasets }],
  ['DescribeDataset', { method: 'describeDataset', run: describeDataset }],
  ['DescribeSchema', { method: 'describeSchema', run: describeSchema }],
  ['DescribeDatasetGroup', { method: 'describeDatasetGroup', run: describeDatasetGroup }],
]);
