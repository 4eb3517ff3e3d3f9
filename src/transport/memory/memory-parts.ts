/**
 * The parts one `MemoryTransport` is made of, built once by its constructor and held in a `#private` field, so that
 * none of them is part of the published class.
 * @module
 */
import type { DataPlaneCall } from '../transport.js';
import { ArnFactory } from './arns.js';
import { CallHistory } from './call-history.js';
import { MemoryDatasets } from './memory-datasets.js';
import { MemoryJobs } from './memory-jobs.js';
import { MemoryObjects } from './memory-objects.js';
import { type MemoryTransportConfiguration, quotaRules } from './memory-options.js';
import { ScriptedFaults } from './scripted-faults.js';
import { RequestQuota } from './service-conditions.js';

/** The state and the rules of one fake account. */
export interface MemoryParts {
  readonly config: MemoryTransportConfiguration;
  /** Dataset groups, datasets, schemas, trackers and the records put into them. */
  readonly state: MemoryDatasets;
  /** The in-memory S3. */
  readonly objects: MemoryObjects;
  /** Import jobs on the clock. */
  readonly jobs: MemoryJobs;
  /** Scripted throttles, failures and rejecters. */
  readonly faults: ScriptedFaults;
  /** The `requestsPerSecond` token buckets. */
  readonly quota: RequestQuota;
  /** Every call, for assertions. */
  readonly calls: CallHistory;
}

/** Builds the parts of a transport from its resolved configuration. */
export function createMemoryParts(config: MemoryTransportConfiguration): MemoryParts {
  const arns = new ArnFactory(config.region, config.accountId);
  const state = new MemoryDatasets(arns, config.clock);
  const objects = new MemoryObjects(config.clock);
  return {
    config,
    state,
    objects,
    jobs: new MemoryJobs(config, state, objects, arns),
    faults: new ScriptedFaults(),
    quota: new RequestQuota(quotaRules(config), 'per-call', config.clock),
    calls: new CallHistory(config.historyLimit),
  };
}

/** Whether `call` is a data-plane call (which the quota and `rejectRecords` apply to). */
export function isDataPlane(call: string): call is DataPlaneCall {
  return call.startsWith('put');
}
