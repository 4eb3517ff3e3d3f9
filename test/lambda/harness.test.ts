import { expect, it } from 'vitest';
import { seededRandom } from '../../src/util/seeded-random.js';
import { DEFAULT_MIX } from './support/faults.js';
import { kinesisConsumer, sqsConsumer } from './support/handlers.js';
import { runKinesis } from './support/kinesis-harness.js';
import { runSqs } from './support/sqs-harness.js';

it('sqs: 200 rounds', async () => {
  const started = performance.now();
  const result = await runSqs({
    rounds: 200,
    mix: DEFAULT_MIX,
    random: seededRandom(1),
    batchSize: 10,
    makeHandler: sqsConsumer(),
  });
  console.log({ ...result, world: undefined, ms: performance.now() - started });
  expect(result.problems).toEqual([]);
});

it('kinesis: 200 rounds', async () => {
  const started = performance.now();
  const result = await runKinesis({
    rounds: 200,
    mix: DEFAULT_MIX,
    random: seededRandom(1),
    batchSize: 10,
    shards: 3,
    makeHandler: kinesisConsumer(),
  });
  console.log({ ...result, world: undefined, ms: performance.now() - started });
  expect(result.problems).toEqual([]);
});
