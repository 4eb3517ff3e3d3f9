import { describe, expect, it } from 'vitest';
import { DatasetImporter } from '../../src/bulk/dataset-importer.js';
import { importerDefaults } from '../../src/bulk/importer-options.js';
import { InvalidOptionsError } from '../../src/errors.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { systemClock } from '../../src/util/clock.js';
import { ROLE_ARN } from './support/fixture.js';

const transport = new MemoryTransport();

describe('DatasetImporter options', () => {
  it('applies every default', () => {
    const importer = new DatasetImporter({ transport, roleArn: ROLE_ARN });
    expect(importer.config.poll).toEqual({ initialDelayMs: 5000, maxDelayMs: 60_000, timeoutMs: 43_200_000 });
    expect(importer.config.capacityWait).toEqual(importerDefaults.capacityWait);
    expect(importer.config.clock).toBe(systemClock);
    expect(importer.config.random).toBe(Math.random);
    expect(importer.transport).toBe(transport);
  });

  it('merges partial poll options and accepts an infinite timeout', () => {
    const importer = new DatasetImporter({
      transport,
      roleArn: ROLE_ARN,
      poll: { maxDelayMs: 10_000, timeoutMs: Infinity },
    });
    expect(importer.config.poll).toEqual({ initialDelayMs: 5000, maxDelayMs: 10_000, timeoutMs: Infinity });
  });

  it.each([
    [
      { roleArn: 'arn:aws:iam::12:role/x' },
      'Expected `roleArn` to be an IAM role ARN like `arn:aws:iam::123456789012:role/PersonalizeS3Read`, got `arn:aws:iam::12:role/x`',
    ],
    [{ poll: { initialDelayMs: 0 } }, 'Expected `poll.initialDelayMs` to be an integer ≥ 1, got `0`'],
    [
      { poll: { maxDelayMs: 100 } },
      'Expected `poll.maxDelayMs` to be an integer ≥ `poll.initialDelayMs` (5000), got `100`',
    ],
    [{ poll: { timeoutMs: -5 } }, 'Expected `poll.timeoutMs` to be an integer ≥ 1 or Infinity, got `-5`'],
    [{ poll: { timeoutMs: 1.5 } }, 'Expected `poll.timeoutMs` to be an integer ≥ 1 or Infinity, got `1.5`'],
    [
      { capacityWait: { timeoutMs: Number.NaN } },
      'Expected `capacityWait.timeoutMs` to be an integer ≥ 0 or Infinity, got `NaN`',
    ],
    [{ random: 3 }, 'Expected `random` to be a function returning [0, 1), got `3`'],
    [{ clock: {} }, 'Expected `clock` to be a Clock with `now()` and `sleep(ms, signal)`'],
    [{ logger: { warn() {} } }, 'Expected `logger` to have `warn(message)` and `info(message)` methods'],
    [
      { transport: {} },
      'Expected `transport` to be a Transport (AwsTransport, MemoryTransport, …), got `[object Object]`',
    ],
  ])('refuses %j', (bad, message) => {
    const make = () => new DatasetImporter({ transport, roleArn: ROLE_ARN, ...(bad as object) });
    expect(make).toThrow(InvalidOptionsError);
    expect(make).toThrow(message);
  });

  it('accepts a capacity-wait budget of 0 (never wait)', () => {
    const importer = new DatasetImporter({ transport, roleArn: ROLE_ARN, capacityWait: { timeoutMs: 0 } });
    expect(importer.config.capacityWait.timeoutMs).toBe(0);
  });
});
