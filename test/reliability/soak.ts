/**
 * `npm run soak`: runs random fault mixes through the writer for a duration, over MemoryTransport (and every
 * `--aws-every`th mix over AwsTransport and the local endpoint), checks the conservation oracle after each, prints a
 * table, and exits 1 on any violation.
 * @module
 */
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { ManualClock } from '../../src/util/manual-clock.js';
import { startAwsOverLocal } from '../transport/aws-local-fixture.js';
import { FAULT_CLASSES, type FaultClass, type FaultMix, faultMix } from './support/fault-mix.js';
import type { ViolationKind } from './support/oracle.js';
import { runMix } from './support/run-mix.js';

const USAGE = `Usage: npm run soak -- [options]
  --minutes N      how long to run (default 10)
  --seed N         first seed (default: the time)
  --exclude LIST   comma-separated fault classes to leave out (${FAULT_CLASSES.join(', ')})
  --aws-every N    every Nth mix runs over AwsTransport and the local endpoint (default 20; 0: never)`;

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    seed: { type: 'string' },
    exclude: { type: 'string', default: '' },
    'aws-every': { type: 'string', default: '20' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const minutes = Number(values.minutes);
const awsEvery = Number(values['aws-every']);
const extra = values.exclude.split(',').filter((name) => name !== '');
const unknown = extra.filter((name) => !(FAULT_CLASSES as readonly string[]).includes(name));
if (!(minutes > 0) || !Number.isInteger(awsEvery) || awsEvery < 0 || unknown.length > 0) {
  console.error(
    `Invalid options${unknown.length > 0 ? `: unknown fault classes ${unknown.join(', ')}` : ''}\n${USAGE}`,
  );
  process.exit(2);
}
const exclude = extra as FaultClass[];
const firstSeed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);

type Row = { mixes: number; records: number; delivered: number; rejected: number; undelivered: number } & Record<
  ViolationKind,
  number
>;
const empty = (): Row => ({
  mixes: 0,
  records: 0,
  delivered: 0,
  rejected: 0,
  undelivered: 0,
  lost: 0,
  duplicated: 0,
  wronglyBlamed: 0,
  deliveredNotStored: 0,
  undeliveredButStored: 0,
  storedNotAccepted: 0,
  countMismatch: 0,
  hang: 0,
});
const rows = { MemoryTransport: empty(), 'AwsTransport + local endpoint': empty() };
const examples = new Map<ViolationKind, { seed: number; detail: string; mix: FaultMix }>();

async function runOne(mix: FaultMix, overAws: boolean, seed: number): Promise<void> {
  const row = overAws ? rows['AwsTransport + local endpoint'] : rows.MemoryTransport;
  let outcome: Awaited<ReturnType<typeof runMix>>;
  if (overAws) {
    const local = await startAwsOverLocal();
    try {
      outcome = await runMix(mix, { ...local, realIo: true });
    } finally {
      await local.close();
    }
  } else {
    const clock = new ManualClock();
    const backing = new MemoryTransport({ clock });
    outcome = await runMix(mix, { clock, backing, transport: backing, realIo: false });
  }
  row.mixes += 1;
  row.records += outcome.accepted;
  row.delivered += outcome.delivered;
  row.rejected += outcome.rejected;
  row.undelivered += outcome.undelivered;
  for (const violation of outcome.violations) {
    row[violation.kind] += 1;
    if (!examples.has(violation.kind)) examples.set(violation.kind, { seed, detail: violation.detail, mix });
  }
}

const awsExclude: FaultClass[] = [...exclude, 'closeTimeout', 'slowResponse', 'deafResponse'];
const endAt = Date.now() + minutes * 60_000;
let seed = firstSeed;
let count = 0;
while (Date.now() < endAt) {
  const memoryMixes = fc.sample(faultMix({ exclude, maxOps: 120, size: 'large' }), { seed, numRuns: 50 });
  for (const mix of memoryMixes) {
    count += 1;
    const overAws = awsEvery > 0 && count % awsEvery === 0;
    const mixToRun = overAws
      ? (fc.sample(faultMix({ exclude: awsExclude, maxOps: 60, maxWriters: 2, size: 'medium' }), {
          seed: seed + count,
          numRuns: 1,
        })[0] ?? mix)
      : mix;
    await runOne(mixToRun, overAws, seed);
    if (Date.now() >= endAt) break;
  }
  seed += 1;
}

const COLUMNS: Array<keyof Row> = [
  'mixes',
  'records',
  'delivered',
  'rejected',
  'undelivered',
  'lost',
  'duplicated',
  'wronglyBlamed',
  'undeliveredButStored',
  'storedNotAccepted',
  'countMismatch',
  'hang',
];
const LABEL: Partial<Record<keyof Row, string>> = {
  records: 'records accepted',
  wronglyBlamed: 'wrongly blamed',
  undeliveredButStored: 'undelivered but stored',
  storedNotAccepted: 'stored, never accepted',
  countMismatch: 'miscounted',
};
console.log(`soak: ${minutes} min, seeds ${firstSeed}..${seed}, left out: ${exclude.join(', ') || 'nothing'}\n`);
console.log(`| transport | ${COLUMNS.map((c) => LABEL[c] ?? c).join(' | ')} |`);
console.log(`|---|${COLUMNS.map(() => '---:').join('|')}|`);
for (const [name, row] of Object.entries(rows)) console.log(`| ${name} | ${COLUMNS.map((c) => row[c]).join(' | ')} |`);
for (const [kind, example] of examples) {
  const mix = JSON.stringify(example.mix);
  console.log(
    `\nfirst ${kind} (seed ${example.seed}): ${example.detail}\n  mix: ${mix.length > 600 ? `${mix.slice(0, 600)}…` : mix}`,
  );
}
process.exit(examples.size > 0 ? 1 : 0);
