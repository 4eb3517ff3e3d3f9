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
import { type AwsPlane, classifyAwsError } from '../classify-aws-error.js';
import type {
  CallOptions,
  CreateImportJobInput,
  DataPlaneCall,
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
import { type DirectEventsSettings, directEventsClient } from './events-http/direct-events.js';
import type { EventsHttpClient } from './events-http/events-http-client.js';
import type { EventsInputOf } from './events-http/events-request.js';
import * as from from './from-sdk.js';
import { getObjectStream, headObject, listAllObjects, uploadWithProgress } from './s3-operations.js';
import {
  opt,
  type SdkSendOptions,
  toSdkCreateImportJob,
  toSdkKeyed,
  toSdkPutActionInteractions,
  toSdkPutEvents,
  toSdkSendOptions,
} from './to-sdk.js';

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
  #direct: Promise<EventsHttpClient> | undefined;

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
    return this.#send('events', {}, () => this.#clients.events.config.region());
  }

  /** Closes the connections of the clients this transport built (not those passed in). */
  destroy(): void {
    for (const client of this.#clients.built) client.destroy();
    void this.#direct?.then(
      (client) => client.destroy(),
      () => undefined,
    );
  }

  /** The direct Events client, built on first use from the SDK Events client's region, endpoint and credentials. */
  #directClient(settings: DirectEventsSettings): Promise<EventsHttpClient> {
    this.#direct ??= directEventsClient(this.#clients.events, settings);
    return this.#direct;
  }

  /** One Events call on the direct path; errors are classified as the SDK path's are. */
  async #sendDirect<C extends DataPlaneCall>(call: C, input: EventsInputOf[C], options: CallOptions): Promise<void> {
    const settings = this.#clients.direct as DirectEventsSettings;
    await this.#send('events', options, async () =>
      (await this.#directClient(settings)).send(call, input, options.signal),
    );
  }

  /**
   * Runs one SDK call: refuses at once when `options.signal` has aborted, hands the signal to the SDK, and turns what
   * the call throws into the library's error classes (an `AbortedError` when the signal aborted meanwhile).
   */
  async #send<T>(plane: AwsPlane, options: CallOptions, send: (sdkOptions: SdkSendOptions) => Promise<T>): Promise<T> {
    const { signal } = options;
    throwIfAborted(signal);
    try {
      return await send(toSdkSendOptions(options));
    } catch (error) {
      if (signal?.aborted) throw new AbortedError(undefined, { cause: error });
      throw classifyAwsError(error, plane);
    }
  }

  // Personalize Events: one call per batch of 1..10 records; the service answers the whole call --------------------

  /** {@inheritDoc Transport.putEvents} */
  async putEvents(input: PutEventsInput, options: CallOptions = {}): Promise<void> {
    if (this.#clients.direct !== undefined) return this.#sendDirect('putEvents', input, options);
    const command = new PutEventsCommand(toSdkPutEvents(input));
    await this.#send('events', options, (sdk) => this.#clients.events.send(command, sdk));
  }

  /** {@inheritDoc Transport.putUsers} */
  async putUsers(input: PutUsersInput, options: CallOptions = {}): Promise<void> {
    if (this.#clients.direct !== undefined) return this.#sendDirect('putUsers', input, options);
    const command = new PutUsersCommand({ datasetArn: input.datasetArn, users: toSdkKeyed('userId', input.users) });
    await this.#send('events', options, (sdk) => this.#clients.events.send(command, sdk));
  }

  /** {@inheritDoc Transport.putItems} */
  async putItems(input: PutItemsInput, options: CallOptions = {}): Promise<void> {
    if (this.#clients.direct !== undefined) return this.#sendDirect('putItems', input, options);
    const command = new PutItemsCommand({ datasetArn: input.datasetArn, items: toSdkKeyed('itemId', input.items) });
    await this.#send('events', options, (sdk) => this.#clients.events.send(command, sdk));
  }

  /** {@inheritDoc Transport.putActions} */
  async putActions(input: PutActionsInput, options: CallOptions = {}): Promise<void> {
    if (this.#clients.direct !== undefined) return this.#sendDirect('putActions', input, options);
    const actions = toSdkKeyed('actionId', input.actions);
    const command = new PutActionsCommand({ datasetArn: input.datasetArn, actions });
    await this.#send('events', options, (sdk) => this.#clients.events.send(command, sdk));
  }

  /** {@inheritDoc Transport.putActionInteractions} */
  async putActionInteractions(input: PutActionInteractionsInput, options: CallOptions = {}): Promise<void> {
    if (this.#clients.direct !== undefined) return this.#sendDirect('putActionInteractions', input, options);
    const command = new PutActionInteractionsCommand(toSdkPutActionInteractions(input));
    await this.#send('events', options, (sdk) => this.#clients.events.send(command, sdk));
  }

  // Personalize control plane -------------------------------------------------------------------------------------

  /** {@inheritDoc Transport.createDatasetImportJob} */
  async createDatasetImportJob(input: CreateImportJobInput, options: CallOptions = {}): Promise<{ jobArn: string }> {
    const command = new CreateDatasetImportJobCommand(toSdkCreateImportJob(input));
    const out = await this.#send('control', options, (sdk) => this.#clients.personalize.send(command, sdk));
    return { jobArn: from.need(out.datasetImportJobArn, 'datasetImportJobArn') };
  }

  /** {@inheritDoc Transport.describeDatasetImportJob} */
  async describeDatasetImportJob(jobArn: string, options: CallOptions = {}): Promise<ImportJob> {
    const command = new DescribeDatasetImportJobCommand({ datasetImportJobArn: jobArn });
    const out = await this.#send('control', options, (sdk) => this.#clients.personalize.send(command, sdk));
    return from.fromSdkJob(out.datasetImportJob);
  }

  /** {@inheritDoc Transport.listDatasetImportJobs} */
  async listDatasetImportJobs(input: ListImportJobsInput, options: CallOptions = {}): Promise<Page<ImportJobSummary>> {
    const command = new ListDatasetImportJobsCommand({
      ...opt('datasetArn', input.datasetArn),
      ...opt('nextToken', input.nextToken),
      ...opt('maxResults', input.maxResults),
    });
    const out = await this.#send('control', options, (sdk) => this.#clients.personalize.send(command, sdk));
    return { items: (out.datasetImportJobs ?? []).map(from.fromSdkJobSummary), ...opt('nextToken', out.nextToken) };
  }

  /** {@inheritDoc Transport.listDatasets} */
  async listDatasets(input: ListDatasetsInput, options: CallOptions = {}): Promise<Page<DatasetSummary>> {
    const command = new ListDatasetsCommand({
      datasetGroupArn: input.datasetGroupArn,
      ...opt('nextToken', input.nextToken),
    });
    const out = await this.#send('control', options, (sdk) => this.#clients.personalize.send(command, sdk));
    return { items: (out.datasets ?? []).map(from.fromSdkDatasetSummary), ...opt('nextToken', out.nextToken) };
  }

  /** {@inheritDoc Transport.describeDataset} */
  async describeDataset(datasetArn: string, options: CallOptions = {}): Promise<Dataset> {
    const command = new DescribeDatasetCommand({ datasetArn });
    const out = await this.#send('control', options, (sdk) => this.#clients.personalize.send(command, sdk));
    return from.fromSdkDataset(out.dataset);
  }

  /** {@inheritDoc Transport.describeSchema} */
  async describeSchema(schemaArn: string, options: CallOptions = {}): Promise<Schema> {
    const command = new DescribeSchemaCommand({ schemaArn });
    const out = await this.#send('control', options, (sdk) => this.#clients.personalize.send(command, sdk));
    return from.fromSdkSchema(out.schema);
  }

  /** {@inheritDoc Transport.describeDatasetGroup} */
  async describeDatasetGroup(datasetGroupArn: string, options: CallOptions = {}): Promise<DatasetGroup> {
    const command = new DescribeDatasetGroupCommand({ datasetGroupArn });
    const out = await this.#send('control', options, (sdk) => this.#clients.personalize.send(command, sdk));
    return from.fromSdkDatasetGroup(out.datasetGroup);
  }

  // S3 ------------------------------------------------------------------------------------------------------------

  /**
   * Uploads an object and resolves with what HeadObject says of it once stored: one PutObject below 5 MB, a
   * multipart upload above (lib-storage's `Upload`, `input.onProgress` hears the bytes); a failed multipart upload is
   * aborted, not left behind to be billed. Rejects with `NotFoundError` for a missing bucket. Not safe to retry with
   * the same `body` stream: it has been read.
   */
  async uploadObject(input: UploadObjectInput, options: CallOptions = {}): Promise<ObjectInfo> {
    const s3 = this.#clients.s3;
    await this.#send('s3', options, () => uploadWithProgress(s3, input, options));
    return this.headObject({ bucket: input.bucket, key: input.key }, options);
  }

  /** {@inheritDoc Transport.headObject} */
  headObject(location: ObjectLocation, options: CallOptions = {}): Promise<ObjectInfo> {
    return this.#send('s3', options, () => headObject(this.#clients.s3, location, options));
  }

  /** {@inheritDoc Transport.getObject} */
  getObject(location: ObjectLocation, options: CallOptions = {}): Promise<Readable> {
    return this.#send('s3', options, () => getObjectStream(this.#clients.s3, location, options));
  }

  /** {@inheritDoc Transport.listObjects} */
  listObjects(input: ListObjectsInput, options: CallOptions = {}): Promise<ObjectInfo[]> {
    return this.#send('s3', options, () => listAllObjects(this.#clients.s3, input, options));
  }
}
