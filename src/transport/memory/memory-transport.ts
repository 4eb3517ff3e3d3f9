/**
 * `MemoryTransport`: the in-memory fake of `Transport`, a public export (of `personalize-import/testing`) for users'
 * own tests. The class is a facade: its parts live in one `#private` field, and each call's work is in
 * memory-calls.ts.
 * @module
 */
import { NotFoundError } from '../../errors.js';
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
  WireAction,
  WireItem,
  WireUser,
} from '../transport.js';
import type { CallRecord, CallRecordOf, TransportCallName } from './call-history.js';
import {
  describeDatasetGroupOf,
  describeDatasetOf,
  describeSchemaOf,
  listDatasetsOf,
  runCall,
  storeActionInteractions,
  storeEvents,
  upsertRecords,
} from './memory-calls.js';
import { UnreadImportJobError } from './memory-errors.js';
import type { JobFailer } from './memory-jobs.js';
import { registerMemoryObjects } from './memory-objects.js';
import {
  type MemoryTransportConfiguration,
  type MemoryTransportOptions,
  resolveMemoryTransportOptions,
} from './memory-options.js';
import { createMemoryParts, type MemoryParts } from './memory-parts.js';
import { resourcesOf } from './memory-resources.js';
import type {
  CreateDatasetGroupInput,
  CreateDatasetInput,
  CreatedDataset,
  CreatedEventTracker,
  CreateEventTrackerInput,
  CreateSchemaInput,
  MemoryResources,
  StoredActionInteraction,
  StoredEvent,
  UpsertedRecord,
} from './memory-types.js';
import { checkArn, checkMaxResults, checkOptionalArn, notFoundAsInvalidInput } from './model-checks.js';
import type { FailNextOptions, RecordRejecter, RemoveScript, ScriptScope } from './scripted-faults.js';

/**
 * An in-memory Amazon Personalize (and S3) that implements `Transport`: it checks every call as the service does
 * (limits per call and per field, whole-call rejection), keeps what was put for assertions, runs import jobs on a
 * clock the test controls, can be scripted to throttle, fail or reject, and keeps a call history. It throws
 * `NotFoundError` on anything it was not set up for (an unknown tracking id, dataset, bucket or job) unless
 * `strict` is off.
 *
 * @example
 * ```ts
 * import { MemoryTransport } from 'personalize-import/testing';
 *
 * const transport = new MemoryTransport({ clock });
 * const groupArn = transport.createDatasetGroup({ name: 'shop' });
 * const { datasetArn } = transport.createDataset({ datasetGroupArn: groupArn, datasetType: 'Users', schema });
 * await transport.putUsers({ datasetArn, users: [{ userId: 'u1' }] });
 * expect(transport.users(datasetArn)).toEqual([{ userId: 'u1' }]);
 * ```
 */
export class MemoryTransport implements Transport {
  /** The options, with every default applied (e.g. `config.jobTimings` to advance a clock past a job). */
  readonly config: MemoryTransportConfiguration;
  readonly #parts: MemoryParts;

  /** @throws InvalidOptionsError when an option is out of range or `clock` lacks a method of `Clock`. */
  constructor(options: MemoryTransportOptions = {}) {
    this.config = resolveMemoryTransportOptions(options);
    this.#parts = createMemoryParts(this.config);
    // A local endpoint backed by this transport serves its S3 (the parts stay out of the published class).
    registerMemoryObjects(this, this.#parts.objects, this.config.strict);
  }

  // Set-up ---------------------------------------------------------------------------------------------------------

  /**
   * Creates a dataset group (a domain one when `domain` is given) and answers its ARN.
   * @throws InvalidInputError on a name the service refuses; ConflictError when the name is taken.
   */
  createDatasetGroup(input: CreateDatasetGroupInput): string {
    return this.#parts.state.createDatasetGroup(input);
  }

  /**
   * Creates a schema (CreateSchema), for a domain's datasets when `domain` is given, and answers its ARN.
   * @throws InvalidInputError on a name the service refuses or a schema that is not an Avro record; ConflictError
   * when the name is taken.
   */
  createSchema(input: CreateSchemaInput): string {
    return this.#parts.state.createSchema(input);
  }

  /**
   * Creates a dataset (one per type per group) with its schema: `schemaArn` names one made by `createSchema`, or
   * `schema` makes one. An `Action_Interactions` dataset gets a tracking id (`trackingId`, or a generated one), as
   * DescribeDataset reports it. A domain group refuses `Actions` and `Action_Interactions`, as the service does
   * (https://docs.aws.amazon.com/personalize/latest/dg/domain-datasets.html).
   * @throws InvalidInputError on a schema that is not an Avro record; ConflictError when the group has the type.
   */
  createDataset(input: CreateDatasetInput): CreatedDataset {
    return this.#parts.state.createDataset(input);
  }

  /**
   * Creates the event tracker of a dataset group (one per group), with `trackingId` or a generated one, and answers
   * its tracking id and ARN.
   * @throws ConflictError when the group has a tracker or the tracking id is taken.
   */
  createEventTracker(input: CreateEventTrackerInput): CreatedEventTracker {
    return this.#parts.state.createEventTracker(input);
  }

  /** Deletes an empty dataset group; `ConflictError` (`IN_USE`) while it has datasets or an event tracker. */
  deleteDatasetGroup(datasetGroupArn: string): void {
    this.#parts.state.deleteDatasetGroup(datasetGroupArn);
  }

  /** Deletes a dataset, its records and (for Action interactions) its tracking id. */
  deleteDataset(datasetArn: string): void {
    this.#parts.state.deleteDataset(datasetArn);
  }

  /** Deletes a schema; `ConflictError` (`IN_USE`) while a dataset uses it. */
  deleteSchema(schemaArn: string): void {
    this.#parts.state.deleteSchema(schemaArn);
  }

  /** Deletes an event tracker: its tracking id is unknown from then on. */
  deleteEventTracker(eventTrackerArn: string): void {
    this.#parts.state.deleteEventTracker(eventTrackerArn);
  }

  /** Registers `trackingId` as an event tracker, of `datasetGroupArn` or of a new dataset group. */
  addTracker(trackingId: string, datasetGroupArn?: string): void {
    this.#parts.state.addTracker(trackingId, datasetGroupArn);
  }

  /** Creates an S3 bucket (a no-op when it exists). */
  createBucket(bucket: string): void {
    this.#parts.objects.createBucket(bucket);
  }

  /** Stores an object in the in-memory S3, creating its bucket if needed. Not recorded in the history. */
  putObject(location: ObjectLocation, body: string | Uint8Array): ObjectInfo {
    this.#parts.objects.createBucket(location.bucket);
    return this.#parts.objects.put(location, Buffer.from(typeof body === 'string' ? Buffer.from(body, 'utf8') : body));
  }

  // Scripting ------------------------------------------------------------------------------------------------------

  /**
   * Rejects the next `count` calls (of `scope.call` only, when given) with `ThrottledError`, as the service's
   * `ThrottlingException`. Answers a function that removes the rule.
   * @throws InvalidOptionsError when `count` is not an integer of at least 1.
   */
  throttleNext(count = 1, scope: ScriptScope = {}): RemoveScript {
    return this.#parts.faults.throttleNext(count, scope);
  }

  /**
   * Rejects the next `count` calls (of `options.call` only, when given) with `options.error` (by default a
   * `TransientError`, as the service's `InternalFailure`). Answers a function that removes the rule.
   * @throws InvalidOptionsError when `count` is not an integer of at least 1.
   */
  failNext(count = 1, options: FailNextOptions = {}): RemoveScript {
    return this.#parts.faults.failNext(count, options);
  }

  /**
   * Rejects, with `InvalidInputError` and the message `rejecter` answers, every data-plane call that holds a
   * record it refuses: the whole call fails, as the service has no per-record result.
   * @example
   * ```ts
   * transport.rejectRecords((record) => ('itemId' in record && record.itemId === 'bad' ? 'Invalid itemId' : undefined));
   * ```
   */
  rejectRecords(rejecter: RecordRejecter): RemoveScript {
    return this.#parts.faults.rejectRecords(rejecter);
  }

  /** Makes the next `count` import jobs created end in `CREATE FAILED` with `failureReason` `reason`. */
  failNextJob(reason: string, count = 1): RemoveScript {
    return this.#parts.jobs.failNextJob(reason, count);
  }

  /** Makes every import job created while it stands, for which `failer` answers a reason, fail with it. */
  failJobsWhere(failer: JobFailer): RemoveScript {
    return this.#parts.jobs.failJobsWhere(failer);
  }

  /** Removes every scripted throttle, failure, rejecter and job failure. The `requestsPerSecond` quota stays. */
  clearScripts(): void {
    this.#parts.faults.clear();
    this.#parts.jobs.clearScripts();
  }

  // History --------------------------------------------------------------------------------------------------------

  /**
   * The `Transport` calls, in the order they settled, with their input, start time and outcome: every call, or the
   * latest `historyLimit`.
   */
  get history(): readonly CallRecord[] {
    return this.#parts.calls.calls;
  }

  /** The calls of one method, oldest first, with their input typed. */
  callsOf<K extends TransportCallName>(call: K): CallRecordOf<K>[] {
    return this.#parts.calls.of(call);
  }

  /** Forgets the history (the stored data stays). */
  clearHistory(): void {
    this.#parts.calls.clear();
  }

  // Inspection -----------------------------------------------------------------------------------------------------

  /**
   * Every dataset group, schema, dataset and event tracker, as the service's Describe calls report them (all
   * `ACTIVE`: the fake creates at once). A copy: changing it changes nothing.
   */
  resources(): MemoryResources {
    return resourcesOf(this.#parts);
  }

  /**
   * Every import job, newest first, as DescribeDatasetImportJob reports it now (jobs due are settled first, reading
   * their files). Not recorded in the history.
   */
  async importJobs(): Promise<ImportJob[]> {
    const jobs: ImportJob[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.#parts.jobs.list(nextToken === undefined ? {} : { nextToken });
      for (const job of page.items) jobs.push(await this.#parts.jobs.describe(job.jobArn));
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    return jobs;
  }

  /** Every object of the in-memory S3, bucket by bucket, by key (without bodies). */
  objectList(): ObjectInfo[] {
    return this.#parts.objects.bucketNames().flatMap((bucket) => this.#parts.objects.list(bucket, ''));
  }

  /** The buckets of the in-memory S3, by name. */
  buckets(): string[] {
    return this.#parts.objects.bucketNames();
  }

  /** Events put with PutEvents (under `trackingId` only, when given), oldest first. */
  events(trackingId?: string): StoredEvent[] {
    return this.#parts.state.events
      .all()
      .filter((event) => trackingId === undefined || event.trackingId === trackingId);
  }

  /** Action interactions put with PutActionInteractions (under `trackingId` only, when given), oldest first. */
  actionInteractions(trackingId?: string): StoredActionInteraction[] {
    return this.#parts.state.actionInteractions.filter(
      (record) => trackingId === undefined || record.trackingId === trackingId,
    );
  }

  /**
   * Users put individually into the dataset, one per id (the latest put). Bulk rows are in `bulkRows`.
   * @throws NotFoundError when the dataset was not set up.
   */
  users(datasetArn: string): WireUser[] {
    return this.#records(datasetArn) as WireUser[];
  }

  /**
   * Items put individually into the dataset, one per id (the latest put).
   * @throws NotFoundError when the dataset was not set up.
   */
  items(datasetArn: string): WireItem[] {
    return this.#records(datasetArn) as WireItem[];
  }

  /**
   * Actions put individually into the dataset, one per id (the latest put).
   * @throws NotFoundError when the dataset was not set up.
   */
  actions(datasetArn: string): WireAction[] {
    return this.#records(datasetArn) as WireAction[];
  }

  /**
   * Rows imported into the dataset by finished import jobs, each by schema field name (FULL replaced, INCREMENTAL
   * merged by id; interaction rows identical on every column are kept once). A job due on the clock finishes (reads
   * its files) when a call reads it: `describeDatasetImportJob`, `listDatasetImportJobs` or
   * `createDatasetImportJob` or `importJobs()`; read the job first, as a poll loop does.
   * @throws NotFoundError when the dataset was not set up.
   * @throws UnreadImportJobError (`UNREAD_IMPORT_JOB`) when a job of the dataset is due on the clock but no call has
   * read it yet, rather than answer the rows of before it: `await transport.importJobs()` first.
   */
  bulkRows(datasetArn: string): Readonly<Record<string, string>>[] {
    const rows = [...this.#parts.state.dataset(datasetArn).bulk.values()];
    const unread = this.#parts.jobs.unreadDue(datasetArn);
    if (unread !== undefined) throw new UnreadImportJobError(datasetArn, unread.jobArn, unread.jobName);
    return rows;
  }

  /**
   * The text (UTF-8) of an object of the in-memory S3.
   * @throws NotFoundError when the bucket or the key does not exist.
   */
  objectText(location: ObjectLocation): string {
    return this.#parts.objects.bytes(location).toString('utf8');
  }

  // Transport: the Events API --------------------------------------------------------------------------------------

  /** Stores the events under the call's tracking id, session and user; rejects the whole call on one bad event. */
  putEvents(input: PutEventsInput, options?: CallOptions): Promise<void> {
    return runCall(this.#parts, 'putEvents', input, options?.signal, (copied) =>
      storeEvents(this.#parts, input, copied),
    );
  }

  /** Upserts the users by `userId` into an Users dataset. */
  putUsers(input: PutUsersInput, options?: CallOptions): Promise<void> {
    return runCall(this.#parts, 'putUsers', input, options?.signal, () => upsertRecords(this.#parts, 'user', input));
  }

  /** Upserts the items by `itemId` into an Items dataset. */
  putItems(input: PutItemsInput, options?: CallOptions): Promise<void> {
    return runCall(this.#parts, 'putItems', input, options?.signal, () => upsertRecords(this.#parts, 'item', input));
  }

  /** Upserts the actions by `actionId` into an Actions dataset. */
  putActions(input: PutActionsInput, options?: CallOptions): Promise<void> {
    return runCall(this.#parts, 'putActions', input, options?.signal, () =>
      upsertRecords(this.#parts, 'action', input),
    );
  }

  /** Stores the records under the tracking id of an Action interactions dataset. */
  putActionInteractions(input: PutActionInteractionsInput, options?: CallOptions): Promise<void> {
    return runCall(this.#parts, 'putActionInteractions', input, options?.signal, (copied) =>
      storeActionInteractions(this.#parts, input, copied),
    );
  }

  // Transport: the control plane -----------------------------------------------------------------------------------

  /**
   * Starts an import job with the service's checks; rejects with `LimitExceededError` past 5 jobs pending or in
   * progress (https://docs.aws.amazon.com/personalize/latest/dg/limits.html). At run time `roleArn` may be absent, as
   * the model allows (`CreateDatasetImportJobRequest$roleArn`), though `Transport` asks for it.
   */
  createDatasetImportJob(input: CreateImportJobInput, options?: CallOptions): Promise<{ jobArn: string }> {
    return runCall(this.#parts, 'createDatasetImportJob', input, options?.signal, () => this.#parts.jobs.create(input));
  }

  /**
   * The job as it stands on the clock: `CREATE PENDING`, `CREATE IN_PROGRESS`, then `ACTIVE` or `CREATE FAILED`. A job
   * whose time has come reads its files first, with the checks of `validateCsv` against the dataset's schema; the first
   * error fails it, with a `failureReason` naming the file, the line and the problem.
   */
  describeDatasetImportJob(jobArn: string, options?: CallOptions): Promise<ImportJob> {
    return runCall(this.#parts, 'describeDatasetImportJob', jobArn, options?.signal, () => {
      checkArn('datasetImportJobArn', jobArn);
      return this.#parts.jobs.describe(jobArn);
    });
  }

  /**
   * The import jobs, newest first, a page at a time (`nextToken`, `maxResults` 1..100). An unknown `datasetArn` is
   * `InvalidInputError`: ListDatasetImportJobs declares no ResourceNotFoundException.
   */
  listDatasetImportJobs(input: ListImportJobsInput, options?: CallOptions): Promise<Page<ImportJobSummary>> {
    return runCall(this.#parts, 'listDatasetImportJobs', input, options?.signal, () =>
      notFoundAsInvalidInput(() => this.#parts.jobs.list(input)),
    );
  }

  /**
   * The datasets of a dataset group, or at run time of the account without `datasetGroupArn` (optional in the
   * model, though `Transport` asks for it), a page at a time (`maxResults` 1..100 at run time, as in the model). An unknown group is `InvalidInputError`:
   * ListDatasets declares no ResourceNotFoundException.
   */
  listDatasets(input: ListDatasetsInput, options?: CallOptions): Promise<Page<DatasetSummary>> {
    // What the model allows beyond `ListDatasetsInput`: no group, and a page size (the local endpoint sends both).
    const { datasetGroupArn, nextToken, maxResults } = input as Partial<ListDatasetsInput> & { maxResults?: number };
    return runCall(this.#parts, 'listDatasets', input, options?.signal, () => {
      checkOptionalArn('datasetGroupArn', datasetGroupArn);
      checkMaxResults(maxResults);
      return notFoundAsInvalidInput(() => listDatasetsOf(this.#parts, datasetGroupArn, nextToken, maxResults));
    });
  }

  /** A dataset that was set up, always `ACTIVE`; `NotFoundError` otherwise. */
  describeDataset(datasetArn: string, options?: CallOptions): Promise<Dataset> {
    return runCall(this.#parts, 'describeDataset', datasetArn, options?.signal, () =>
      describeDatasetOf(this.#parts, datasetArn),
    );
  }

  /** A schema made by `createDataset`, as the JSON string it was given; `NotFoundError` otherwise. */
  describeSchema(schemaArn: string, options?: CallOptions): Promise<Schema> {
    return runCall(this.#parts, 'describeSchema', schemaArn, options?.signal, () =>
      describeSchemaOf(this.#parts, schemaArn),
    );
  }

  /** A dataset group that was set up, with its domain; `NotFoundError` otherwise. */
  describeDatasetGroup(datasetGroupArn: string, options?: CallOptions): Promise<DatasetGroup> {
    return runCall(this.#parts, 'describeDatasetGroup', datasetGroupArn, options?.signal, () =>
      describeDatasetGroupOf(this.#parts, datasetGroupArn),
    );
  }

  // Transport: S3 --------------------------------------------------------------------------------------------------

  /** Uploads an object (its bucket must exist unless `strict` is off), reporting progress as the body is read. */
  uploadObject(input: UploadObjectInput, options?: CallOptions): Promise<ObjectInfo> {
    return runCall(this.#parts, 'uploadObject', input, options?.signal, () => {
      if (!this.config.strict) this.#parts.objects.createBucket(input.bucket);
      return this.#parts.objects.upload(input);
    });
  }

  /** The size and ETag of an object; `NotFoundError` when it does not exist. */
  headObject(location: ObjectLocation, options?: CallOptions): Promise<ObjectInfo> {
    return runCall(this.#parts, 'headObject', location, options?.signal, () => this.#parts.objects.head(location));
  }

  /** The body of an object, as a stream; `NotFoundError` when it does not exist. */
  getObject(location: ObjectLocation, options?: CallOptions): Promise<import('node:stream').Readable> {
    return runCall(this.#parts, 'getObject', location, options?.signal, () => this.#parts.objects.get(location));
  }

  /** The objects under a prefix, by key (every page). */
  listObjects(input: ListObjectsInput, options?: CallOptions): Promise<ObjectInfo[]> {
    return runCall(this.#parts, 'listObjects', input, options?.signal, () =>
      this.#parts.objects.list(input.bucket, input.prefix),
    );
  }

  #records(datasetArn: string): UpsertedRecord[] {
    const dataset = this.#parts.state.datasets.get(datasetArn);
    if (dataset === undefined) throw new NotFoundError(`Dataset ${datasetArn} was not set up in this MemoryTransport.`);
    return [...dataset.records.values()];
  }
}
