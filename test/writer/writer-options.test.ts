/** The writer's options: every bad value, injected collaborators included, fails at construction with its name. */
import { describe, expect, it } from 'vitest';
import { InvalidOptionsError } from '../../src/errors.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { ManualClock } from '../../src/util/manual-clock.js';
import { RecordWriter } from '../../src/writer/record-writer.js';
import { recordWriterDefaults } from '../../src/writer/writer-options.js';

const transport = new MemoryTransport();

function construct(options: Record<string, unknown>): () => RecordWriter {
  return () => new RecordWriter({ transport, trackingId: 't', ...options } as never);
}

describe('RecordWriter options: injected collaborators are checked at construction', () => {
  it('refuses the example of issue 8, naming the transport', () => {
    const build = () =>
      new RecordWriter({ transport: {}, clock: {}, random: 5, generateEventId: 'x', trackingId: 't' } as never);
    expect(build).toThrow(InvalidOptionsError);
    expect(build).toThrow(/`transport`/);
  });

  it.each([
    [{ transport: {} }, /`transport` to be a Transport .*`putEvents`/],
    [{ transport: { ...Object.create(null), putEvents: () => Promise.resolve() } }, /`transport`.*`putUsers`/],
    [{ transport: null }, /`transport` to be a Transport/],
    [{ clock: {} }, /`clock` to be a Clock.*`now`/],
    [{ clock: { now: () => 0, sleep: () => Promise.resolve() } }, /`clock`.*`setTimer`/],
    [{ random: 5 }, /`random` to be a function, got `5`/],
    [{ generateEventId: 'x' }, /`generateEventId` to be a function, got `"x"`/],
    [{ onBatch: true }, /`onBatch` to be a function/],
    [{ onSettled: {} }, /`onSettled` to be a function/],
  ])('refuses %o', (options, message) => {
    expect(construct(options)).toThrow(InvalidOptionsError);
    expect(construct(options)).toThrow(message);
  });

  it('takes a transport that has the five put methods, and undefined as "the default"', () => {
    const puts = {
      putEvents: () => Promise.resolve(),
      putUsers: () => Promise.resolve(),
      putItems: () => Promise.resolve(),
      putActions: () => Promise.resolve(),
      putActionInteractions: () => Promise.resolve(),
    };
    expect(construct({ transport: puts, clock: undefined, random: undefined, onBatch: undefined })).not.toThrow();
    expect(construct({ clock: new ManualClock() })).not.toThrow();
  });
});

describe('RecordWriter options: ranges', () => {
  it.each([
    [{ maxConcurrency: 0 }, 'Expected `maxConcurrency` to be an integer in 1..10000, got `0`'],
    [{ maxConcurrency: 10_001 }, 'Expected `maxConcurrency` to be an integer in 1..10000, got `10001`'],
    [{ maxConcurrency: 1.5 }, 'Expected `maxConcurrency` to be an integer in 1..10000, got `1.5`'],
    [{ maxBufferedRecords: 5, maxBatchSize: 6 }, 'Expected `maxBufferedRecords` to be an integer >= 6, got `5`'],
    [{ retry: { retries: -1 } }, 'Expected `retry.retries` to be an integer in 0..1000, got `-1`'],
    [{ retry: { initialDelayMs: -1 } }, 'Expected `retry.initialDelayMs` to be an integer >= 0, got `-1`'],
    [{ retry: { initialDelayMs: 200, maxDelayMs: 100 } }, 'Expected `retry.maxDelayMs` to be an integer >= 200'],
    [{ retry: { timeoutMs: -1 } }, 'Expected `retry.timeoutMs` to be a number >= 0, got `-1`'],
    [{ rate: { windowMs: 0 } }, 'Expected `rate.windowMs` to be an integer >= 1, got `0`'],
    [{ rate: { increaseFactor: 11 } }, 'Expected `rate.increaseFactor` to be a number in 1..10, got `11`'],
    [{ rate: { initialRequestsPerSecond: { putUsers: 0 } } }, '`rate.initialRequestsPerSecond.putUsers`'],
    [{ rate: { adaptive: 'no' } }, 'Expected `rate.adaptive` to be a boolean, got `"no"`'],
    [{ datasets: 'arn' }, 'Expected `datasets` to be an object'],
  ])('refuses %o', (options, message) => {
    expect(construct(options)).toThrow(InvalidOptionsError);
    expect(construct(options)).toThrow(message);
  });

  it('takes maxConcurrency at both ends of its range', () => {
    expect(construct({ maxConcurrency: 1 })).not.toThrow();
    expect(construct({ maxConcurrency: 10_000 })).not.toThrow();
  });
});

describe('recordWriterDefaults', () => {
  it('holds every default, the collaborators included, and the retry in the back-off vocabulary', () => {
    expect(recordWriterDefaults.retry).toEqual({
      retries: 8,
      initialDelayMs: 100,
      maxDelayMs: 20_000,
      timeoutMs: 120_000,
    });
    expect(typeof recordWriterDefaults.clock.now).toBe('function');
    expect(recordWriterDefaults.random).toBe(Math.random);
    expect(typeof recordWriterDefaults.generateEventId()).toBe('string');
    expect(recordWriterDefaults).toMatchObject({
      maxBatchSize: 10,
      flushIntervalMs: 1000,
      maxBufferedRecords: 10_000,
      maxConcurrency: 64,
    });
  });
});
