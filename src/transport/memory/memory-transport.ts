/**
 * `MemoryTransport`: the in-memory fake of `Transport`, a public export for users' own tests.
 * @module
 */
import { InvalidInputError } from '../../errors.js';
import { throwIfAborted } from '../../util/clock.js';
import type {
  CallOptions,
  CreateImportJobInput,
  Dataset,
  DatasetGroup,
  DatasetSummary,
  ImportJob,
  ImportJobSummary,
  ListDatasetsInput,
  ListImportJobsInput,
  ListObjectsInput,
  ObjectInfo,
  ObjectLocation,
  Page,
  PutActionInteractionsInput,
  PutActionsInput,
  PutEventsInput,
  PutItemsInput,
  PutUsersInput,
  Schema,
  Transport,
  UploadObjectInput,
} from '../transport.js';
import type { CallInputOf, CallRecord, TransportCallName } from './call-history.js';
import { checkPutActionInteractions, checkPutEvents, checkPutRecords } from './check-wire-records.js';
import { copyWire } from './copy-wire.js';
import { MemoryTransportSetup } from './memory-setup.js';
import type { UpsertedRecord } from './memory-types.js';
import { paginate } from './paginate.js';
import { type DataPlaneInput, throttledError, type WireRecord } from './scripted-faults.js';

function invalidInput(message: string): InvalidInputError {
  return new InvalidInputError(message, { serviceErrorName: 'InvalidInputException', statusCode: 400 });
}

/**
 * An in-memory Amazon Personalize (and S3) that implements `Transport`: it checks every call as the service does
 * (limits per call and per field, whole-call rejection), keeps what was put for assertions, runs import jobs on a
 * clock the test controls, can be scripted to throttle, fail or reject, and keeps a call history. It throws on
 * anything it was not set up for (an unknown tracking id, dataset, bucket or job).
 *
 * @example
 * const transport = new MemoryTransport({ clock });
 * const groupArn = transport.createDatasetGroup({ name: 'shop' });
 * const { datasetArn } = transport.createDataset({ datasetGroupArn: groupArn, datasetType: 'Users', schema });
 * await transport.putUsers({ datasetArn, users: [{ userId: 'u1' }] });
 * expect(transport.users(datasetArn)).toEqual([{ userId: 'u1' }]);
 */
export class MemoryTransport extends MemoryTransportSetup implements Transport {
  /** PutEvents: stores the events under the call's tracking id, session and user. */
  putEvents(input: PutEventsInput, options?: CallOptions): Promise<void> {
    return this.#run('putEvents', input, options?.signal, () => {
      this.#reject(checkPutEvents(input));
      this.state.requireTracker(input.trackingId, 'events', this.config.strict);
      this.#rejectRecords('putEvents', input, input.eventList);
      const { trackingId, sessionId, userId } = input;
      for (const event of copyWire(input.eventList)) {
        this.state.events.push({ ...event, trackingId, sessionId, ...(userId !== undefined && { userId }) });
      }
    });
  }

  /** PutUsers: an upsert by `userId`. */
  putUsers(input: PutUsersInput, options?: CallOptions): Promise<void> {
    return this.#run('putUsers', input, options?.signal, () =>
      this.#upsert('putUsers', input, 'Users', input.users, (user) => user.userId),
    );
  }

  /** PutItems: an upsert by `itemId`. */
  putItems(input: PutItemsInput, options?: CallOptions): Promise<void> {
    return this.#run('putItems', input, options?.signal, () =>
      this.#upsert('putItems', input, 'Items', input.items, (item) => item.itemId),
    );
  }

  /** PutActions: an upsert by `actionId`. */
  putActions(input: PutActionsInput, options?: CallOptions): Promise<void> {
    return this.#run('putActions', input, options?.signal, () =>
      this.#upsert('putActions', input, 'Actions', input.actions, (action) => action.actionId),
    );
  }

  /** PutActionInteractions: stores the records under the tracking id of an Action interactions dataset. */
  putActionInteractions(input: PutActionInteractionsInput, options?: CallOptions): Promise<void> {
    return this.#run('putActionInteractions', input, options?.signal, () => {
      this.#reject(checkPutActionInteractions(input));
      this.state.requireTracker(input.trackingId, 'actionInteractions', this.config.strict);
      this.#rejectRecords('putActionInteractions', input, input.actionInteractions);
      for (const record of copyWire(input.actionInteractions)) {
        this.state.actionInteractions.push({ ...record, trackingId: input.trackingId });
      }
    });
  }

  /** CreateDatasetImportJob, with the service's checks and quota of 5 jobs pending or in progress. */
  createDatasetImportJob(input: CreateImportJobInput, options?: CallOptions): Promise<{ jobArn: string }> {
    return this.#run('createDatasetImportJob', input, options?.signal, () => this.jobs.create(input));
  }

  /** DescribeDatasetImportJob; the status follows the clock. */
  describeDatasetImportJob(jobArn: string, options?: CallOptions): Promise<ImportJob> {
    return this.#run('describeDatasetImportJob', jobArn, options?.signal, () => this.jobs.describe(jobArn));
  }

  /** ListDatasetImportJobs: newest first, paginated. */
  listDatasetImportJobs(input: ListImportJobsInput, options?: CallOptions): Promise<Page<ImportJobSummary>> {
    return this.#run('listDatasetImportJobs', input, options?.signal, () => this.jobs.list(input));
  }

  /** ListDatasets of a dataset group, paginated. */
  listDatasets(input: ListDatasetsInput, options?: CallOptions): Promise<Page<DatasetSummary>> {
    return this.#run('listDatasets', input, options?.signal, () => {
      this.state.group(input.datasetGroupArn);
      const datasets = [...this.state.datasets.values()]
        .filter((dataset) => dataset.groupArn === input.datasetGroupArn)
        .map(({ arn, name, type }) => ({ datasetArn: arn, name, datasetType: type, status: 'ACTIVE' }));
      return paginate(datasets, input.nextToken);
    });
  }

  /** DescribeDataset. */
  describeDataset(datasetArn: string, options?: CallOptions): Promise<Dataset> {
    return this.#run('describeDataset', datasetArn, options?.signal, () => {
      const { arn, name, groupArn, type, schemaArn, trackingId } = this.state.dataset(datasetArn);
      const dataset = { datasetArn: arn, name, datasetGroupArn: groupArn, datasetType: type, schemaArn };
      return { ...dataset, status: 'ACTIVE', ...(trackingId !== undefined && { trackingId }) };
    });
  }

  /** DescribeSchema. */
  describeSchema(schemaArn: string, options?: CallOptions): Promise<Schema> {
    return this.#run('describeSchema', schemaArn, options?.signal, () => {
      const { arn, name, schema, domain } = this.state.schema(schemaArn);
      return { schemaArn: arn, name, schema, ...(domain !== undefined && { domain }) };
    });
  }

  /** DescribeDatasetGroup. */
  describeDatasetGroup(datasetGroupArn: string, options?: CallOptions): Promise<DatasetGroup> {
    return this.#run('describeDatasetGroup', datasetGroupArn, options?.signal, () => {
      const { arn, name, domain } = this.state.group(datasetGroupArn);
      return { datasetGroupArn: arn, name, status: 'ACTIVE', ...(domain !== undefined && { domain }) };
    });
  }

  /** Uploads an object (its bucket must exist unless `strict` is off), reporting progress as the body is read. */
  uploadObject(input: UploadObjectInput, options?: CallOptions): Promise<ObjectInfo> {
    return this.#run('uploadObject', input, options?.signal, () => {
      if (!this.config.strict) this.objects.createBucket(input.bucket);
      return this.objects.upload(input);
    });
  }

  /** HeadObject. */
  headObject(location: ObjectLocation, options?: CallOptions): Promise<ObjectInfo> {
    return this.#run('headObject', location, options?.signal, () => this.objects.head(location));
  }

  /** GetObject, as a stream. */
  getObject(location: ObjectLocation, options?: CallOptions): Promise<import('node:stream').Readable> {
    return this.#run('getObject', location, options?.signal, () => this.objects.get(location));
  }

  /** ListObjectsV2 under a prefix, by key. */
  listObjects(input: ListObjectsInput, options?: CallOptions): Promise<ObjectInfo[]> {
    return this.#run('listObjects', input, options?.signal, () => this.objects.list(input.bucket, input.prefix));
  }

  /** Runs one call: abort, latency, scripted faults and quota, then `body`; records it in the history. */
  async #run<K extends TransportCallName, R>(
    call: K,
    input: CallInputOf<K>,
    signal: AbortSignal | undefined,
    body: () => R | Promise<R>,
  ): Promise<Awaited<R>> {
    const at = this.config.clock.now();
    const recorded = this.isDataPlane(call) ? copyWire(input) : input;
    const record = (outcome: Omit<CallRecord, 'call' | 'input' | 'at'>) =>
      this.calls.add({ call, input: recorded, at, ...outcome } as CallRecord);
    try {
      throwIfAborted(signal);
      if (this.config.latencyMs > 0) await this.config.clock.sleep(this.config.latencyMs, signal);
      const fault = this.faults.takeFault(call);
      if (fault !== undefined) throw fault;
      if (this.isDataPlane(call) && !this.quota.take(call)) throw throttledError(call);
      const result = await body();
      record({ outcome: 'ok' });
      return result;
    } catch (error) {
      record({ outcome: 'error', error: error as Error });
      throw error;
    }
  }

  #reject(message: string | undefined): void {
    if (message !== undefined) throw invalidInput(message);
  }

  #rejectRecords(
    call: Parameters<typeof this.faults.rejection>[0],
    input: DataPlaneInput,
    records: readonly WireRecord[],
  ): void {
    this.#reject(this.faults.rejection(call, input, records));
  }

  #upsert<T extends UpsertedRecord>(
    call: 'putUsers' | 'putItems' | 'putActions',
    input: PutUsersInput | PutItemsInput | PutActionsInput,
    type: 'Users' | 'Items' | 'Actions',
    records: readonly T[],
    idOf: (record: T) => string,
  ): void {
    this.#reject(checkPutRecords(type.toLowerCase() as 'users' | 'items' | 'actions', input));
    const dataset = this.state.datasetForPut(input.datasetArn, type, this.config.strict);
    this.#rejectRecords(call, input, records);
    for (const record of copyWire(records)) {
      // Delete first so that the upserted record moves to the end, as the latest put.
      dataset.records.delete(idOf(record));
      dataset.records.set(idOf(record), record);
    }
  }
}
