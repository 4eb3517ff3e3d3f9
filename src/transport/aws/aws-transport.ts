/**
 * `AwsTransport`: the `Transport` on the AWS SDK v3 clients (Personalize Events, Personalize, S3).
 * @module
 */
import type { Readable } from 'node:stream';
import {
  CreateDatasetImportJobCommand,
  DescribeDatasetCommand,
  DescribeDatasetGroupCommand,
  DescribeDatasetImportJobCommand,
  DescribeSchemaCommand,
  ListDatasetImportJobsCommand,
  ListDatasetsCommand,
} from '@aws-sdk/client-personalize';
import {
  PutActionInteractionsCommand,
  PutActionsCommand,
  PutEventsCommand,
  PutItemsCommand,
  PutUsersCommand,
} from '@aws-sdk/client-personalize-events';
import { AbortedError } from '../../errors.js';
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
import {
  type AwsTransportClients,
  type AwsTransportOptions,
  type ResolvedClients,
  resolveClients,
} from './aws-transport-options.js';
import { type AwsPlane, classifyAwsError } from './classify-error.js';
import * as from from './from-sdk.js';
import { getObjectStream, headObject, listAllObjects, sendOptions, uploadWithProgress } from './s3-operations.js';
import { opt, toSdkCreateImportJob, toSdkKeyed, toSdkPutActionInteractions, toSdkPutEvents } from './to-sdk.js';

/**
 * The real transport, on the AWS SDK v3 clients. Every error leaves it as one of the library's classes (see
 * `classifyAwsError`), the SDK's error kept as `cause`; no SDK type appears in its methods.
 *
 * Clients it builds have `maxAttempts: 1`: the library's writer and importer own retries, so attempts do not
 * multiply. Clients passed in `clients` are used as they are.
 *
 * @example
 * ```ts
 * const transport = new AwsTransport({ region: 'eu-west-1' });
 * // against a local endpoint:
 * const local = new AwsTransport({ endpoint: endpoint.url, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
 * ```
 */
export class AwsTransport implements Transport {
  readonly #clients: ResolvedClients;

  /** @throws InvalidOptionsError when an option is out of range. */
  constructor(options: AwsTransportOptions = {}) {
    this.#clients = resolveClients(options);
  }

  /** A transport on clients the caller built (each one it lacks is built with the defaults). */
  static fromClients(clients: AwsTransportClients): AwsTransport {
    return new AwsTransport({ clients });
  }

  /**
   * The region the Events client signs for, as the SDK's chain resolves it (option, environment, profile). Rejects
   * with a `FatalTransportError` ("Region is missing") when there is none: a caller about to send many records can
   * stop before the first.
   */
  async region(): Promise<string> {
    return this.#call('events', undefined, () => this.#clients.events.config.region());
  }

  /** Closes the connections of the clients this transport built (not those passed in). */
  destroy(): void {
    for (const client of this.#clients.built) client.destroy();
  }

  async #call<T>(plane: AwsPlane, signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
    throwIfAborted(signal);
    try {
      return await run();
    } catch (error) {
      if (signal?.aborted) throw new AbortedError(undefined, { cause: error });
      throw classifyAwsError(error, plane);
    }
  }

  // Personalize Events -------------------------------------------------------------------------------------------

  /** PutEvents. */
  async putEvents(input: PutEventsInput, options: CallOptions = {}): Promise<void> {
    const command = new PutEventsCommand(toSdkPutEvents(input));
    await this.#call('events', options.signal, () => this.#clients.events.send(command, sendOptions(options.signal)));
  }

  /** PutUsers. */
  async putUsers(input: PutUsersInput, options: CallOptions = {}): Promise<void> {
    const command = new PutUsersCommand({ datasetArn: input.datasetArn, users: toSdkKeyed('userId', input.users) });
    await this.#call('events', options.signal, () => this.#clients.events.send(command, sendOptions(options.signal)));
  }

  /** PutItems. */
  async putItems(input: PutItemsInput, options: CallOptions = {}): Promise<void> {
    const command = new PutItemsCommand({ datasetArn: input.datasetArn, items: toSdkKeyed('itemId', input.items) });
    await this.#call('events', options.signal, () => this.#clients.events.send(command, sendOptions(options.signal)));
  }

  /** PutActions. */
  async putActions(input: PutActionsInput, options: CallOptions = {}): Promise<void> {
    const actions = toSdkKeyed('actionId', input.actions);
    const command = new PutActionsCommand({ datasetArn: input.datasetArn, actions });
    await this.#call('events', options.signal, () => this.#clients.events.send(command, sendOptions(options.signal)));
  }

  /** PutActionInteractions. */
  async putActionInteractions(input: PutActionInteractionsInput, options: CallOptions = {}): Promise<void> {
    const command = new PutActionInteractionsCommand(toSdkPutActionInteractions(input));
    await this.#call('events', options.signal, () => this.#clients.events.send(command, sendOptions(options.signal)));
  }

  // Personalize control plane ------------------------------------------------------------------------------------

  /** CreateDatasetImportJob. */
  async createDatasetImportJob(input: CreateImportJobInput, options: CallOptions = {}): Promise<{ jobArn: string }> {
    const command = new CreateDatasetImportJobCommand(toSdkCreateImportJob(input));
    const out = await this.#call('control', options.signal, () =>
      this.#clients.personalize.send(command, sendOptions(options.signal)),
    );
    return { jobArn: from.need(out.datasetImportJobArn, 'datasetImportJobArn') };
  }

  /** DescribeDatasetImportJob. */
  async describeDatasetImportJob(jobArn: string, options: CallOptions = {}): Promise<ImportJob> {
    const command = new DescribeDatasetImportJobCommand({ datasetImportJobArn: jobArn });
    const out = await this.#call('control', options.signal, () =>
      this.#clients.personalize.send(command, sendOptions(options.signal)),
    );
    return from.fromSdkJob(out.datasetImportJob);
  }

  /** ListDatasetImportJobs, one page. */
  async listDatasetImportJobs(input: ListImportJobsInput, options: CallOptions = {}): Promise<Page<ImportJobSummary>> {
    const command = new ListDatasetImportJobsCommand({
      ...opt('datasetArn', input.datasetArn),
      ...opt('nextToken', input.nextToken),
      ...opt('maxResults', input.maxResults),
    });
    const out = await this.#call('control', options.signal, () =>
      this.#clients.personalize.send(command, sendOptions(options.signal)),
    );
    return { items: (out.datasetImportJobs ?? []).map(from.fromSdkJobSummary), ...opt('nextToken', out.nextToken) };
  }

  /** ListDatasets, one page. */
  async listDatasets(input: ListDatasetsInput, options: CallOptions = {}): Promise<Page<DatasetSummary>> {
    const command = new ListDatasetsCommand({
      datasetGroupArn: input.datasetGroupArn,
      ...opt('nextToken', input.nextToken),
    });
    const out = await this.#call('control', options.signal, () =>
      this.#clients.personalize.send(command, sendOptions(options.signal)),
    );
    return { items: (out.datasets ?? []).map(from.fromSdkDatasetSummary), ...opt('nextToken', out.nextToken) };
  }

  /** DescribeDataset. */
  async describeDataset(datasetArn: string, options: CallOptions = {}): Promise<Dataset> {
    const command = new DescribeDatasetCommand({ datasetArn });
    const out = await this.#call('control', options.signal, () =>
      this.#clients.personalize.send(command, sendOptions(options.signal)),
    );
    return from.fromSdkDataset(out.dataset);
  }

  /** DescribeSchema. */
  async describeSchema(schemaArn: string, options: CallOptions = {}): Promise<Schema> {
    const command = new DescribeSchemaCommand({ schemaArn });
    const out = await this.#call('control', options.signal, () =>
      this.#clients.personalize.send(command, sendOptions(options.signal)),
    );
    return from.fromSdkSchema(out.schema);
  }

  /** DescribeDatasetGroup. */
  async describeDatasetGroup(datasetGroupArn: string, options: CallOptions = {}): Promise<DatasetGroup> {
    const command = new DescribeDatasetGroupCommand({ datasetGroupArn });
    const out = await this.#call('control', options.signal, () =>
      this.#clients.personalize.send(command, sendOptions(options.signal)),
    );
    return from.fromSdkDatasetGroup(out.datasetGroup);
  }

  // S3 -----------------------------------------------------------------------------------------------------------

  /** Uploads an object (multipart from 5 MB, with progress); resolves with HeadObject's view of it. */
  async uploadObject(input: UploadObjectInput, options: CallOptions = {}): Promise<ObjectInfo> {
    const s3 = this.#clients.s3;
    await this.#call('s3', options.signal, () => uploadWithProgress(s3, input, options.signal));
    return this.headObject({ bucket: input.bucket, key: input.key }, options);
  }

  /** HeadObject. */
  headObject(location: ObjectLocation, options: CallOptions = {}): Promise<ObjectInfo> {
    return this.#call('s3', options.signal, () => headObject(this.#clients.s3, location, options.signal));
  }

  /** GetObject, as a Node stream. */
  getObject(location: ObjectLocation, options: CallOptions = {}): Promise<Readable> {
    return this.#call('s3', options.signal, () => getObjectStream(this.#clients.s3, location, options.signal));
  }

  /** ListObjectsV2 under a prefix, every page. */
  listObjects(input: ListObjectsInput, options: CallOptions = {}): Promise<ObjectInfo[]> {
    return this.#call('s3', options.signal, () => listAllObjects(this.#clients.s3, input, options.signal));
  }
}
