/**
 * The library's own interface over every service call it makes. The core (writer, importer, validation) speaks only
 * this interface; `AwsTransport` implements it on the AWS SDK v3 clients and `MemoryTransport` in memory.
 *
 * Every method either resolves or rejects with one of the library's transport errors (`ThrottledError`,
 * `TransientError`, `InvalidInputError`, `NotFoundError`, `ConflictError`, `LimitExceededError`,
 * `FatalTransportError`), the original error kept as `cause`. No SDK type crosses this interface.
 *
 * An optional member of a wire record (`WireEvent`, `WireUser`, …) the writer hands a transport may be present with
 * the value `undefined`: the writer builds every wire record of a kind in one shape, which keeps V8 on its fast
 * path. Treat `undefined` as absent, as `JSON.stringify` does; the types say so (`itemId?: string | undefined`).
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
  /** Identifies the event, 1..256 characters; a later event with an id already seen is not used in training. */
  eventId: string;
  /** The kind of interaction, e.g. `click` or `Purchase`, 1..256 characters: the row's `EVENT_TYPE`. */
  eventType: string;
  /** Sent as epoch seconds. */
  sentAt: Date;
  /** The item interacted with, 1..256 characters; absent for an event without an item. */
  itemId?: string | undefined;
  /** A number the event carries (a rating, a watched fraction), `EVENT_VALUE`; any float, no range. */
  eventValue?: number | undefined;
  /**
   * The event's other fields as a JSON object in a string, 1..1024 characters, keys the camelCase form of the
   * schema's field names; never `userId`, `sessionId`, `eventType`, `timestamp`, `recommendationId` or `impression`.
   */
  properties?: string | undefined;
  /** The id of the recommendation the item was shown in, 1..40 characters, when the event came from one. */
  recommendationId?: string | undefined;
  /** The items shown with the one interacted with: 1..25 item ids of 1..256 characters each. */
  impression?: string[] | undefined;
  /**
   * Attributes the event to a source for the dataset group's metric attribution: `eventAttributionSource` up to 1024
   * printable ASCII characters, not only spaces.
   */
  metricAttribution?: { eventAttributionSource: string } | undefined;
}

/** Input of PutEvents: one tracking id, one session and one user per call, 1..10 events. */
export interface PutEventsInput {
  /**
   * The event tracker's tracking id (from CreateEventTracker), 1..256 characters: the events go to the Interactions
   * dataset of the tracker's dataset group.
   */
  trackingId: string;
  /** The session every event of the call belongs to, 1..256 characters; required even for an anonymous user. */
  sessionId: string;
  /** The user of every event of the call, 1..256 characters; absent for an anonymous session. */
  userId?: string | undefined;
  /** 1..10 events, each at most 10 KB; the call succeeds or fails for all of them together. */
  eventList: WireEvent[];
}

/** One user as PutUsers sends it. */
export interface WireUser {
  /** The user's id, 1..256 characters; a user with an id already in the dataset replaces it. */
  userId: string;
  /** The user's metadata fields as a JSON object in a string, 1..24000 characters, keys camelCase field names. */
  properties?: string | undefined;
}

/** Input of PutUsers: 1..10 users into one dataset. */
export interface PutUsersInput {
  /** ARN of the Users dataset, at most 256 characters; it must be ACTIVE. */
  datasetArn: string;
  /** 1..10 users; the call succeeds or fails for all of them together. */
  users: WireUser[];
}

/** One item as PutItems sends it. */
export interface WireItem {
  /** The item's id, 1..256 characters; an item with an id already in the dataset replaces it. */
  itemId: string;
  /** The item's metadata fields as a JSON object in a string, 1..32000 characters, keys camelCase field names. */
  properties?: string | undefined;
}

/** Input of PutItems: 1..10 items into one dataset. */
export interface PutItemsInput {
  /** ARN of the Items dataset, at most 256 characters; it must be ACTIVE. */
  datasetArn: string;
  /** 1..10 items; the call succeeds or fails for all of them together. */
  items: WireItem[];
}

/** One action as PutActions sends it. */
export interface WireAction {
  /** The action's id, 1..256 characters; an action with an id already in the dataset replaces it. */
  actionId: string;
  /** The action's metadata fields as a JSON object in a string, 1..32000 characters, keys camelCase field names. */
  properties?: string | undefined;
}

/** Input of PutActions: 1..10 actions into one dataset. */
export interface PutActionsInput {
  /** ARN of the Actions dataset, at most 256 characters; it must be ACTIVE. */
  datasetArn: string;
  /** 1..10 actions; the call succeeds or fails for all of them together. */
  actions: WireAction[];
}

/** One action interaction as PutActionInteractions sends it. */
export interface WireActionInteraction {
  /** The action interacted with, 1..256 characters. */
  actionId: string;
  /** The session of the interaction, 1..256 characters. */
  sessionId: string;
  /**
   * What the user did with the action, 1..256 characters; the documented types are `Viewed`, `Taken` and `Not Taken`.
   */
  eventType: string;
  /** Sent as epoch seconds. */
  timestamp: Date;
  /** The user, 1..256 characters; absent for an anonymous session. */
  userId?: string | undefined;
  /** Identifies the interaction, 1..256 characters; the service generates one when absent. */
  eventId?: string | undefined;
  /** The id of the recommendation the action was shown in, 1..40 characters, when it came from one. */
  recommendationId?: string | undefined;
  /** The actions shown with the one interacted with: 1..25 action ids. */
  impression?: string[] | undefined;
  /**
   * Other fields as a JSON object in a string, 1..1024 characters, keys camelCase field names; never `userId`,
   * `sessionId`, `eventType`, `timestamp`, `recommendationId` or `impression`.
   */
  properties?: string | undefined;
}

/** Input of PutActionInteractions: 1..10 action interactions under one tracking id. */
export interface PutActionInteractionsInput {
  /** The Action interactions dataset's tracking id (`Dataset.trackingId` from DescribeDataset), 1..256 characters. */
  trackingId: string;
  /** 1..10 action interactions; the call succeeds or fails for all of them together. */
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
  /** The job's ARN (`datasetImportJobArn`), the key for DescribeDatasetImportJob and `waitForJob`. */
  jobArn: string;
  /** The name it was created with, 1..63 characters, unique in the account and region. */
  jobName: string;
  /** ARN of the dataset the job imports into. */
  datasetArn: string;
  /** The `s3://` file, or folder ending in `/`, the job reads (`dataSource.dataLocation`). */
  dataLocation: string;
  /** ARN of the IAM role the service assumed to read `dataLocation`; absent when the reply omits it. */
  roleArn?: string;
  /** `FULL` or `INCREMENTAL`; `FULL` (the service's default) when the reply names no mode. */
  importMode: ImportMode;
  /**
   * Where the job is: `CREATE PENDING`, `CREATE IN_PROGRESS`, then `ACTIVE` or `CREATE FAILED` (then see
   * `failureReason`).
   */
  status: ImportJobStatus;
  /** When the job was created (`creationDateTime`); absent when the reply omits it. */
  createdAt?: Date;
  /** When its status last changed (`lastUpdatedDateTime`); absent when the reply omits it. */
  updatedAt?: Date;
  /** The service's reason, in its words; present once `status` is `CREATE FAILED`. */
  failureReason?: string;
  /** Whether the job publishes metric attribution metrics to S3; absent when it was not set. */
  publishAttributionMetricsToS3?: boolean;
}

/** An import job as ListDatasetImportJobs reports it. */
export interface ImportJobSummary {
  /** The job's ARN: pass it to `describeDatasetImportJob` for the full record. */
  jobArn: string;
  /** The job's name, 1..63 characters, unique in the account and region: a re-run finds its job by it. */
  jobName: string;
  /** `CREATE PENDING`, `CREATE IN_PROGRESS`, `ACTIVE` or `CREATE FAILED`. */
  status: ImportJobStatus;
  /** `FULL` or `INCREMENTAL`; absent when the listing does not say (unlike `ImportJob`, no default is filled in). */
  importMode?: ImportMode;
  /** When the job was created; the listing's order is newest first by it. */
  createdAt?: Date;
  /** When its status last changed. */
  updatedAt?: Date;
  /** The service's reason, present once `status` is `CREATE FAILED`. */
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
  /** The dataset's ARN, the target of imports and of PutUsers, PutItems and PutActions. */
  datasetArn: string;
  /** The name it was created with, 1..63 characters. */
  name: string;
  /** `Interactions`, `Items`, `Users`, `Actions` or `Action_Interactions`; another string is passed through as is. */
  datasetType: DatasetType | (string & {});
  /**
   * `ACTIVE` once usable; `CREATE PENDING` or `CREATE IN_PROGRESS` before, `CREATE FAILED` when it could not be
   * created. A free string: other values pass through. Absent when the reply omits it.
   */
  status?: string;
}

/** A dataset as DescribeDataset reports it. */
export interface Dataset {
  /** The dataset's ARN. */
  datasetArn: string;
  /** The name it was created with, 1..63 characters. */
  name: string;
  /** ARN of the dataset group it belongs to: its domain (DescribeDatasetGroup) decides the required fields. */
  datasetGroupArn: string;
  /** `Interactions`, `Items`, `Users`, `Actions` or `Action_Interactions`; another string is passed through as is. */
  datasetType: DatasetType | (string & {});
  /** ARN of its schema: DescribeSchema gives the Avro fields CSV headers and `properties` keys must match. */
  schemaArn: string;
  /**
   * `ACTIVE` once it takes data; `CREATE PENDING` or `CREATE IN_PROGRESS` before, `CREATE FAILED` when it could not be
   * created. A free string: other values pass through. Absent when the reply omits it.
   */
  status?: string;
  /** The tracking id of an Action interactions dataset's tracker. */
  trackingId?: string;
}

/** A schema as DescribeSchema reports it. */
export interface Schema {
  /** The schema's ARN, as `Dataset.schemaArn` names it. */
  schemaArn: string;
  /** The name it was created with, 1..63 characters. */
  name: string;
  /** The Avro schema, a JSON string. */
  schema: string;
  /** `ECOMMERCE` or `VIDEO_ON_DEMAND` for a schema made for a domain dataset group; absent for a Custom schema. */
  domain?: Domain;
}

/** A dataset group as DescribeDatasetGroup reports it. */
export interface DatasetGroup {
  /** The dataset group's ARN, as `Dataset.datasetGroupArn` names it. */
  datasetGroupArn: string;
  /** The name it was created with, 1..63 characters. */
  name: string;
  /**
   * `ACTIVE` once datasets can be created in it; `CREATE PENDING` or `CREATE IN_PROGRESS` before, `CREATE FAILED` when
   * it could not be created. A free string: other values pass through. Absent when the reply omits it.
   */
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
  /** The bucket's name, without `s3://`. */
  bucket: string;
  /** The object's key within the bucket, without a leading `/`. */
  key: string;
}

/** What HeadObject / ListObjectsV2 say of an object. */
export interface ObjectInfo extends ObjectLocation {
  /** Size of the object, in bytes. */
  size: number;
  /** The ETag, without quotes. */
  etag: string;
  /** The object's version id; absent when the bucket has no versioning. */
  versionId?: string;
}

/** Input of an upload (multipart where large). */
export interface UploadObjectInput extends ObjectLocation {
  /**
   * The object's bytes: a stream (read once, so a failed upload cannot be retried with it), a buffer, or a UTF-8
   * string.
   */
  body: Readable | Uint8Array | string;
  /** Bytes, when known; progress totals use it. */
  contentLength?: number;
  /** The object's `Content-Type`, e.g. `text/csv`; when absent none is sent and S3 applies its own default. */
  contentType?: string;
  /** Called as bytes go out. */
  onProgress?: (loadedBytes: number, totalBytes: number | undefined) => void;
}

/** Input of a listing of the objects under a prefix. */
export interface ListObjectsInput {
  /** The bucket's name, without `s3://`. */
  bucket: string;
  /** Only keys that start with it are listed, at every depth below it (no delimiter), e.g. `exports/2024/`. */
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
