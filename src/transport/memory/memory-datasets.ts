/**
 * The Personalize resources of `MemoryTransport`: dataset groups, datasets, schemas, trackers, and what was put
 * into them (records put individually, kept apart from rows imported in bulk).
 * @module
 */
import { ConflictError, InvalidInputError, NotFoundError } from '../../errors.js';
import { MAX_ID_LENGTH, MAX_SCHEMA_LENGTH } from '../../limits.js';
import type { Clock } from '../../util/clock.js';
import type { DatasetType } from '../transport.js';
import { type ArnFactory, trackingIdFor } from './arns.js';
import type {
  CreateDatasetGroupInput,
  CreateDatasetInput,
  CreatedDataset,
  CreatedEventTracker,
  CreateEventTrackerInput,
  CreateSchemaInput,
  DatasetState,
  GroupState,
  SchemaState,
  StoredActionInteraction,
  TrackerState,
} from './memory-types.js';
import { checkArn, checkName, checkTags, modelViolation } from './model-checks.js';
import { StoredEvents } from './stored-events.js';

type TrackerKind = 'events' | 'actionInteractions';

const DOMAIN_TYPES: readonly DatasetType[] = ['Interactions', 'Items', 'Users'];

function parseSchema(schema: string | object): string {
  const text = typeof schema === 'string' ? schema : JSON.stringify(schema);
  if (text.length > MAX_SCHEMA_LENGTH) {
    throw modelViolation('schema', `Member must have length less than or equal to ${MAX_SCHEMA_LENGTH}`);
  }
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

function checkDomain(domain: unknown): void {
  if (domain !== undefined && domain !== 'ECOMMERCE' && domain !== 'VIDEO_ON_DEMAND') {
    throw modelViolation('domain', 'Member must satisfy enum value set: [ECOMMERCE, VIDEO_ON_DEMAND]', domain);
  }
}

function alreadyExists(what: string): ConflictError {
  return new ConflictError(`${what} already exists.`, {
    reason: 'ALREADY_EXISTS',
    serviceErrorName: 'ResourceAlreadyExistsException',
  });
}

function inUse(message: string): ConflictError {
  return new ConflictError(message, { reason: 'IN_USE', serviceErrorName: 'ResourceInUseException' });
}

function notFound(what: string): NotFoundError {
  return new NotFoundError(`${what} does not exist.`, { serviceErrorName: 'ResourceNotFoundException' });
}

/** The Personalize resources of one fake account. */
export class MemoryDatasets {
  readonly groups = new Map<string, GroupState>();
  readonly datasets = new Map<string, DatasetState>();
  readonly schemas = new Map<string, SchemaState>();
  readonly events = new StoredEvents();
  readonly actionInteractions: StoredActionInteraction[] = [];
  /** Every tracker, by tracking id. */
  readonly trackers = new Map<string, TrackerState>();
  readonly #arns: ArnFactory;
  readonly #clock: Clock;
  #serial = 0;
  // Apart from `#serial`, so that tracking ids stay 1, 2, 3… as the docs promise.
  #trackerArnSerial = 0;

  constructor(arns: ArnFactory, clock: Clock) {
    this.#arns = arns;
    this.#clock = clock;
  }

  createDatasetGroup(input: CreateDatasetGroupInput): string {
    checkName('name', input.name);
    checkDomain(input.domain);
    checkTags(input.tags);
    const arn = this.#arns.datasetGroup(input.name);
    if (this.groups.has(arn)) throw alreadyExists(arn);
    const createdAt = this.#clock.now();
    this.groups.set(arn, { arn, name: input.name, createdAt, ...(input.domain && { domain: input.domain }) });
    return arn;
  }

  createSchema(input: CreateSchemaInput): string {
    checkName('name', input.name);
    checkDomain(input.domain);
    const arn = this.#arns.schema(input.name);
    if (this.schemas.has(arn)) throw alreadyExists(arn);
    const schema = parseSchema(input.schema);
    const createdAt = this.#clock.now();
    this.schemas.set(arn, { arn, name: input.name, schema, createdAt, ...(input.domain && { domain: input.domain }) });
    return arn;
  }

  createDataset(input: CreateDatasetInput): CreatedDataset {
    checkArn('datasetGroupArn', input.datasetGroupArn);
    if (input.name !== undefined) checkName('name', input.name);
    checkTags(input.tags);
    const group = this.group(input.datasetGroupArn);
    if (group.domain !== undefined && !DOMAIN_TYPES.includes(input.datasetType)) {
      throw new InvalidInputError(
        `A ${input.datasetType} dataset cannot be created in a domain dataset group (${group.domain}).`,
        { serviceErrorName: 'InvalidInputException' },
      );
    }
    const datasetArn = this.#arns.dataset(group.name, input.datasetType);
    if (this.datasets.has(datasetArn)) throw alreadyExists(datasetArn);
    const name = input.name ?? `${group.name}-${input.datasetType}`;
    const schemaArn = this.#schemaFor(input, group, name);
    const trackingId = this.#datasetTracker(input, group.arn);
    this.datasets.set(datasetArn, {
      arn: datasetArn,
      name,
      groupArn: group.arn,
      type: input.datasetType,
      schemaArn,
      createdAt: this.#clock.now(),
      ...(trackingId && { trackingId }),
      records: new Map(),
      bulk: new Map(),
      bulkSerial: 0,
    });
    return { datasetArn, schemaArn, ...(trackingId && { trackingId }) };
  }

  createEventTracker(input: CreateEventTrackerInput): CreatedEventTracker {
    checkArn('datasetGroupArn', input.datasetGroupArn);
    if (input.name !== undefined) checkName('name', input.name);
    checkTags(input.tags);
    const group = this.group(input.datasetGroupArn);
    if (group.eventTrackingId !== undefined) {
      throw alreadyExists(`The event tracker of dataset group ${input.datasetGroupArn}`);
    }
    const trackingId = this.#claimTrackingId(input.trackingId);
    const eventTrackerArn = this.#arns.eventTracker(++this.#trackerArnSerial);
    const name = input.name ?? `${group.name}-tracker`;
    const tracker = { trackingId, groupArn: group.arn, kind: 'events', createdAt: this.#clock.now() } as const;
    this.trackers.set(trackingId, { ...tracker, arn: eventTrackerArn, name });
    group.eventTrackingId = trackingId;
    return { trackingId, eventTrackerArn };
  }

  /** Registers `trackingId` as the event tracker of `datasetGroupArn`, or of a new group when absent. */
  addTracker(trackingId: string, datasetGroupArn?: string): void {
    if (this.trackers.has(trackingId)) throw alreadyExists(`Tracker ${trackingId}`);
    const group = this.group(datasetGroupArn ?? this.createDatasetGroup({ name: `tracker-group-${++this.#serial}` }));
    this.createEventTracker({ datasetGroupArn: group.arn, trackingId });
  }

  /** The event tracker of an ARN. */
  eventTracker(arn: string): TrackerState {
    checkArn('eventTrackerArn', arn);
    const tracker = [...this.trackers.values()].find((t) => t.arn === arn);
    if (tracker === undefined) throw notFound(`Event tracker ${arn}`);
    return tracker;
  }

  deleteDatasetGroup(arn: string): void {
    checkArn('datasetGroupArn', arn);
    const group = this.group(arn);
    const datasets = [...this.datasets.values()].filter((dataset) => dataset.groupArn === arn).length;
    if (datasets > 0 || group.eventTrackingId !== undefined) {
      throw inUse(`Dataset group ${arn} still has ${datasets} datasets or an event tracker: delete them first.`);
    }
    this.groups.delete(arn);
  }

  deleteDataset(arn: string): void {
    checkArn('datasetArn', arn);
    const dataset = this.dataset(arn);
    if (dataset.trackingId !== undefined) this.trackers.delete(dataset.trackingId);
    this.datasets.delete(arn);
  }

  deleteSchema(arn: string): void {
    checkArn('schemaArn', arn);
    this.schema(arn);
    const user = [...this.datasets.values()].find((dataset) => dataset.schemaArn === arn);
    if (user !== undefined) throw inUse(`Schema ${arn} is used by dataset ${user.arn}.`);
    this.schemas.delete(arn);
  }

  deleteEventTracker(arn: string): void {
    const tracker = this.eventTracker(arn);
    this.trackers.delete(tracker.trackingId);
    const group = this.groups.get(tracker.groupArn);
    if (group !== undefined) delete group.eventTrackingId;
  }

  /** Whether `trackingId` is known as a tracker of `kind`; sets it up when not `strict`. */
  requireTracker(trackingId: string, kind: TrackerKind, strict: boolean): void {
    const tracker = this.trackers.get(trackingId);
    if (tracker?.kind === kind) return;
    if (tracker === undefined && !strict) {
      if (kind === 'events') this.addTracker(trackingId);
      else
        this.trackers.set(trackingId, { trackingId, groupArn: this.#autoGroup(), kind, createdAt: this.#clock.now() });
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

  /** A chosen tracking id, checked and free, or a new one. */
  #claimTrackingId(chosen: string | undefined): string {
    if (chosen === undefined) return trackingIdFor(++this.#serial);
    if (typeof chosen !== 'string' || chosen.length < 1 || chosen.length > MAX_ID_LENGTH) {
      throw modelViolation('trackingId', `Member must have length between 1 and ${MAX_ID_LENGTH}`, chosen);
    }
    if (this.trackers.has(chosen)) throw alreadyExists(`Tracker ${chosen}`);
    return chosen;
  }

  /** The tracker of an Action interactions dataset (none for other types; a chosen id is refused there). */
  #datasetTracker(input: CreateDatasetInput, groupArn: string): string | undefined {
    if (input.datasetType !== 'Action_Interactions') {
      if (input.trackingId !== undefined) {
        throw modelViolation('trackingId', 'Only an Action_Interactions dataset has a tracking id');
      }
      return undefined;
    }
    const trackingId = this.#claimTrackingId(input.trackingId);
    this.trackers.set(trackingId, { trackingId, groupArn, kind: 'actionInteractions', createdAt: this.#clock.now() });
    return trackingId;
  }

  /** The schema a new dataset uses: `schemaArn`'s, of the group's domain, or one made from `schema`. */
  #schemaFor(input: CreateDatasetInput, group: GroupState, name: string): string {
    if (input.schemaArn !== undefined) {
      checkArn('schemaArn', input.schemaArn);
      const schema = this.schema(input.schemaArn);
      if (schema.domain !== group.domain) {
        throw new InvalidInputError(
          `Schema ${schema.arn} (domain ${schema.domain ?? 'none'}) does not fit dataset group ${group.arn} ` +
            `(domain ${group.domain ?? 'none'}).`,
          { serviceErrorName: 'InvalidInputException' },
        );
      }
      return schema.arn;
    }
    if (input.schema === undefined) throw modelViolation('schemaArn', 'Member must not be null');
    const schemaArn = this.#arns.schema(`${name}-schema`);
    this.schemas.set(schemaArn, {
      arn: schemaArn,
      name: `${name}-schema`,
      schema: parseSchema(input.schema),
      createdAt: this.#clock.now(),
      ...(group.domain && { domain: group.domain }),
    });
    return schemaArn;
  }

  #autoGroup(): string {
    const arn = [...this.groups.keys()].find((key) => key.endsWith(':dataset-group/auto'));
    return arn ?? this.createDatasetGroup({ name: 'auto' });
  }

  #autoDataset(arn: string, type: DatasetType): void {
    const schemaArn = this.#arns.schema(`auto-${type}-${++this.#serial}`);
    const createdAt = this.#clock.now();
    this.schemas.set(schemaArn, {
      arn: schemaArn,
      name: 'auto',
      schema: '{"type":"record","name":"Auto","fields":[]}',
      createdAt,
    });
    const base = { arn, name: `auto-${type}`, groupArn: this.#autoGroup(), type, schemaArn, createdAt };
    this.datasets.set(arn, { ...base, records: new Map(), bulk: new Map(), bulkSerial: 0 });
  }
}
