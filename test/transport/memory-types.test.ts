import { describe, expect, expectTypeOf, it } from 'vitest';
import { MemoryTransport } from '../../src/testing.js';
import type { Transport } from '../../src/transport/transport.js';

describe('MemoryTransport types', () => {
  it('is a Transport', () => {
    expectTypeOf<MemoryTransport>().toExtend<Transport>();
  });

  it('has each Transport method with exactly its signature', () => {
    type Same = { [K in keyof Transport]: MemoryTransport[K] };
    expectTypeOf<Same>().toEqualTypeOf<Transport>();
  });

  it('shows no part of itself: its state, jobs, objects, faults, quota and history are private', () => {
    type Public = Exclude<keyof MemoryTransport, keyof Transport>;
    expectTypeOf<Public>().toEqualTypeOf<
      | 'config'
      | 'createDatasetGroup'
      | 'createSchema'
      | 'createDataset'
      | 'createEventTracker'
      | 'deleteDatasetGroup'
      | 'deleteDataset'
      | 'deleteSchema'
      | 'deleteEventTracker'
      | 'addTracker'
      | 'createBucket'
      | 'putObject'
      | 'throttleNext'
      | 'failNext'
      | 'rejectRecords'
      | 'failNextJob'
      | 'failJobsWhere'
      | 'clearScripts'
      | 'history'
      | 'callsOf'
      | 'clearHistory'
      | 'events'
      | 'actionInteractions'
      | 'users'
      | 'items'
      | 'actions'
      | 'bulkRows'
      | 'objectText'
      | 'resources'
      | 'importJobs'
      | 'objectList'
      | 'buckets'
    >();
    // At run time too: the one own property is the resolved configuration.
    expect(Object.keys(new MemoryTransport())).toEqual(['config']);
    expect(Object.getPrototypeOf(MemoryTransport.prototype)).toBe(Object.prototype);
  });
});
