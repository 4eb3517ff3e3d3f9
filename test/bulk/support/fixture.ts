/**
 * A MemoryTransport on a ManualClock with one dataset group, its Interactions dataset and a bucket holding a valid
 * interactions CSV, for the bulk tests.
 */
import { DatasetImporter } from '../../../src/bulk/dataset-importer.js';
import type { DatasetImporterOptions, ImporterLogger } from '../../../src/bulk/importer-options.js';
import type { ImportProgressEvent } from '../../../src/bulk/progress.js';
import type { MemoryTransportOptions } from '../../../src/transport/memory/memory-options.js';
import { MemoryTransport } from '../../../src/transport/memory/memory-transport.js';
import { ManualClock } from '../../../src/util/manual-clock.js';
import { interactionsSchema } from '../../support/schemas.js';

export const ROLE_ARN = 'arn:aws:iam::123456789012:role/PersonalizeS3Read';
export const BUCKET = 'import-bucket';

export const INTERACTIONS_SCHEMA = JSON.stringify(interactionsSchema);

/** A valid interactions CSV of `rows` rows; `salt` changes the content. */
export function interactionsCsv(rows = 1000, salt = ''): string {
  const lines = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE'];
  for (let i = 0; i < rows; i++) lines.push(`u${i % 50}${salt},i${i % 70},${1_700_000_000 + i},click`);
  return `${lines.join('\n')}\n`;
}

/** A logger that keeps what it is told. */
export function recordingLogger(): ImporterLogger & { warnings: string[]; infos: string[] } {
  const warnings: string[] = [];
  const infos: string[] = [];
  return { warnings, infos, warn: (m) => warnings.push(m), info: (m) => infos.push(m) };
}

/** Everything a bulk test needs. */
export function bulkFixture(
  options: { transport?: MemoryTransportOptions; importer?: Partial<DatasetImporterOptions> } = {},
) {
  const clock = new ManualClock();
  const transport = new MemoryTransport({ clock, ...options.transport });
  const datasetGroupArn = transport.createDatasetGroup({ name: 'shop' });
  const { datasetArn } = transport.createDataset({
    datasetGroupArn,
    datasetType: 'Interactions',
    schema: INTERACTIONS_SCHEMA,
  });
  transport.createBucket(BUCKET);
  transport.putObject({ bucket: BUCKET, key: 'data/interactions.csv' }, interactionsCsv());
  const logger = recordingLogger();
  const importer = new DatasetImporter({
    transport,
    roleArn: ROLE_ARN,
    clock,
    random: () => 0.5,
    logger,
    ...options.importer,
  });
  const events: ImportProgressEvent[] = [];
  const onProgress = (event: ImportProgressEvent) => events.push(event);
  return { clock, transport, datasetGroupArn, datasetArn, logger, importer, events, onProgress };
}

/**
 * Advances the clock in steps until `promise` settles (so that real I/O between steps gets its turn), and returns its
 * outcome; fails after `maxSteps`.
 */
export async function settle<T>(clock: ManualClock, promise: Promise<T>, stepMs = 1000, maxSteps = 10_000): Promise<T> {
  let done = false;
  promise.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  for (let step = 0; !done && step < maxSteps; step++) await clock.advance(stepMs);
  return promise;
}

/**
 * Like `settle`, for work that waits on real I/O (HTTP to a local endpoint) as well as on the clock: the clock only
 * moves, to its next timer, when some timer is pending; otherwise the event loop turns so that I/O completes. Fake
 * time so never races ahead of a call in flight.
 */
export async function settleWithIo<T>(clock: ManualClock, promise: Promise<T>, maxTurns = 2_000_000): Promise<T> {
  let done = false;
  const mark = () => {
    done = true;
  };
  promise.then(mark, mark);
  for (let turn = 0; !done && turn < maxTurns; turn++) {
    const next = clock.nextTimerAt;
    if (next === undefined) await new Promise<void>((resolve) => setImmediate(resolve));
    else await clock.advance(Math.max(0, next - clock.now()));
  }
  return promise;
}

/** `transport` with some methods replaced (the others bound to it, so private fields keep working). */
export function overriding<T extends object>(transport: T, overrides: Partial<T>): T {
  return new Proxy(transport, {
    get(target, property, receiver) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof T];
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
