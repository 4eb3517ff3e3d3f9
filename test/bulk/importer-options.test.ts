import { describe, expect, it } from 'vitest';
import { DatasetImporter } from '../../src/bulk/dataset-importer.js';
import { datasetImporterDefaults } from '../../src/bulk/importer-options.js';
import { InvalidOptionsError } from '../../src/errors.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { TRANSPORT_METHODS } from '../../src/transport/transport.js';
import { systemClock } from '../../src/util/clock.js';
import { ROLE_ARN } from './support/fixture.js';

const transport = new MemoryTransport();

describe('DatasetImporter options', () => {
  it('applies every default', () => {
    const importer = new DatasetImporter({ transport, roleArn: ROLE_ARN });
    expect(importer.config.poll).toEqual({ initialDelayMs: 5000, maxDelayMs: 35_000, timeoutMs: 43_200_000 });
    expect(importer.config.capacityWait).toEqual(datasetImporterDefaults.capacityWait);
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
      'Expected `roleArn` to be an IAM role ARN like `arn:aws:iam::123456789012:role/PersonalizeS3Read` (a non-empty string), got `"arn:aws:iam::12:role/x"`',
    ],
    [{ roleArn: undefined }, 'Expected `roleArn` to be an IAM role ARN like'],
    [{ poll: { initialDelayMs: 0 } }, 'Expected `poll.initialDelayMs` to be an integer >= 1, got `0`'],
    [{ poll: { maxDelayMs: 100 } }, 'Expected `poll.maxDelayMs` to be an integer >= 5000, got `100`'],
    [{ poll: { timeoutMs: -5 } }, 'Expected `poll.timeoutMs` to be an integer >= 1 or Infinity, got `-5`'],
    [{ poll: { timeoutMs: 0 } }, 'Expected `poll.timeoutMs` to be an integer >= 1 or Infinity, got `0`'],
    [{ poll: { timeoutMs: 1.5 } }, 'Expected `poll.timeoutMs` to be an integer >= 1 or Infinity, got `1.5`'],
    [{ poll: 5000 }, 'Expected `poll` to be an object, got `5000`'],
    [
      { capacityWait: { timeoutMs: Number.NaN } },
      'Expected `capacityWait.timeoutMs` to be an integer >= 0 or Infinity, got `NaN`',
    ],
    [{ callRetry: { initialDelayMs: 0.5 } }, 'Expected `callRetry.initialDelayMs` to be an integer >= 1, got `0.5`'],
    [{ random: 3 }, 'Expected `random` to be a function, got `3`'],
    [{ clock: {} }, 'Expected `clock` to be a Clock, with a method `now`, got `an object`'],
    [{ clock: { now: () => 0 } }, 'Expected `clock` to be a Clock, with a method `sleep`, got `an object`'],
    [{ logger: { warn() {} } }, 'Expected `logger` to be a logger, with a method `info`, got `an object`'],
    [{ logger: 'console' }, 'Expected `logger` to be a logger, got `"console"`'],
    [
      { transport: {} },
      'Expected `transport` to be a Transport (an AwsTransport, a MemoryTransport or your own), with a method `putEvents`, got `an object`',
    ],
    [
      { transport: undefined },
      'Expected `transport` to be a Transport (an AwsTransport, a MemoryTransport or your own), got `undefined`',
    ],
  ])('refuses %j', (bad, message) => {
    const make = () => new DatasetImporter({ transport, roleArn: ROLE_ARN, ...(bad as object) });
    expect(make).toThrow(InvalidOptionsError);
    expect(make).toThrow(message);
  });

  it('refuses options that are not an object', () => {
    expect(() => new DatasetImporter(undefined as never)).toThrow(
      'Expected `options` to be an object, got `undefined`',
    );
  });

  it('checks that an injected transport has every Transport method, naming the first it lacks', () => {
    const { getObject: _dropped, ...rest } = Object.fromEntries(
      TRANSPORT_METHODS.map((name) => [name, () => Promise.resolve()]),
    );
    expect(() => new DatasetImporter({ transport: rest as never, roleArn: ROLE_ARN })).toThrow(
      'with a method `getObject`',
    );
  });

  it('takes `undefined` as the default, in the options and in a group', () => {
    const importer = new DatasetImporter({
      transport,
      roleArn: ROLE_ARN,
      clock: undefined,
      poll: { initialDelayMs: undefined, maxDelayMs: 10_000 },
    } as never);
    expect(importer.config.clock).toBe(systemClock);
    expect(importer.config.poll).toEqual({ ...datasetImporterDefaults.poll, maxDelayMs: 10_000 });
  });

  it('accepts a capacity-wait budget of 0 (never wait)', () => {
    const importer = new DatasetImporter({ transport, roleArn: ROLE_ARN, capacityWait: { timeoutMs: 0 } });
    expect(importer.config.capacityWait.timeoutMs).toBe(0);
  });
});
