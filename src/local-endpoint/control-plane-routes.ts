/**
 * The Personalize control-plane operations the library uses, as awsJson1_1 puts them on the wire (`POST /`,
 * `x-amz-target: AmazonPersonalize.<Operation>`, timestamps as epoch-seconds numbers), decoded, forwarded to a
 * transport, and their results encoded back. Shapes follow the SDK's serializers (`@aws-sdk/client-personalize`).
 * @module
 */
import { checkMaxResults } from '../transport/memory/model-checks.js';
import type {
  CallOptions,
  CreateImportJobInput,
  ImportJob,
  ImportJobSummary,
  ImportMode,
  ListDatasetsInput,
  Transport,
} from '../transport/transport.js';
import { withDeclaredErrors } from './declared-errors.js';
import { isFake, notAFake, SET_UP_ROUTES } from './setup-routes.js';
import { type JsonObject, obj, optBool, optNum, optStr, optTags, str, toEpochSeconds } from './wire-decode.js';

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

async function createDatasetImportJob(backing: Transport, body: JsonObject, options: CallOptions) {
  // `roleArn` is optional in the model (`CreateDatasetImportJobRequest$roleArn`): passed on absent, which
  // MemoryTransport accepts, though `Transport` types it as required.
  const input = {
    jobName: str(body, 'jobName'),
    datasetArn: str(body, 'datasetArn'),
    dataLocation: str(obj(body, 'dataSource'), 'dataLocation', 'dataSource.dataLocation'),
    ...optStr(body, 'roleArn'),
    // The service's default mode is FULL (`CreateDatasetImportJob.importMode` in the Personalize API model).
    importMode: (optStr(body, 'importMode').importMode ?? 'FULL') as ImportMode,
    ...optBool(body, 'publishAttributionMetricsToS3'),
    ...optTags(body),
  } as CreateImportJobInput;
  const { jobArn } = await backing.createDatasetImportJob(input, options);
  return { datasetImportJobArn: jobArn };
}

async function listDatasetImportJobs(backing: Transport, body: JsonObject, options: CallOptions) {
  checkMaxResults(body.maxResults ?? undefined);
  const page = await backing.listDatasetImportJobs(
    { ...optStr(body, 'datasetArn'), ...optStr(body, 'nextToken'), ...optNum(body, 'maxResults') },
    options,
  );
  return { datasetImportJobs: page.items.map(encodeJobSummary), nextToken: page.nextToken };
}

async function listDatasets(backing: Transport, body: JsonObject, options: CallOptions) {
  checkMaxResults(body.maxResults ?? undefined);
  // `datasetGroupArn` is optional in the model (`ListDatasetsRequest`), and `maxResults` is in it too: both passed
  // on as they came, which MemoryTransport honours, though `ListDatasetsInput` has neither so.
  const input = {
    ...optStr(body, 'datasetGroupArn'),
    ...optStr(body, 'nextToken'),
    ...optNum(body, 'maxResults'),
  } as ListDatasetsInput;
  const page = await backing.listDatasets(input, options);
  const datasets = page.items.map((d) => ({
    name: d.name,
    datasetArn: d.datasetArn,
    datasetType: d.datasetType,
    status: d.status,
  }));
  return { datasets, nextToken: page.nextToken };
}

/**
 * `creationDateTime` and `lastUpdatedDateTime` of a resource of a `MemoryTransport` backing (the `Transport` types
 * carry no dates; another backing's replies go without them, as the model allows).
 */
function fakeTimes(backing: Transport, arn: string): JsonObject {
  if (!isFake(backing)) return {};
  const { datasetGroups, schemas, datasets } = backing.resources();
  const found = [
    ...datasetGroups.map((g) => [g.datasetGroupArn, g.createdAt] as const),
    ...schemas.map((x) => [x.schemaArn, x.createdAt] as const),
    ...datasets.map((d) => [d.datasetArn, d.createdAt] as const),
  ].find(([key]) => key === arn);
  return found === undefined ? {} : times(found[1], found[1]);
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
      ...fakeTimes(backing, d.datasetArn),
    },
  };
}

async function describeSchema(backing: Transport, body: JsonObject, options: CallOptions) {
  const s = await backing.describeSchema(str(body, 'schemaArn'), options);
  const schema = { name: s.name, schemaArn: s.schemaArn, schema: s.schema, domain: s.domain };
  return { schema: { ...schema, ...fakeTimes(backing, s.schemaArn) } };
}

async function describeDatasetGroup(backing: Transport, body: JsonObject, options: CallOptions) {
  const g = await backing.describeDatasetGroup(str(body, 'datasetGroupArn'), options);
  const group = { name: g.name, datasetGroupArn: g.datasetGroupArn, status: g.status, domain: g.domain };
  return { datasetGroup: { ...group, ...fakeTimes(backing, g.datasetGroupArn) } };
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

/** A control-plane operation the endpoint serves: a `Transport` call or a set-up call of the fake. */
export interface ServedOperation {
  /** The name the endpoint's stats count it under: the transport method, e.g. `listDatasets`. */
  call: string;
  /** Runs it on `backing`; rejects only with errors the operation declares (or AWS's common ones). */
  run(backing: Transport, body: JsonObject, options: CallOptions): Promise<JsonObject>;
}

/**
 * The operation named `operation` (the part of `x-amz-target` after the prefix); `{ refused }`, saying why, for a
 * set-up call when `backing` is not a `MemoryTransport`; `undefined` for an operation the endpoint does not serve.
 */
export function controlPlaneOperation(
  operation: string,
  backing: Transport,
): ServedOperation | { refused: string } | undefined {
  const route = CONTROL_PLANE_ROUTES.get(operation);
  if (route !== undefined) {
    return {
      call: route.method,
      run: (on, body, options) => withDeclaredErrors(operation, () => route.run(on, body, options)),
    };
  }
  const setUp = SET_UP_ROUTES.get(operation);
  if (setUp === undefined) return undefined;
  if (!isFake(backing)) return { refused: notAFake(operation) };
  return {
    call: setUp.call,
    run: (on, body) => withDeclaredErrors(operation, async () => setUp.run(on as typeof backing, body)),
  };
}
