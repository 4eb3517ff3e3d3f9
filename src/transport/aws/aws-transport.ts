/**
 * `AwsTransport`: the `Transport` on the AWS SDK v3 clients (Personalize Events, Personalize, S3). The SDK is
 * loaded on first use, one service at a time (`planes/`): importing the package, validating a CSV or testing on
 * `MemoryTransport` loads no AWS SDK code, and a writer loads only the Events client.
 * @module
 */
import type { Readable } from 'node:stream';
import type { PersonalizeClient } from '@aws-sdk/client-personalize';
import type { PersonalizeEventsClient } from '@aws-sdk/client-personalize-events';
import type { S3Client } from '@aws-sdk/client-s3';
import { AbortedError } from '../../errors.js';
import { throwIfAborted } from '../../util/clock.js';
import { Lazy } from '../../util/lazy.js';
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
  type AwsTransportConfiguration,
  type AwsTransportOptions,
  directEventsSettings,
  resolveAwsTransportOptions,
  type SdkClientSettings,
  sdkClientSettings,
} from './aws-transport-options.js';
import type { DirectEventsSettings } from './events-http/direct-events.js';
import type { EventsHttpClient } from './events-http/events-http-client.js';
import type { EventsInputOf } from './events-http/events-request.js';
import { type SdkSendOptions, toSdkSendOptions } from './to-sdk.js';

type EventsPlane = typeof import('./planes/events-plane.js');
type ControlPlane = typeof import('./planes/control-plane.js');
type S3Plane = typeof import('./planes/s3-plane.js');

/** A plane's module and the client it sends through, once loaded. */
interface Loaded<M, C> {
  calls: M;
  client: C;
}

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
  readonly #config: AwsTransportConfiguration;
  readonly #settings: SdkClientSettings;
  readonly #directSettings: DirectEventsSettings | undefined;
  /** Clients this transport built, and so may destroy. */
  readonly #built = new Set<{ destroy(): void }>();
  readonly #events = new Lazy<Loaded<EventsPlane, PersonalizeEventsClient>>(() =>
    import('./planes/events-plane.js').then((calls) => ({
      calls,
      client: this.#config.clients.events ?? this.#track(calls.buildEventsClient(this.#settings)),
    })),
  );
  readonly #control = new Lazy<Loaded<ControlPlane, PersonalizeClient>>(() =>
    import('./planes/control-plane.js').then((calls) => ({
      calls,
      client: this.#config.clients.personalize ?? this.#track(calls.buildControlClient(this.#settings)),
    })),
  );
  readonly #s3 = new Lazy<Loaded<S3Plane, S3Client>>(() =>
    import('./planes/s3-plane.js').then((calls) => ({
      calls,
      client: this.#config.clients.s3 ?? this.#track(calls.buildS3Client(this.#settings)),
    })),
  );
  /** The direct Events client, built on first use from the SDK Events client's region, endpoint and credentials. */
  readonly #direct = new Lazy<EventsHttpClient>(() =>
    Promise.all([this.#events.get(), import('./events-http/direct-events.js')])
      .then(([{ client }, direct]) => direct.directEventsClient(client, this.#directSettings as DirectEventsSettings))
      .then((client) => this.#track(client)),
  );
  #destroyed = false;

  /** @throws InvalidOptionsError when an option is out of range. No SDK code is loaded until the first call. */
  constructor(options: AwsTransportOptions = {}) {
    this.#config = resolveAwsTransportOptions(options);
    this.#settings = sdkClientSettings(this.#config);
    this.#directSettings = directEventsSettings(this.#config);
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
    return this.#send('events', {}, async () => (await this.#events.get()).client.config.region());
  }

  /** Closes the connections of the clients this transport built (not those passed in), now or once they load. */
  destroy(): void {
    this.#destroyed = true;
    const ignore = () => undefined;
    for (const plane of [this.#events.peek(), this.#control.peek(), this.#s3.peek()]) {
      void plane?.then(({ client }) => this.#built.has(client) && client.destroy(), ignore);
    }
    // The direct client is built (and tracked) by the transport: destroyed now, or at once if it is built later.
    void this.#direct.peek()?.then((client) => client.destroy(), ignore);
  }

  #track<C extends { destroy(): void }>(client: C): C {
    this.#built.add(client);
    if (this.#destroyed) queueMicrotask(() => client.destroy());
    return client;
  }

  /** One Events call: direct when it can, else through the SDK Events client; errors classified alike. */
  async #sendEvents<C extends DataPlaneCall>(call: C, input: EventsInputOf[C], options: CallOptions): Promise<void> {
    const settings = this.#directSettings;
    if (settings !== undefined) {
      await this.#send('events', options, async () => (await this.#direct.get()).send(call, input, options.signal));
      return;
    }
    await this.#send('events', options, async (sdk) => {
      const { calls, client } = await this.#events.get();
      const send = calls[call] as (c: PersonalizeEventsClient, i: EventsInputOf[C], o: SdkSendOptions) => Promise<void>;
      await send(client, input, sdk);
    });
  }

  /** One control-plane call through the SDK client. */
  async #sendControl<I, O>(
    pick: (calls: ControlPlane) => (client: PersonalizeClient, input: I, options: SdkSendOptions) => Promise<O>,
    input: I,
    options: CallOptions,
  ): Promise<O> {
    return this.#send('control', options, async (sdk) => {
      const { calls, client } = await this.#control.get();
      return pick(calls)(client, input, sdk);
    });
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
  putEvents(input: PutEventsInput, options: CallOptions = {}): Promise<void> {
    return this.#sendEvents('putEvents', input, options);
  }

  /** {@inheritDoc Transport.putUsers} */
  putUsers(input: PutUsersInput, options: CallOptions = {}): Promise<void> {
    return this.#sendEvents('putUsers', input, options);
  }

  /** {@inheritDoc Transport.putItems} */
  putItems(input: PutItemsInput, options: CallOptions = {}): Promise<void> {
    return this.#sendEvents('putItems', input, options);
  }

  /** {@inheritDoc Transport.putActions} */
  putActions(input: PutActionsInput, options: CallOptions = {}): Promise<void> {
    return this.#sendEvents('putActions', input, options);
  }

  /** {@inheritDoc Transport.putActionInteractions} */
  putActionInteractions(input: PutActionInteractionsInput, options: CallOptions = {}): Promise<void> {
    return this.#sendEvents('putActionInteractions', input, options);
  }

  // Personalize control plane -------------------------------------------------------------------------------------

  /** {@inheritDoc Transport.createDatasetImportJob} */
  createDatasetImportJob(input: CreateImportJobInput, options: CallOptions = {}): Promise<{ jobArn: string }> {
    return this.#sendControl((calls) => calls.createDatasetImportJob, input, options);
  }

  /** {@inheritDoc Transport.describeDatasetImportJob} */
  describeDatasetImportJob(jobArn: string, options: CallOptions = {}): Promise<ImportJob> {
    return this.#sendControl((calls) => calls.describeDatasetImportJob, jobArn, options);
  }

  /** {@inheritDoc Transport.listDatasetImportJobs} */
  listDatasetImportJobs(input: ListImportJobsInput, options: CallOptions = {}): Promise<Page<ImportJobSummary>> {
    return this.#sendControl((calls) => calls.listDatasetImportJobs, input, options);
  }

  /** {@inheritDoc Transport.listDatasets} */
  listDatasets(input: ListDatasetsInput, options: CallOptions = {}): Promise<Page<DatasetSummary>> {
    return this.#sendControl((calls) => calls.listDatasets, input, options);
  }

  /** {@inheritDoc Transport.describeDataset} */
  describeDataset(datasetArn: string, options: CallOptions = {}): Promise<Dataset> {
    return this.#sendControl((calls) => calls.describeDataset, datasetArn, options);
  }

  /** {@inheritDoc Transport.describeSchema} */
  describeSchema(schemaArn: string, options: CallOptions = {}): Promise<Schema> {
    return this.#sendControl((calls) => calls.describeSchema, schemaArn, options);
  }

  /** {@inheritDoc Transport.describeDatasetGroup} */
  describeDatasetGroup(datasetGroupArn: string, options: CallOptions = {}): Promise<DatasetGroup> {
    return this.#sendControl((calls) => calls.describeDatasetGroup, datasetGroupArn, options);
  }

  // S3 ------------------------------------------------------------------------------------------------------------

  /**
   * Uploads an object and resolves with what HeadObject says of it once stored: one PutObject below 5 MB, a
   * multipart upload above (lib-storage's `Upload`, `input.onProgress` hears the bytes); a failed multipart upload is
   * aborted, not left behind to be billed. Rejects with `NotFoundError` for a missing bucket. Not safe to retry with
   * the same `body` stream: it has been read.
   */
  async uploadObject(input: UploadObjectInput, options: CallOptions = {}): Promise<ObjectInfo> {
    await this.#send('s3', options, async () => {
      const { calls, client } = await this.#s3.get();
      await calls.uploadWithProgress(client, input, options);
    });
    return this.headObject({ bucket: input.bucket, key: input.key }, options);
  }

  /** {@inheritDoc Transport.headObject} */
  async headObject(location: ObjectLocation, options: CallOptions = {}): Promise<ObjectInfo> {
    return this.#send('s3', options, async () => {
      const { calls, client } = await this.#s3.get();
      return calls.headObject(client, location, options);
    });
  }

  /** {@inheritDoc Transport.getObject} */
  async getObject(location: ObjectLocation, options: CallOptions = {}): Promise<Readable> {
    return this.#send('s3', options, async () => {
      const { calls, client } = await this.#s3.get();
      return calls.getObjectStream(client, location, options);
    });
  }

  /** {@inheritDoc Transport.listObjects} */
  async listObjects(input: ListObjectsInput, options: CallOptions = {}): Promise<ObjectInfo[]> {
    return this.#send('s3', options, async () => {
      const { calls, client } = await this.#s3.get();
      return calls.listAllObjects(client, input, options);
    });
  }
}
