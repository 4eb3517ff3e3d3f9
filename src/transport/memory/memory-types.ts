/**
 * The data types of `MemoryTransport`'s Personalize resources: the set-up inputs, and what it stores.
 * @module
 */
import type {
  DatasetType,
  Domain,
  WireAction,
  WireActionInteraction,
  WireEvent,
  WireItem,
  WireUser,
} from '../transport.js';

/** A row of a CSV imported in bulk, by column name. */
export type BulkRow = Readonly<Record<string, string>>;

/** What `MemoryTransport.createDatasetGroup` takes: the members of `CreateDatasetGroup` the fake models. */
export interface CreateDatasetGroupInput {
  /** 1..63 characters, `^[a-zA-Z0-9][a-zA-Z0-9\-_]*$`, unique in the fake account (else `ConflictError`). */
  name: string;
  /** Makes a domain dataset group (Interactions, Items and Users only); a Custom one when absent. */
  domain?: Domain;
}

/** What `MemoryTransport.createDataset` takes: the members of `CreateDataset` and `CreateSchema` the fake models. */
export interface CreateDatasetInput {
  /** A dataset group made by `createDatasetGroup` (else `NotFoundError`). */
  datasetGroupArn: string;
  /** One dataset per type per group (else `ConflictError`). */
  datasetType: DatasetType;
  /** The Avro schema: a JSON string or the object itself. */
  schema: string | object;
  /** The dataset's name. @default `<group name>-<datasetType>` */
  name?: string;
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
  eventTrackingId?: string;
}

/** A dataset and its contents. */
export interface DatasetState {
  readonly arn: string;
  readonly name: string;
  readonly groupArn: string;
  readonly type: DatasetType;
  readonly schemaArn: string;
  readonly trackingId?: string;
  /** Records put individually, by id (an upsert). */
  readonly records: Map<string, UpsertedRecord>;
  /** Rows imported in bulk, by id (by a serial number for interactions, which have none). */
  bulk: Map<string, BulkRow>;
  bulkSerial: number;
}

/** A schema. */
export interface SchemaState {
  readonly arn: string;
  readonly name: string;
  readonly schema: string;
  readonly domain?: Domain;
}
