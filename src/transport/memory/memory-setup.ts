/**
 * The set-up, scripting and inspection members of `MemoryTransport` (everything but the `Transport` calls), kept
 * apart so that each file holds one purpose. Users meet them as members of `MemoryTransport`.
 * @module
 */
import { NotFoundError } from '../../errors.js';
import type { DataPlaneCall, ObjectInfo, ObjectLocation, WireAction, WireItem, WireUser } from '../transport.js';
import { ArnFactory } from './arns.js';
import { CallHistory, type CallRecord, type CallRecordOf, type TransportCallName } from './call-history.js';
import { MemoryDatasets } from './memory-datasets.js';
import { type JobFailer, MemoryJobs } from './memory-jobs.js';
import { MemoryObjects } from './memory-objects.js';
import {
  type MemoryTransportConfiguration,
  type MemoryTransportOptions,
  resolveMemoryTransportOptions,
} from './memory-options.js';
import type {
  BulkRow,
  CreateDatasetGroupInput,
  CreateDatasetInput,
  CreatedDataset,
  StoredActionInteraction,
  StoredEvent,
  UpsertedRecord,
} from './memory-types.js';
import { RequestQuota } from './request-quota.js';
import {
  type FailNextOptions,
  type RecordRejecter,
  type RemoveScript,
  ScriptedFaults,
  type ScriptScope,
} from './scripted-faults.js';

/** The part of `MemoryTransport` that tests use to set it up, script it and inspect it. */
export class MemoryTransportSetup {
  /** The options, with every default applied. */
  readonly config: MemoryTransportConfiguration;
  protected readonly state: MemoryDatasets;
  protected readonly objects = new MemoryObjects();
  protected readonly jobs: MemoryJobs;
  protected readonly faults = new ScriptedFaults();
  protected readonly quota: RequestQuota;
  protected readonly calls = new CallHistory();

  /** @throws InvalidOptionsError when an option is out of range. */
  constructor(options: MemoryTransportOptions = {}) {
    this.config = resolveMemoryTransportOptions(options);
    const arns = new ArnFactory(this.config.region, this.config.accountId);
    this.state = new MemoryDatasets(arns);
    this.jobs = new MemoryJobs(this.config, this.state, this.objects, arns);
    this.quota = new RequestQuota(this.config.requestsPerSecond, this.config.clock);
  }

  // Set-up ---------------------------------------------------------------------------------------------------------

  /** Creates a dataset group (a domain one when `domain` is given) and answers its ARN. */
  createDatasetGroup(input: CreateDatasetGroupInput): string {
    return this.state.createDatasetGroup(input);
  }

  /**
   * Creates a dataset (one per type per group) with its schema. An `Action_Interactions` dataset gets a tracking id,
   * as DescribeDataset reports it. A domain group refuses `Actions` and `Action_Interactions` (§3).
   */
  createDataset(input: CreateDatasetInput): CreatedDataset {
    return this.state.createDataset(input);
  }

  /** Creates the event tracker of a dataset group (one per group) and answers its tracking id. */
  createEventTracker(input: { datasetGroupArn: string }): { trackingId: string; eventTrackerArn: string } {
    return this.state.createEventTracker(input.datasetGroupArn);
  }

  /** Registers `trackingId` as an event tracker, of `datasetGroupArn` or of a new dataset group. */
  addTracker(trackingId: string, datasetGroupArn?: string): void {
    this.state.addTracker(trackingId, datasetGroupArn);
  }

  /** Creates an S3 bucket (a no-op when it exists). */
  createBucket(bucket: string): void {
    this.objects.createBucket(bucket);
  }

  /** Stores an object in the in-memory S3, creating its bucket if needed. Not recorded in the history. */
  putObject(location: ObjectLocation, body: string | Uint8Array): ObjectInfo {
    this.objects.createBucket(location.bucket);
    return this.objects.put(location, Buffer.from(typeof body === 'string' ? Buffer.from(body, 'utf8') : body));
  }

  // Scripting ------------------------------------------------------------------------------------------------------

  /** Rejects the next `count` calls (of `scope.call` only, when given) with `ThrottledError`. */
  throttleNext(count = 1, scope: ScriptScope = {}): RemoveScript {
    return this.faults.throttleNext(count, scope);
  }

  /** Rejects the next `count` calls (of `options.call` only, when given) with `options.error` (a `TransientError`). */
  failNext(count = 1, options: FailNextOptions = {}): RemoveScript {
    return this.faults.failNext(count, options);
  }

  /**
   * Rejects, with `InvalidInputError` and the message `rejecter` answers, every data-plane call that holds a
   * record it refuses: the whole call fails, as the service has no per-record result.
   * @example
   * transport.rejectRecords((record) => ('itemId' in record && record.itemId === 'bad' ? 'Invalid itemId' : undefined));
   */
  rejectRecords(rejecter: RecordRejecter): RemoveScript {
    return this.faults.rejectRecords(rejecter);
  }

  /** Makes the next `count` import jobs created end in `CREATE FAILED` with `failureReason` `reason`. */
  failNextJob(reason: string, count = 1): RemoveScript {
    return this.jobs.failNextJob(reason, count);
  }

  /** Makes every import job created while it stands, for which `failer` answers a reason, fail with it. */
  failJobsWhere(failer: JobFailer): RemoveScript {
    return this.jobs.failJobsWhere(failer);
  }

  /** Removes every scripted throttle, failure, rejecter and job failure. The quota stays. */
  clearScripts(): void {
    this.faults.clear();
    this.jobs.clearScripts();
  }

  // History --------------------------------------------------------------------------------------------------------

  /** Every `Transport` call, in the order they settled. */
  get history(): readonly CallRecord[] {
    return this.calls.calls;
  }

  /** The calls of one method, oldest first, with their input typed. */
  callsOf<K extends TransportCallName>(call: K): CallRecordOf<K>[] {
    return this.calls.of(call);
  }

  /** Forgets the history (the stored data stays). */
  clearHistory(): void {
    this.calls.clear();
  }

  // Inspection -----------------------------------------------------------------------------------------------------

  /** Events put with PutEvents (under `trackingId` only, when given), oldest first. */
  events(trackingId?: string): StoredEvent[] {
    return this.state.events.filter((event) => trackingId === undefined || event.trackingId === trackingId);
  }

  /** Action interactions put with PutActionInteractions (under `trackingId` only, when given), oldest first. */
  actionInteractions(trackingId?: string): StoredActionInteraction[] {
    return this.state.actionInteractions.filter(
      (record) => trackingId === undefined || record.trackingId === trackingId,
    );
  }

  /** Users put individually into the dataset, one per id (the latest put). Bulk rows are in `bulkRows`. */
  users(datasetArn: string): WireUser[] {
    return this.#records(datasetArn) as WireUser[];
  }

  /** Items put individually into the dataset, one per id (the latest put). */
  items(datasetArn: string): WireItem[] {
    return this.#records(datasetArn) as WireItem[];
  }

  /** Actions put individually into the dataset, one per id (the latest put). */
  actions(datasetArn: string): WireAction[] {
    return this.#records(datasetArn) as WireAction[];
  }

  /** Rows imported into the dataset by finished import jobs (FULL replaced, INCREMENTAL merged by id). */
  bulkRows(datasetArn: string): BulkRow[] {
    this.jobs.settle();
    return [...this.state.dataset(datasetArn).bulk.values()];
  }

  /** The text of an object of the in-memory S3. */
  objectText(location: ObjectLocation): string {
    return this.objects.bytes(location).toString('utf8');
  }

  /** Whether `call` is a data-plane call (which the quota and `rejectRecords` apply to). */
  protected isDataPlane(call: TransportCallName): call is DataPlaneCall {
    return call.startsWith('put');
  }

  #records(datasetArn: string): UpsertedRecord[] {
    const dataset = this.state.datasets.get(datasetArn);
    if (dataset === undefined) throw new NotFoundError(`Dataset ${datasetArn} was not set up in this MemoryTransport.`);
    return [...dataset.records.values()];
  }
}
