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

/** What a new import job copies from where into which dataset; the service checks the names and the ARNs. */
export interface CreateImportJobInput {
  /** The job's name, 1..63 characters, unique in the account and region for ever. */
  jobName: string;
  /** ARN of the dataset the rows go into. */
  datasetArn: string;
  /** `s3://bucket/key.csv`, or a folder `s3://bucket/prefix/`. */
  dataLocation: string;
  /** ARN of the IAM role the service assumes to read `dataLocation`. */
  roleArn: string;
  /** `FULL` replaces the dataset's bulk data; `INCREMENTAL` appends to it. */
  importMode: ImportMode;
  /** Publish the metrics of the dataset group's metric attribution to S3 for this import. */
  publishAttributionMetricsToS3?: boolean;
  /** Tags of the job: at most 50, keys 1..128 and values 0..256 characters. */
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

/** Which import jobs to list (newest first), one page at a time. */
export interface ListImportJobsInput {
  /** Only this dataset's jobs; all of the account's otherwise. */
  datasetArn?: string;
  /** The `nextToken` of the previous page; the first page without it. */
  nextToken?: string;
  /** 1..100. */
  maxResults?: number;
}

/** One page of a paginated list. */
export interface Page<T> {
  /** The page's items, in the service's order. */
  items: T[];
  /** Present when there are more pages: pass it to get the next one. */
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

/** Which datasets to list: a dataset group's, one page at a time. */
export interface ListDatasetsInput {
  /** ARN of the dataset group. */
  datasetGroupArn: string;
  /** The `nextToken` of the previous page; the first page without it. */
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
  /** Size of the object, in bytes. */
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
 * `MemoryTransport` implements exactly this interface. Every method rejects with one of the library's transport
 * errors (see the module's note) or, when `options.signal` aborts, with `AbortedError`.
 */
export interface Transport {
  /**
   * Sends 1..10 events of one session (`PutEvents.eventList`). Resolves with nothing: the service answers a whole
   * call, never per event. Rejects with `InvalidInputError` when the service refuses the call (a bad record sinks
   * all of them).
   */
  putEvents(input: PutEventsInput, options?: CallOptions): Promise<void>;
  /**
   * Upserts 1..10 users by `userId` (`PutUsers.users`). Rejects with `InvalidInputError`, `NotFoundError` (no such
   * dataset) or `ConflictError` (`IN_USE`: the dataset is not ACTIVE yet).
   */
  putUsers(input: PutUsersInput, options?: CallOptions): Promise<void>;
  /** Upserts 1..10 items by `itemId` (`PutItems.items`); rejects as `putUsers` does. */
  putItems(input: PutItemsInput, options?: CallOptions): Promise<void>;
  /** Upserts 1..10 actions by `actionId` (`PutActions.actions`); rejects as `putUsers` does. */
  putActions(input: PutActionsInput, options?: CallOptions): Promise<void>;
  /**
   * Sends 1..10 action interactions under one tracking id (`PutActionInteractions.actionInteractions`); rejects as
   * `putUsers` does.
   */
  putActionInteractions(input: PutActionInteractionsInput, options?: CallOptions): Promise<void>;

  /**
   * Starts an import job (CreateDatasetImportJob) and resolves with its ARN as soon as the service accepts it; the
   * job then runs for minutes to hours (`describeDatasetImportJob`). Rejects with `ConflictError` (`ALREADY_EXISTS`:
   * the job name is taken in the account and region; `IN_USE`: another job runs on the dataset),
   * `LimitExceededError` (5 jobs already pending or running), `NotFoundError` (no such dataset) or
   * `InvalidInputError`.
   */
  createDatasetImportJob(input: CreateImportJobInput, options?: CallOptions): Promise<{ jobArn: string }>;
  /**
   * Resolves with the job as the service sees it now (`status`, `failureReason` once it failed, dates); rejects with
   * `NotFoundError` for an unknown ARN.
   */
  describeDatasetImportJob(jobArn: string, options?: CallOptions): Promise<ImportJob>;
  /**
   * Resolves with one page of import jobs (the dataset's, or the account's without `datasetArn`), newest first as
   * the service lists them; pass the page's `nextToken` back for the next one (absent on the last page).
   */
  listDatasetImportJobs(input: ListImportJobsInput, options?: CallOptions): Promise<Page<ImportJobSummary>>;
  /** Resolves with one page of a dataset group's datasets (one per type at most); page on with `nextToken`. */
  listDatasets(input: ListDatasetsInput, options?: CallOptions): Promise<Page<DatasetSummary>>;
  /**
   * Resolves with the dataset's type, group, schema ARN and (for Action interactions) tracking id; rejects with
   * `NotFoundError` for an unknown ARN.
   */
  describeDataset(datasetArn: string, options?: CallOptions): Promise<Dataset>;
  /**
   * Resolves with the schema's Avro definition (a JSON string) and, for a domain schema, its domain; rejects with
   * `NotFoundError` for an unknown ARN.
   */
  describeSchema(schemaArn: string, options?: CallOptions): Promise<Schema>;
  /**
   * Resolves with the dataset group, its `domain` absent for a Custom group; rejects with `NotFoundError` for an
   * unknown ARN.
   */
  describeDatasetGroup(datasetGroupArn: string, options?: CallOptions): Promise<DatasetGroup>;

  /**
   * Uploads an object (multipart where large; `input.onProgress` hears the bytes) and resolves with what HeadObject
   * says of it once stored. Rejects with `NotFoundError` for a missing bucket. Not safe to retry with the same
   * `body` stream: it has been read.
   */
  uploadObject(input: UploadObjectInput, options?: CallOptions): Promise<ObjectInfo>;
  /** Resolves with the object's size in bytes, ETag and version (HeadObject); rejects with `NotFoundError`. */
  headObject(location: ObjectLocation, options?: CallOptions): Promise<ObjectInfo>;
  /**
   * Resolves with the object's bytes as a stream (GetObject); a failure while it streams destroys the stream with a
   * library error, and so does `options.signal` aborting. Rejects with `NotFoundError` for a missing object.
   */
  getObject(location: ObjectLocation, options?: CallOptions): Promise<Readable>;
  /**
   * Resolves with every object under the prefix (ListObjectsV2, all pages followed), in the order S3 lists them;
   * an empty list when there is none. Rejects with `NotFoundError` for a missing bucket.
   */
  listObjects(input: ListObjectsInput, options?: CallOptions): Promise<ObjectInfo[]>;
}

/** The service each `Transport` method calls: the Personalize Events API, the Personalize control plane, or S3. */
export type TransportPlane = 'events' | 'control' | 's3';

/**
 * Every `Transport` method and the service it calls. `satisfies Record<keyof Transport, …>` makes the compiler refuse
 * this table when the interface gains or loses a method, so what is derived from it (the check of an injected
 * transport, test doubles) cannot fall behind.
 */
export const TRANSPORT_PLANES = {
  putEvents: 'events',
  putUsers: 'events',
  putItems: 'events',
  putActions: 'events',
  putActionInteractions: 'events',
  createDatasetImportJob: 'control',
  describeDatasetImportJob: 'control',
  listDatasetImportJobs: 'control',
  listDatasets: 'control',
  describeDataset: 'control',
  describeSchema: 'control',
  describeDatasetGroup: 'control',
  uploadObject: 's3',
  headObject: 's3',
  getObject: 's3',
  listObjects: 's3',
} as const satisfies Record<keyof Transport, TransportPlane>;

/** Every method name of `Transport`, in the order of the interface. */
export const TRANSPORT_METHODS = Object.keys(TRANSPORT_PLANES) as readonly (keyof Transport)[];
