/**
 * The library's own interface over every service call it makes. The core (writer, importer, validation) speaks only
 * this interface; `AwsTransport` implements it on the AWS SDK v3 clients and `MemoryTransport` in memory.
 *
 * Every method either resolves or rejects with one of the library's transport errors (`ThrottledError`,
 * `TransientError`, `InvalidInputError`, `NotFoundError`, `ConflictError`, `LimitExceededError`,
 * `FatalTransportError`), the original error kept as `cause`. No SDK type crosses this interface.
 * @module
 */
import type { Readable } from 'node:stream';

/** Options every call takes. */
export interface CallOptions {
  /** Aborts the call; the transport rejects with `AbortedError`. */
  signal?: AbortSignal;
}

// Personalize Events (data plane) ---------------------------------------------------------------------------------

/** One event as PutEvents sends it: ids checked, `properties` already a JSON string. */
export interface WireEvent {
  eventId: string;
  eventType: string;
  /** Sent as epoch seconds. */
  sentAt: Date;
  itemId?: string;
  eventValue?: number;
  properties?: string;
  recommendationId?: string;
  impression?: string[];
  metricAttribution?: { eventAttributionSource: string };
}

/** Input of PutEvents: one tracking id, one session and one user per call, 1..10 events. */
export interface PutEventsInput {
  trackingId: string;
  sessionId: string;
  userId?: string;
  eventList: WireEvent[];
}

/** One user as PutUsers sends it. */
export interface WireUser {
  userId: string;
  properties?: string;
}

/** Input of PutUsers: 1..10 users into one dataset. */
export interface PutUsersInput {
  datasetArn: string;
  users: WireUser[];
}

/** One item as PutItems sends it. */
export interface WireItem {
  itemId: string;
  properties?: string;
}

/** Input of PutItems: 1..10 items into one dataset. */
export interface PutItemsInput {
  datasetArn: string;
  items: WireItem[];
}

/** One action as PutActions sends it. */
export interface WireAction {
  actionId: string;
  properties?: string;
}

/** Input of PutActions: 1..10 actions into one dataset. */
export interface PutActionsInput {
  datasetArn: string;
  actions: WireAction[];
}

/** One action interaction as PutActionInteractions sends it. */
export interface WireActionInteraction {
  actionId: string;
  sessionId: string;
  eventType: string;
  /** Sent as epoch seconds. */
  timestamp: Date;
  userId?: string;
  eventId?: string;
  recommendationId?: string;
  impression?: string[];
  properties?: string;
}

/** Input of PutActionInteractions: 1..10 action interactions under one tracking id. */
export interface PutActionInteractionsInput {
  trackingId: string;
  actionInteractions: WireActionInteraction[];
}

// Personalize (control plane) -------------------------------------------------------------------------------------

/** `FULL` replaces the dataset's bulk data; `INCREMENTAL` appends and replaces records with the same id. */
export type ImportMode = 'FULL' | 'INCREMENTAL';

/** The dataset types of a dataset group. */
export type DatasetType = 'Interactions' | 'Items' | 'Users' | 'Actions' | 'Action_Interactions';

/** Every `DatasetType`, as ListDatasets and DescribeDataset name them, for the checks of options that take one. */
export const DATASET_TYPES: readonly DatasetType[] = [
  'Interactions',
  'Items',
  'Users',
  'Actions',
  'Action_Interactions',
];

/** The domain of a domain dataset group; a Custom group has none. */
export type Domain = 'ECOMMERCE' | 'VIDEO_ON_DEMAND';

/**
 * Status of an import job: `CREATE PENDING`, `CREATE IN_PROGRESS`, `ACTIVE` or `CREATE FAILED`. The service models
 * it as a free string, so other values are passed through.
 */
export type ImportJobStatus = 'CREATE PENDING' | 'CREATE IN_PROGRESS' | 'ACTIVE' | 'CREATE FAILED' | (string & {});

/** Input of CreateDatasetImportJob. */
export interface CreateImportJobInput {
  jobName: string;
  datasetArn: string;
  /** `s3://bucket/key.csv`, or a folder `s3://bucket/prefix/`. */
  dataLocation: string;
  roleArn: string;
  importMode: ImportMode;
  publishAttributionMetricsToS3?: boolean;
  tags?: Record<string, string>;
}

/** An import job as DescribeDatasetImportJob reports it. */
export interface ImportJob {
  jobArn: string;
  jobName: string;
  datasetArn: string;
  dataLocation: string;
  roleArn?: string;
  importMode: ImportMode;
  status: ImportJobStatus;
  createdAt?: Date;
  updatedAt?: Date;
  failureReason?: string;
  publishAttributionMetricsToS3?: boolean;
}

/** An import job as ListDatasetImportJobs reports it. */
export interface ImportJobSummary {
  jobArn: string;
  jobName: string;
  status: ImportJobStatus;
  importMode?: ImportMode;
  createdAt?: Date;
  updatedAt?: Date;
  failureReason?: string;
}

/** Input of ListDatasetImportJobs. */
export interface ListImportJobsInput {
  /** Only this dataset's jobs; all of the account's otherwise. */
  datasetArn?: string;
  nextToken?: string;
  /** 1..100. */
  maxResults?: number;
}

/** One page of a paginated list. */
export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** A dataset as ListDatasets reports it. */
export interface DatasetSummary {
  datasetArn: string;
  name: string;
  datasetType: DatasetType | (string & {});
  status?: string;
}

/** A dataset as DescribeDataset reports it. */
export interface Dataset {
  datasetArn: string;
  name: string;
  datasetGroupArn: string;
  datasetType: DatasetType | (string & {});
  schemaArn: string;
  status?: string;
  /** The tracking id of an Action interactions dataset's tracker. */
  trackingId?: string;
}

/** A schema as DescribeSchema reports it. */
export interface Schema {
  schemaArn: string;
  name: string;
  /** The Avro schema, a JSON string. */
  schema: string;
  domain?: Domain;
}

/** A dataset group as DescribeDatasetGroup reports it. */
export interface DatasetGroup {
  datasetGroupArn: string;
  name: string;
  status?: string;
  /** Absent for a Custom dataset group. */
  domain?: Domain;
}

/** Input of ListDatasets. */
export interface ListDatasetsInput {
  datasetGroupArn: string;
  nextToken?: string;
}

// S3 --------------------------------------------------------------------------------------------------------------

/** Where an object is. */
export interface ObjectLocation {
  bucket: string;
  key: string;
}

/** What HeadObject / ListObjectsV2 say of an object. */
export interface ObjectInfo extends ObjectLocation {
  /** Bytes. */
  size: number;
  /** The ETag, without quotes. */
  etag: string;
  versionId?: string;
}

/** Input of an upload (multipart where large). */
export interface UploadObjectInput extends ObjectLocation {
  body: Readable | Uint8Array | string;
  /** Bytes, when known; progress totals use it. */
  contentLength?: number;
  contentType?: string;
  /** Called as bytes go out. */
  onProgress?: (loadedBytes: number, totalBytes: number | undefined) => void;
}

/** Input of a listing of the objects under a prefix. */
export interface ListObjectsInput {
  bucket: string;
  prefix: string;
}

// The interface ---------------------------------------------------------------------------------------------------

/** The names of the five Personalize Events calls, as the writer and the fake refer to them. */
export type DataPlaneCall = 'putEvents' | 'putUsers' | 'putItems' | 'putActions' | 'putActionInteractions';

/** Every `DataPlaneCall`, for the options that are keyed by call and must refuse other keys. */
export const DATA_PLANE_CALLS: readonly DataPlaneCall[] = [
  'putEvents',
  'putUsers',
  'putItems',
  'putActions',
  'putActionInteractions',
];

/**
 * Every service call the library makes. Implement it to run the library over something else (a proxy, a queue);
 * `MemoryTransport` implements exactly this interface.
 */
export interface Transport {
  /** PutEvents. */
  putEvents(input: PutEventsInput, options?: CallOptions): Promise<void>;
  /** PutUsers (an upsert by userId). */
  putUsers(input: PutUsersInput, options?: CallOptions): Promise<void>;
  /** PutItems (an upsert by itemId). */
  putItems(input: PutItemsInput, options?: CallOptions): Promise<void>;
  /** PutActions (an upsert by actionId). */
  putActions(input: PutActionsInput, options?: CallOptions): Promise<void>;
  /** PutActionInteractions. */
  putActionInteractions(input: PutActionInteractionsInput, options?: CallOptions): Promise<void>;

  /** CreateDatasetImportJob; resolves with the new job's ARN. */
  createDatasetImportJob(input: CreateImportJobInput, options?: CallOptions): Promise<{ jobArn: string }>;
  /** DescribeDatasetImportJob. */
  describeDatasetImportJob(jobArn: string, options?: CallOptions): Promise<ImportJob>;
  /** ListDatasetImportJobs, one page. */
  listDatasetImportJobs(input: ListImportJobsInput, options?: CallOptions): Promise<Page<ImportJobSummary>>;
  /** ListDatasets, one page. */
  listDatasets(input: ListDatasetsInput, options?: CallOptions): Promise<Page<DatasetSummary>>;
  /** DescribeDataset. */
  describeDataset(datasetArn: string, options?: CallOptions): Promise<Dataset>;
  /** DescribeSchema. */
  describeSchema(schemaArn: string, options?: CallOptions): Promise<Schema>;
  /** DescribeDatasetGroup. */
  describeDatasetGroup(datasetGroupArn: string, options?: CallOptions): Promise<DatasetGroup>;

  /** Uploads an object (multipart where large); resolves with what HeadObject would say of it. */
  uploadObject(input: UploadObjectInput, options?: CallOptions): Promise<ObjectInfo>;
  /** HeadObject. */
  headObject(location: ObjectLocation, options?: CallOptions): Promise<ObjectInfo>;
  /** GetObject, as a stream of bytes. */
  getObject(location: ObjectLocation, options?: CallOptions): Promise<Readable>;
  /** ListObjectsV2 under a prefix, every page. */
  listObjects(input: ListObjectsInput, options?: CallOptions): Promise<ObjectInfo[]>;
}
