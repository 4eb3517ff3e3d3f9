/**
 * The Personalize resources of `MemoryTransport`: dataset groups, datasets, schemas, trackers, and what was put
 * into them (records put individually, kept apart from rows imported in bulk).
 * @module
 */
import { ConflictError, InvalidInputError, NotFoundError } from '../../errors.js';
import { JOB_NAME_PATTERN, MAX_JOB_NAME_LENGTH } from '../../limits.js';
import type { DatasetType } from '../transport.js';
import { type ArnFactory, trackingIdFor } from './arns.js';
import type {
  CreateDatasetGroupInput,
  CreateDatasetInput,
  CreatedDataset,
  DatasetState,
  GroupState,
  SchemaState,
  StoredActionInteraction,
  StoredEvent,
} from './memory-types.js';

type TrackerKind = 'events' | 'actionInteractions';

const DOMAIN_TYPES: readonly DatasetType[] = ['Interactions', 'Items', 'Users'];

function parseSchema(schema: string | object): string {
  const text = typeof schema === 'string' ? schema : JSON.stringify(schema);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new InvalidInputError('Invalid schema: not valid JSON', { cause, serviceErrorName: 'InvalidInputException' });
  }
  const fields = (parsed as { fields?: unknown } | null)?.fields;
  if ((parsed as { type?: unknown } | null)?.type !== 'record' || !Array.isArray(fields)) {
    throw new InvalidInputError('Invalid schema: expected an Avro record with a `fields` list', {
      serviceErrorName: 'InvalidInputException',
    });
  }
  return text;
}

function notFound(what: string): NotFoundError {
  return new NotFoundError(`${what} does not exist.`, { serviceErrorName: 'ResourceNotFoundException' });
}

/** The Personalize resources of one fake account. */
export class MemoryDatasets {
  readonly groups = new Map<string, GroupState>();
  readonly datasets = new Map<string, DatasetState>();
  readonly schemas = new Map<string, SchemaState>();
  readonly events: StoredEvent[] = [];
  readonly actionInteractions: StoredActionInteraction[] = [];
  readonly #trackers = new Map<string, { groupArn: string; kind: TrackerKind }>();
  readonly #arns: ArnFactory;
  #serial = 0;

  constructor(arns: ArnFactory) {
    this.#arns = arns;
  }

  createDatasetGroup(input: CreateDatasetGroupInput): string {
    if (input.name.length > MAX_JOB_NAME_LENGTH || !JOB_NAME_PATTERN.test(input.name)) {
      throw new InvalidInputError(`Invalid dataset group name \`${input.name}\`: 1..63 of [a-zA-Z0-9_-]`);
    }
    const arn = this.#arns.datasetGroup(input.name);
    if (this.groups.has(arn)) {
      throw new ConflictError(`${arn} already exists.`, {
        reason: 'ALREADY_EXISTS',
        serviceErrorName: 'ResourceAlreadyExistsException',
      });
    }
    this.groups.set(arn, { arn, name: input.name, ...(input.domain && { domain: input.domain }) });
    return arn;
  }

  createDataset(input: CreateDatasetInput): CreatedDataset {
    const group = this.group(input.datasetGroupArn);
    if (group.domain !== undefined && !DOMAIN_TYPES.includes(input.datasetType)) {
      throw new InvalidInputError(
        `A ${input.datasetType} dataset cannot be created in a domain dataset group (${group.domain}).`,
      );
    }
    const datasetArn = this.#arns.dataset(group.name, input.datasetType);
    if (this.datasets.has(datasetArn)) {
      throw new ConflictError(`${datasetArn} already exists.`, {
        reason: 'ALREADY_EXISTS',
        serviceErrorName: 'ResourceAlreadyExistsException',
      });
    }
    const name = input.name ?? `${group.name}-${input.datasetType}`;
    const schemaArn = this.#arns.schema(`${name}-schema`);
    const schema = parseSchema(input.schema);
    this.schemas.set(schemaArn, {
      arn: schemaArn,
      name: `${name}-schema`,
      schema,
      ...(group.domain && { domain: group.domain }),
    });
    const trackingId =
      input.datasetType === 'Action_Interactions' ? this.#newTracker(group.arn, 'actionInteractions') : undefined;
    this.datasets.set(datasetArn, {
      arn: datasetArn,
      name,
      groupArn: group.arn,
      type: input.datasetType,
      schemaArn,
      ...(trackingId && { trackingId }),
      records: new Map(),
      bulk: new Map(),
      bulkSerial: 0,
    });
    return { datasetArn, schemaArn, ...(trackingId && { trackingId }) };
  }

  createEventTracker(datasetGroupArn: string): { trackingId: string; eventTrackerArn: string } {
    const group = this.group(datasetGroupArn);
    if (group.eventTrackingId !== undefined) {
      throw new ConflictError(`Dataset group ${datasetGroupArn} already has an event tracker.`, {
        reason: 'ALREADY_EXISTS',
        serviceErrorName: 'ResourceAlreadyExistsException',
      });
    }
    group.eventTrackingId = this.#newTracker(group.arn, 'events');
    return { trackingId: group.eventTrackingId, eventTrackerArn: this.#arns.eventTracker(this.#serial) };
  }

  /** Registers `trackingId` as the event tracker of `datasetGroupArn`, or of a new group when absent. */
  addTracker(trackingId: string, datasetGroupArn?: string): void {
    const taken = (what: string) =>
      new ConflictError(`${what} already exists.`, {
        reason: 'ALREADY_EXISTS',
        serviceErrorName: 'ResourceAlreadyExistsException',
      });
    if (this.#trackers.has(trackingId)) throw taken(`Tracker ${trackingId}`);
    const group = this.group(datasetGroupArn ?? this.createDatasetGroup({ name: `tracker-group-${++this.#serial}` }));
    if (group.eventTrackingId !== undefined) throw taken(`The event tracker of ${group.arn}`);
    group.eventTrackingId = trackingId;
    this.#trackers.set(trackingId, { groupArn: group.arn, kind: 'events' });
  }

  /** Whether `trackingId` is known as a tracker of `kind`; sets it up when not `strict`. */
  requireTracker(trackingId: string, kind: TrackerKind, strict: boolean): void {
    const tracker = this.#trackers.get(trackingId);
    if (tracker?.kind === kind) return;
    if (tracker === undefined && !strict) {
      if (kind === 'events') this.addTracker(trackingId);
      else this.#trackers.set(trackingId, { groupArn: this.#autoGroup(), kind });
      return;
    }
    const what = kind === 'events' ? 'event tracker' : 'action interactions dataset';
    throw new NotFoundError(`The tracking id ${trackingId} does not belong to any ${what}.`, {
      serviceErrorName: 'ResourceNotFoundException',
    });
  }

  group(arn: string): GroupState {
    const group = this.groups.get(arn);
    if (group === undefined) throw notFound(`Dataset group ${arn}`);
    return group;
  }

  dataset(arn: string): DatasetState {
    const dataset = this.datasets.get(arn);
    if (dataset === undefined) throw notFound(`Dataset ${arn}`);
    return dataset;
  }

  schema(arn: string): SchemaState {
    const schema = this.schemas.get(arn);
    if (schema === undefined) throw notFound(`Schema ${arn}`);
    return schema;
  }

  /** The dataset a put names, of the put's type; set up on first use when not `strict`. */
  datasetForPut(arn: string, type: DatasetType, strict: boolean): DatasetState {
    if (!this.datasets.has(arn) && !strict) this.#autoDataset(arn, type);
    const dataset = this.dataset(arn);
    if (dataset.type !== type) {
      throw new InvalidInputError(`Dataset ${arn} is of type ${dataset.type}; this call writes to a ${type} dataset.`, {
        serviceErrorName: 'InvalidInputException',
      });
    }
    return dataset;
  }

  #newTracker(groupArn: string, kind: TrackerKind): string {
    const trackingId = trackingIdFor(++this.#serial);
    this.#trackers.set(trackingId, { groupArn, kind });
    return trackingId;
  }

  #autoGroup(): string {
    const arn = [...this.groups.keys()].find((key) => key.endsWith(':dataset-group/auto'));
    return arn ?? this.createDatasetGroup({ name: 'auto' });
  }

  #autoDataset(arn: string, type: DatasetType): void {
    const schemaArn = this.#arns.schema(`auto-${type}-${++this.#serial}`);
    this.schemas.set(schemaArn, {
      arn: schemaArn,
      name: 'auto',
      schema: '{"type":"record","name":"Auto","fields":[]}',
    });
    const base = { arn, name: `auto-${type}`, groupArn: this.#autoGroup(), type, schemaArn };
    this.datasets.set(arn, { ...base, records: new Map(), bulk: new Map(), bulkSerial: 0 });
  }
}
