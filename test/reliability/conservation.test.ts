import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { ManualClock } from '../../src/util/manual-clock.js';
import { startAwsOverLocal } from '../transport/aws-local-fixture.js';
import { type FaultClass, faultMix } from './support/fault-mix.js';
import { runMix } from './support/run-mix.js';

const SEED = 7;

function memoryTarget() {
  const clock = new ManualClock();
  const backing = new MemoryTransport({ clock });
  return { clock, backing, transport: backing, realIo: false };
}

describe('RecordWriter conservation under random fault mixes (issue 7)', () => {
  it('over MemoryTransport: every accepted record ends once, rejected only when refused alone, nothing lost or stored twice', async () => {
    await fc.assert(
      fc.asyncProperty(faultMix(), async (mix) => {
        const outcome = await runMix(mix, memoryTarget());
        expect(outcome.violations).toEqual([]);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('over AwsTransport and the local endpoint: the same contract through the SDK and HTTP', async () => {
    // Time-outs and slow responses are left to the MemoryTransport run: here the clock moves while HTTP is in flight.
    const exclude: FaultClass[] = ['closeTimeout', 'slowResponse', 'deafResponse'];
    await fc.assert(
      fc.asyncProperty(faultMix({ exclude, maxOps: 25, maxWriters: 2 }), async (mix) => {
        const local = await startAwsOverLocal();
        try {
          const outcome = await runMix(mix, { ...local, realIo: true });
          expect(outcome.violations).toEqual([]);
        } finally {
          await local.close();
        }
      }),
      { seed: SEED, numRuns: 15 },
    );
  }, 60_000);
});
