/**
 * Polling an import job: DescribeDatasetImportJob calls per job, and the delay between the job's end and the moment
 * the caller learns of it, for jobs of 1 minute to 5 hours, on the fake's clock (no real waiting). The importer's
 * default poll (full-jitter back-off from 5 s, capped at 60 s) against a loop that polls every 1 s, 30 s or 60 s.
 * @module
 */
import { DatasetImporter } from '../src/index.js';
import { ManualClock, MemoryTransport } from '../src/testing.js';
import { seededRandom } from '../src/util/seeded-random.js';
import { interactionsSchema } from '../test/support/schemas.js';
import { median } from './run-metrics.js';

const BUCKET = 'bench';
const ROLE_ARN = 'arn:aws:iam::123456789012:role/PersonalizeS3Read';

/** How one way of polling did on jobs of one length. */
export interface PollingResult {
  poller: string;
  jobMinutes: number;
  /** Median over the seeds. */
  calls: number;
  /** Median delay between the job's end and its notice, in seconds. */
  medianDelaySeconds: number;
  /** The 90th percentile of that delay over the seeds, in seconds. */
  p90DelaySeconds: number;
}

type Poller = (transport: MemoryTransport, clock: ManualClock, jobArn: string, seed: number) => Promise<void>;

const libraryDefault: Poller = async (transport, clock, jobArn, seed) => {
  const importer = new DatasetImporter({ transport, roleArn: ROLE_ARN, clock, random: seededRandom(seed) });
  await importer.waitForJob(jobArn);
};

function fixedEvery(ms: number): Poller {
  return async (transport, clock, jobArn) => {
    for (;;) {
      const job = await transport.describeDatasetImportJob(jobArn);
      if (job.status === 'ACTIVE' || job.status === 'CREATE FAILED') return;
      await clock.sleep(ms);
    }
  };
}

async function oneJob(poller: Poller, durationMs: number, seed: number): Promise<{ calls: number; delayMs: number }> {
  const clock = new ManualClock();
  const transport = new MemoryTransport({ clock, jobTimings: { pendingMs: 0, inProgressMs: durationMs } });
  transport.createBucket(BUCKET);
  const datasetGroupArn = transport.createDatasetGroup({ name: 'bench' });
  const { datasetArn } = transport.createDataset({
    datasetGroupArn,
    datasetType: 'Interactions',
    schema: interactionsSchema,
  });
  const rows = Array.from({ length: 1000 }, (_, i) => `u${i % 30},i${i % 40},${1_700_000_000 + i},View`);
  await transport.uploadObject({
    bucket: BUCKET,
    key: 'in.csv',
    body: `USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n${rows.join('\n')}\n`,
  });
  const created = clock.now();
  const { jobArn } = await transport.createDatasetImportJob({
    jobName: 'bench-job',
    datasetArn,
    dataLocation: `s3://${BUCKET}/in.csv`,
    roleArn: ROLE_ARN,
    importMode: 'FULL',
  });
  let noticedAt: number | undefined;
  const done = poller(transport, clock, jobArn, seed).then(() => {
    noticedAt = clock.now();
  });
  while (noticedAt === undefined) {
    const next = clock.nextTimerAt;
    if (next === undefined) await clock.advance(0);
    else await clock.advanceTo(next);
  }
  await done;
  return { calls: transport.callsOf('describeDatasetImportJob').length, delayMs: noticedAt - (created + durationMs) };
}

function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN;
}

/** Every poller on jobs of each length, over `seeds` seeds (the jitter; fixed polling does not depend on it). */
export async function measurePolling(options: {
  jobMinutes: readonly number[];
  seeds: number;
}): Promise<PollingResult[]> {
  const pollers: Array<[string, Poller]> = [
    ['library default (5 s doubling to 35 s, 3/4..1 of it)', libraryDefault],
    ['fixed 1 s', fixedEvery(1000)],
    ['fixed 30 s', fixedEvery(30_000)],
    ['fixed 60 s', fixedEvery(60_000)],
  ];
  const results: PollingResult[] = [];
  for (const minutes of options.jobMinutes) {
    for (const [name, poller] of pollers) {
      const runs = [];
      // Each job's length is off the whole minute by a random part of a minute, so that it ends at a random phase of
      // a fixed poller's period (its first poll is at creation).
      const phase = seededRandom(minutes);
      for (let seed = 1; seed <= options.seeds; seed += 1) {
        runs.push(await oneJob(poller, minutes * 60_000 + Math.floor(phase() * 60_000), seed));
      }
      results.push({
        poller: name,
        jobMinutes: minutes,
        calls: median(runs.map((run) => run.calls)),
        medianDelaySeconds: median(runs.map((run) => run.delayMs)) / 1000,
        p90DelaySeconds:
          percentile(
            runs.map((run) => run.delayMs),
            0.9,
          ) / 1000,
      });
    }
  }
  return results;
}
