// The handlers driven by the emulated event sources (test/lambda/support/*-harness.ts) over many rounds of faults:
// throttles and transient faults past the retry budget or not, access denied, deadlines too short, cold starts, an
// onRejected that throws, poison records and undecodable messages. Over each run: every good record stored under
// exactly one event id, every poison record heard by onRejected exactly once, nothing acknowledged before it was
// delivered, no message lost. `LAMBDA_ROUNDS=20000 npx vitest run test/lambda/harness.test.ts` runs longer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SqsHandler } from '../../src/lambda/sqs-handler.js';
import { seededRandom } from '../../src/util/seeded-random.js';
import { DEFAULT_MIX, type FaultMix } from './support/faults.js';
import { kinesisConsumer, sqsConsumer } from './support/handlers.js';
import { runKinesis } from './support/kinesis-harness.js';
import { runSqs } from './support/sqs-harness.js';

const ROUNDS = Number(process.env.LAMBDA_ROUNDS ?? 1000);
/** Time for a long run: about 3 ms a round on a loaded machine. */
const LONG = { timeout: 30_000 + ROUNDS * 5 };

describe('the event sources, emulated over many rounds with faults', () => {
  it(`SQS: ${ROUNDS} rounds, writer made from writerOptions`, LONG, async () => {
    const run = await runSqs({
      rounds: ROUNDS,
      mix: DEFAULT_MIX,
      random: seededRandom(11),
      batchSize: 10,
      makeHandler: sqsConsumer(),
    });
    expect(run.problems).toEqual([]);
    // The faults did happen: partial failures, whole-batch failures, cold starts.
    expect(run.failuresReported).toBeGreaterThan(ROUNDS / 20);
    expect(run.threw).toBeGreaterThan(0);
    expect(run.coldStarts).toBeGreaterThan(ROUNDS / 50);
    expect(run.sent).toBeGreaterThan(ROUNDS * 3);
  });

  it(`Kinesis: ${ROUNDS} rounds on 3 shards`, LONG, async () => {
    const run = await runKinesis({
      rounds: ROUNDS,
      mix: DEFAULT_MIX,
      random: seededRandom(12),
      batchSize: 10,
      shards: 3,
      makeHandler: kinesisConsumer(),
    });
    expect(run.problems).toEqual([]);
    expect(run.restarts).toBeGreaterThan(ROUNDS / 50);
    expect(run.threw).toBeGreaterThan(0);
    expect(run.sent).toBeGreaterThan(ROUNDS * 3);
  });

  it('catches a consumer that acknowledges before it flushes (the harness can fail)', async () => {
    const leaky = (...args: Parameters<ReturnType<typeof sqsConsumer>>): SqsHandler => {
      const real = sqsConsumer()(...args);
      return (event, context) => {
        void real(event, context).catch(() => {});
        return Promise.resolve({ batchItemFailures: [] });
      };
    };
    const run = await runSqs({
      rounds: 30,
      mix: DEFAULT_MIX,
      random: seededRandom(3),
      batchSize: 10,
      makeHandler: leaky,
    });
    expect(run.problems.some((problem) => problem.includes('before its'))).toBe(true);
  });
});

const mixes: fc.Arbitrary<FaultMix> = fc.record({
  throttle: fc.double({ min: 0, max: 0.6, noNaN: true }),
  transient: fc.double({ min: 0, max: 0.6, noNaN: true }),
  fatal: fc.double({ min: 0, max: 0.1, noNaN: true }),
  deadline: fc.double({ min: 0, max: 0.4, noNaN: true }),
  coldStart: fc.double({ min: 0, max: 0.2, noNaN: true }),
  onRejectedThrows: fc.double({ min: 0, max: 0.3, noNaN: true }),
  poison: fc.double({ min: 0, max: 0.4, noNaN: true }),
  undecodable: fc.double({ min: 0, max: 0.1, noNaN: true }),
  sourceEventId: fc.double({ min: 0, max: 1, noNaN: true }),
});

describe('random fault mixes (fast-check)', () => {
  const runs = { numRuns: 12, seed: 20261202 };

  it('SQS keeps every property', async () => {
    await fc.assert(
      fc.asyncProperty(
        mixes,
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.integer({ min: 1, max: 10 }),
        async (mix, seed, batchSize) => {
          const run = await runSqs({
            rounds: 60,
            mix,
            random: seededRandom(seed),
            batchSize,
            makeHandler: sqsConsumer(),
          });
          expect(run.problems).toEqual([]);
        },
      ),
      runs,
    );
  });

  it('Kinesis keeps every property', async () => {
    await fc.assert(
      fc.asyncProperty(
        mixes,
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.integer({ min: 1, max: 4 }),
        async (mix, seed, shards) => {
          const run = await runKinesis({
            rounds: 60,
            mix,
            random: seededRandom(seed),
            batchSize: 10,
            shards,
            makeHandler: kinesisConsumer(),
          });
          expect(run.problems).toEqual([]);
        },
      ),
      runs,
    );
  });

  it('a given writer keeps them too, fatal errors aside (a given writer that stopped stays stopped)', async () => {
    await fc.assert(
      fc.asyncProperty(mixes, fc.integer({ min: 1, max: 2 ** 30 }), async (mix, seed) => {
        const sqs = await runSqs({
          rounds: 40,
          mix: { ...mix, fatal: 0 },
          random: seededRandom(seed),
          batchSize: 10,
          makeHandler: sqsConsumer(true),
        });
        expect(sqs.problems).toEqual([]);
        const kinesis = await runKinesis({
          rounds: 40,
          mix: { ...mix, fatal: 0 },
          random: seededRandom(seed),
          batchSize: 10,
          shards: 2,
          makeHandler: kinesisConsumer(true),
        });
        expect(kinesis.problems).toEqual([]);
      }),
      { numRuns: 6, seed: 20261203 },
    );
  });
});
