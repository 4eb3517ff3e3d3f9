/**
 * `demo`: the whole story on the in-memory fake with a virtual clock, in seconds and without an AWS account:
 * generate CSVs, validate them (one has mistakes), a FULL import, an INCREMENTAL import, live events, users and
 * items through the writer (a few of which the fake service rejects), and a summary.
 * @module
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { DEMO_SCHEMAS, writeInteractionsCsv } from '../demo-data.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import {
  DatasetImporter,
  MemoryTransport,
  RecordWriter,
  seededRandom,
  validateCsv,
  type WriterReport,
} from '../library.js';
import { count, type Output } from '../output.js';
import { type CommandContext, runCommand } from '../run-command.js';
import { VirtualClock } from '../virtual-clock.js';
import { describeImportEvent } from './import.js';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/PersonalizeS3Access';
const BUCKET = 'demo-bucket';
const START_SECONDS = Date.UTC(2025, 0, 1) / 1000;

interface DemoShop {
  transport: MemoryTransport;
  groupArn: string;
  trackingId: string;
  datasets: { Interactions: string; Users: string; Items: string };
}

function setUp(clock: VirtualClock): DemoShop {
  const transport = new MemoryTransport({ clock });
  const groupArn = transport.createDatasetGroup({ name: 'demo-shop' });
  const make = (type: keyof typeof DEMO_SCHEMAS) =>
    transport.createDataset({ datasetGroupArn: groupArn, datasetType: type, schema: DEMO_SCHEMAS[type] }).datasetArn;
  const datasets = { Interactions: make('Interactions'), Users: make('Users'), Items: make('Items') };
  const { trackingId } = transport.createEventTracker({ datasetGroupArn: groupArn });
  transport.createBucket(BUCKET);
  // The fake service refuses a recalled item and a banned user, as a real one refuses a bad value.
  transport.rejectRecords((record) => {
    if ('itemId' in record && record.itemId === 'item-recalled') return 'Invalid itemId: item-recalled';
    if ('userId' in record && record.userId === 'user-banned') return 'Invalid userId: user-banned';
    return undefined;
  });
  return { transport, groupArn, trackingId, datasets };
}

async function validateFiles(output: Output, dir: string) {
  const random = seededRandom(42);
  const files = {
    full: join(dir, 'interactions.csv'),
    more: join(dir, 'more-interactions.csv'),
    broken: join(dir, 'broken.csv'),
  };
  await writeInteractionsCsv(files.full, 1500, START_SECONDS, random);
  await writeInteractionsCsv(files.more, 1000, START_SECONDS + 100_000, random);
  await writeInteractionsCsv(files.broken, 1000, START_SECONDS, random, { millisecondRows: [7], emptyUserRows: [12] });
  const options = { schema: DEMO_SCHEMAS.Interactions, datasetType: 'Interactions' as const };
  const full = await validateCsv(files.full, { ...options, mode: 'FULL' });
  const broken = await validateCsv(files.broken, { ...options, mode: 'FULL' });
  output.info(`  interactions.csv: ${full.valid ? 'valid' : 'INVALID'}, ${count(full.rows)} rows`);
  output.info(`  broken.csv: ${count(broken.errorCount)} errors, caught before any upload:`);
  for (const issue of broken.errors)
    output.info(`    line ${issue.line}, ${issue.column ?? ''}: ${issue.code}: ${issue.message}`);
  return { files, valid: full.valid, brokenErrors: broken.errorCount };
}

async function bulkImports(output: Output, shop: DemoShop, files: { full: string; more: string }) {
  const importer = new DatasetImporter({
    transport: shop.transport,
    roleArn: ROLE_ARN,
    clock: shop.transport.config.clock,
    logger: { warn: (m) => output.warn(m), info: (m) => output.info(`  ${m}`) },
  });
  const target = { dataset: 'Interactions' as const, datasetGroupArn: shop.groupArn };
  const onProgress = (event: Parameters<typeof describeImportEvent>[0]) => {
    const line = describeImportEvent(event);
    if (line !== undefined) output.info(`  ${line}`);
  };
  output.info('3. FULL import of interactions.csv (upload, job, wait):');
  const full = await importer.importBulk('FULL', {
    ...target,
    source: { file: files.full, bucket: BUCKET },
    onProgress,
  });
  output.info('4. INCREMENTAL import of more-interactions.csv:');
  const more = await importer.importBulk('INCREMENTAL', {
    ...target,
    source: { file: files.more, bucket: BUCKET },
    onProgress,
  });
  return { full, more, rows: shop.transport.bulkRows(shop.datasets.Interactions).length };
}

async function liveRecords(output: Output, shop: DemoShop): Promise<{ report: WriterReport; refusedHere: number }> {
  const { transport, trackingId, datasets } = shop;
  const clock = transport.config.clock;
  const writer = new RecordWriter({
    transport,
    trackingId,
    datasets: { users: datasets.Users, items: datasets.Items },
    clock,
  });
  const random = seededRandom(7);
  let refusedHere = 0;
  for (let i = 0; i < 80; i++) {
    await writer.putItem({
      itemId: i === 13 ? 'item-recalled' : `item-${i}`,
      properties: { category: i % 2 ? 'shoes' : 'hats' },
    });
  }
  for (let i = 0; i < 60; i++) {
    await writer.putUser({ userId: i === 5 ? 'user-banned' : `user-${i}`, properties: { membership: 'gold' } });
  }
  for (let i = 0; i < 600; i++) {
    const session = Math.floor(random() * 40);
    const itemId = i === 100 || i === 400 ? 'item-recalled' : `item-${Math.floor(random() * 80)}`;
    await writer.putEvent({
      sessionId: `session-${session}`,
      userId: `user-${session}`,
      eventType: 'View',
      itemId,
      sentAt: new Date(clock.now()),
    });
  }
  try {
    // A record that breaks a rule never leaves the process: the writer refuses it at once.
    await writer.putEvent({ sessionId: '', eventType: 'View', sentAt: new Date(clock.now()) });
  } catch (error) {
    refusedHere += 1;
    output.info(`  refused locally: ${(error as Error).message}`);
  }
  return { report: await writer.close(), refusedHere };
}

async function runDemo(ctx: CommandContext): Promise<ExitCode> {
  const { output } = ctx;
  const clock = new VirtualClock();
  const startedAt = clock.now();
  const realStart = Date.now();
  const dir = await mkdtemp(join(tmpdir(), 'personalize-import-demo-'));
  try {
    output.info(
      '1. A fake Amazon Personalize (MemoryTransport): dataset group, 3 datasets, an event tracker, a bucket',
    );
    const shop = setUp(clock);
    output.info('2. Validate generated CSVs against the Interactions schema:');
    const checked = await clock.run(validateFiles(output, dir));
    const bulk = await clock.run(bulkImports(output, shop, checked.files));
    output.info(
      '5. Live records through the RecordWriter: 600 events from 40 interleaved sessions, 60 users, 80 items',
    );
    const live = await clock.run(liveRecords(output, shop));
    const result = summarize(shop, checked, bulk, live, {
      virtualMs: clock.elapsedSince(startedAt),
      realMs: Date.now() - realStart,
    });
    output.result(result, summaryLines(result));
    return EXIT.OK;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

type Summary = ReturnType<typeof summarize>;

function summarize(
  shop: DemoShop,
  checked: { valid: boolean; brokenErrors: number },
  bulk: Awaited<ReturnType<typeof bulkImports>>,
  live: { report: WriterReport; refusedHere: number },
  time: { virtualMs: number; realMs: number },
) {
  const calls: Record<string, number> = {};
  for (const call of shop.transport.history) calls[call.call] = (calls[call.call] ?? 0) + 1;
  return {
    ok: true,
    command: 'demo',
    validation: { validFileValid: checked.valid, brokenFileErrors: checked.brokenErrors },
    imports: [bulk.full, bulk.more].map((job) => ({
      jobName: job.jobName,
      importMode: job.importMode,
      status: job.status,
    })),
    bulkRows: bulk.rows,
    delivered: live.report.delivered,
    refusedLocally: live.refusedHere,
    rejected: live.report.rejected.map(({ kind, code, message }) => ({ kind, code, message })),
    undelivered: live.report.undelivered.length,
    stored: {
      events: shop.transport.events(shop.trackingId).length,
      users: shop.transport.users(shop.datasets.Users).length,
      items: shop.transport.items(shop.datasets.Items).length,
    },
    calls,
    virtualSeconds: Math.round(time.virtualMs / 1000),
    realMilliseconds: time.realMs,
  };
}

function summaryLines(s: Summary): string[] {
  const d = s.delivered;
  return [
    '6. Summary',
    `  bulk: ${s.imports.map((job) => `${job.importMode} ${job.status}`).join(', ')}; ${count(s.bulkRows)} interactions in the dataset`,
    `  live: delivered ${count(d.events)} events, ${count(d.users)} users, ${count(d.items)} items; ${s.rejected.length} rejected by the service, ${s.refusedLocally} refused locally, ${s.undelivered} undelivered`,
    ...s.rejected.map((r) => `    rejected ${r.kind}: ${r.message}`),
    `  service calls: ${Object.entries(s.calls)
      .map(([call, n]) => `${call} ${n}`)
      .join(', ')}`,
    `  ${count(s.virtualSeconds)} s of service time in ${count(s.realMilliseconds)} ms (virtual clock)`,
    'Next: docs/getting-started.md shows the same steps against your AWS account.',
  ];
}

/**
 * Adds the `demo` command to `program`: its flags, and an action that runs it under `runCommand` (output, Ctrl-C,
 * exit code).
 */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'run the whole flow (validate, FULL and INCREMENTAL import, live records) on the in-memory fake: no AWS account needed',
    )
    .action(async (_flags: unknown, command: Command) => {
      await runCommand(command, runDemo);
    });
}
