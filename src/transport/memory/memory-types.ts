/**
 * The data types of `MemoryTransport`'s Personalize resources: the set-up inputs, and what it stores.
 * @module
 */
import type {
  Dataset,
  DatasetGroup,
  DatasetType,
  Domain,
  Schema,
  WireAction,
  WireActionInteraction,
  WireEvent,
  WireItem,
  WireUser,
} from '../transport.js';

/** A row of a CSV imported in bulk, by column name. */
export type BulkRow = Readonly<Record<string, string>>;

/** Tags of a resource, by key: at most 50, keys 1..128 and values 0..256 characters, no `aws:` key prefix. */
export type ResourceTags = Readonly<Record<string, string>>;

/** What `MemoryTransport.createDatasetGroup` takes: the members of `CreateDatasetGroup` the fake models. */
export interface CreateDatasetGroupInput {
  /** 1..63 characters, `^[a-zA-Z0-9][a-zA-Z0-9\-_]*$`, unique in the fake account (else `ConflictError`). */
  name: string;
  /** Makes a domain dataset group (Interactions, Items and Users only); a Custom one when absent. */
  domain?: Domain;
  /** Checked as the service checks them (else `InvalidInputError`), not kept. */
  tags?: ResourceTags;
}

/** What `MemoryTransport.createSchema` takes: the members of `CreateSchema`. */
export interface CreateSchemaInput {
  /** 1..63 characters, `^[a-zA-Z0-9][a-zA-Z0-9\-_]*$`, unique in the fake account (else `ConflictError`). */
  name: string;
  /** The Avro schema: a JSON string (at most 20,000 characters) or the object itself. */
  schema: string | object;
  /** Makes a schema for the datasets of a domain dataset group of that domain. */
  domain?: Domain;
}

/** What `MemoryTransport.createEventTracker` takes: the members of `CreateEventTracker`, and a chosen tracking id. */
export interface CreateEventTrackerInput {
  /** A dataset group made by `createDatasetGroup` (else `NotFoundError`), with no event tracker yet. */
  datasetGroupArn: string;
  /** The tracker's name, 1..63 characters. @default `<group name>-tracker` */
  name?: string;
  /** The tracking id PutEvents names, 1..256 characters, unique among trackers. @default a generated UUID */
  trackingId?: string;
  /** Checked as the service checks them, not kept. */
  tags?: ResourceTags;
}

/** What `MemoryTransport.createEventTracker` made. */
export interface CreatedEventTracker {
  /** The id PutEvents takes. */
  trackingId: string;
  /** The tracker's ARN, `arn:aws:personalize:<region>:<account>:event-tracker/<id>`. */
  eventTrackerArn: string;
}

/** What `MemoryTransport.createDataset` takes: the members of `CreateDataset` and `CreateSchema` the fake models. */
export interface CreateDatasetInput {
  /** A dataset group made by `createDatasetGroup` (else `NotFoundError`). */
  datasetGroupArn: string;
  /** One dataset per type per group (else `ConflictError`). */
  datasetType: DatasetType;
  /**
   * The Avro schema, a JSON string or the object itself: a schema `<name>-schema` is made for the dataset. Give
   * `schema` or `schemaArn`.
   */
  schema?: string | object;
  /** A schema made by `createSchema` (else `NotFoundError`), of the group's domain (else `InvalidInputError`). */
  schemaArn?: string;
  /** The dataset's name. @default `<group name>-<datasetType>` */
  name?: string;
  /**
   * The tracking id of an `Action_Interactions` dataset, 1..256 characters, unique among trackers (refused for any
   * other type). @default a generated UUID
   */
  trackingId?: string;
  /** Checked as the service checks them, not kept. */
  tags?: ResourceTags;
}

/** What `MemoryTransport.createDataset` made. */
export interface CreatedDataset {
  /** The new dataset's ARN: pass it to puts, imports and the inspection methods. */
  datasetArn: string;
  /** The ARN of the schema made for it, as DescribeDataset reports it. */
  schemaArn: string;
  /** The tracking id of an `Action_Interactions` dataset, as DescribeDataset reports it. */
  trackingId?: string;
}

/** An event as PutEvents stored it (its wire form), with the call's tracking id, session and user. */
export interface StoredEvent extends WireEvent {
  /** The call's `trackingId`. */
  trackingId: string;
  /** The call's `sessionId`. */
  sessionId: string;
  /** The call's `userId`, when it had one. */
  userId?: string;
}

/** An action interaction as PutActionInteractions stored it (its wire form), with the call's tracking id. */
export interface StoredActionInteraction extends WireActionInteraction {
  /** The call's `trackingId`. */
  trackingId: string;
}

/** A record put with PutUsers, PutItems or PutActions. */
export type UpsertedRecord = WireUser | WireItem | WireAction;

/** A dataset group. */
export interface GroupState {
  readonly arn: string;
  readonly name: string;
  readonly domain?: Domain;
  readonly createdAt: number;
  eventTrackingId?: string;
}

/** A tracker: a group's event tracker, or the one of an Action interactions dataset (no ARN of its own). */
export interface TrackerState {
  readonly trackingId: string;
  readonly groupArn: string;
  readonly kind: 'events' | 'actionInteractions';
  readonly createdAt: number;
  /** Set for an event tracker. */
  readonly arn?: string;
  readonly name?: string;
}

/** A dataset and its contents. */
export interface DatasetState {
  readonly arn: string;
  readonly name: string;
  readonly groupArn: string;
  readonly type: DatasetType;
  readonly schemaArn: string;
  readonly trackingId?: string;
  readonly createdAt: number;
  /** Records put individually, by id (an upsert). */
  readonly records: Map<string, UpsertedRecord>;
  /** Rows imported in bulk, by id (by their record key, `recordKey`, for interactions, which have none). */
  bulk: Map<string, BulkRow>;
  bulkSerial: number;
}

/** A schema. */
export interface SchemaState {
  readonly arn: string;
  readonly name: string;
  readonly schema: string;
  readonly domain?: Domain;
  readonly createdAt: number;
}

/** When a resource of the fake was created, on its clock. */
export interface CreatedAt {
  /** `clock.now()` at creation; the fake's resources are `ACTIVE` from then on. */
  createdAt: Date;
}

/** An event tracker as DescribeEventTracker reports it. */
export interface MemoryEventTracker extends CreatedAt {
  /** `arn:aws:personalize:<region>:<account>:event-tracker/<id>`. */
  eventTrackerArn: string;
  /** The name it was created with. */
  name: string;
  /** The id PutEvents takes. */
  trackingId: string;
  /** The dataset group whose Interactions dataset the events go to. */
  datasetGroupArn: string;
  /** The fake's account id. */
  accountId: string;
  /** Always `ACTIVE`: the fake creates at once. */
  status: string;
}

/** Every Personalize resource of a `MemoryTransport`, each list in creation order. */
export interface MemoryResources {
  /** The dataset groups, `ACTIVE`. */
  datasetGroups: (DatasetGroup & CreatedAt)[];
  /** The schemas, those `createDataset` made among them. */
  schemas: (Schema & CreatedAt)[];
  /** The datasets, `ACTIVE`, with the tracking id of an Action interactions dataset. */
  datasets: (Dataset & CreatedAt)[];
  /** The event trackers (one per dataset group at most), `ACTIVE`. */
  eventTrackers: MemoryEventTracker[];
}
