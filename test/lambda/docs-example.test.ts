// The Lambda of docs/pipelines.md (examples/lambda/sqs-consumer.ts, shown there verbatim) driven by the emulated SQS
// event source over 1,000 rounds of faults, with the producer of the docs (an eventId and a sentAt set at the source).
import { readFileSync } from 'node:fs';
import { afterEach, expect, it, vi } from 'vitest';
import { type ClickMessage, createHandler, handler } from '../../examples/lambda/sqs-consumer.js';
import type { LambdaRecord } from '../../src/lambda/lambda-record.js';
import { seededRandom } from '../../src/util/seeded-random.js';
import { DEFAULT_MIX, type FaultMix } from './support/faults.js';
import { writerOptionsFor } from './support/handlers.js';
import { runSqs } from './support/sqs-harness.js';
import { keyOf, type MessageSpec, type RecordSpec, World } from './support/world.js';

const ROUNDS = Number(process.env.LAMBDA_ROUNDS ?? 1000);
/** Time for a long run: about 3 ms a round on a loaded machine. */
const LONG = { timeout: 30_000 + ROUNDS * 5 };

afterEach(() => {
  vi.restoreAllMocks();
});

let keys = 0;

/** The docs' producer: one click a message, its eventId and sentAt set where it happened; some poison. */
function oneClick(mix: FaultMix, random: () => number): MessageSpec {
  if (random() < mix.undecodable) return { undecodable: true };
  const key = `c${(keys++).toString(36).padStart(6, '0')}`;
  const roll = random();
  const fate = roll < mix.poison / 2 ? 'rejected' : roll < mix.poison ? 'refused' : 'good';
  return { records: [{ key, kind: 'event', fate, eventId: `click-${key}` }] };
}

function encode(spec: MessageSpec): string {
  if ('undecodable' in spec) return 'not json';
  const record = spec.records[0] as RecordSpec;
  const click: Partial<ClickMessage> = {
    eventId: record.eventId as string,
    sessionId: `session-${record.key.slice(0, 4)}`,
    userId: 'user-1',
    itemId: record.fate === 'rejected' ? `poison-${record.key}` : record.key,
    eventType: 'click',
    ...(record.fate !== 'refused' && { sentAt: '2026-01-01T00:00:00.000Z' }),
  };
  return JSON.stringify(click);
}

it('is in docs/pipelines.md as it is in examples/', () => {
  const example = readFileSync(new URL('../../examples/lambda/sqs-consumer.ts', import.meta.url), 'utf8');
  const docs = readFileSync(new URL('../../docs/pipelines.md', import.meta.url), 'utf8');
  expect(docs).toContain(`\`\`\`ts\n${example}\`\`\``);
});

it('exports a handler made at module scope, its writer made at the first invocation', () => {
  expect(typeof handler).toBe('function');
});

it(`survives ${ROUNDS} rounds of the emulated SQS event source with faults`, LONG, async () => {
  const world = new World();
  // The example logs its poison with console.error, one JSON line each: that is what the test hears.
  vi.spyOn(console, 'error').mockImplementation((line: unknown) => {
    const { poison, code, record } = JSON.parse(String(line)) as {
      poison: string;
      code: string;
      record?: LambdaRecord;
    };
    const key = record === undefined ? `message:${poison}:${code}` : keyOf(record);
    world.told.set(key, (world.told.get(key) ?? 0) + 1);
  });
  const run = await runSqs({
    world,
    rounds: ROUNDS,
    mix: { ...DEFAULT_MIX, onRejectedThrows: 0 },
    random: seededRandom(5),
    batchSize: 10,
    makeMessage: oneClick,
    encode,
    makeHandler: (w, environment) => createHandler(writerOptionsFor(w, environment)),
  });
  expect(run.problems).toEqual([]);
  expect(run.failuresReported).toBeGreaterThan(0);
  expect(run.threw).toBeGreaterThan(0);
  expect(world.told.size).toBeGreaterThan(0);
});
