// The public API of `personalize-import/testing`: what users' tests need. The in-memory fake of `Transport`
// (MemoryTransport) with its set-up, scripting and history types, a clock the test moves (ManualClock), and a local
// HTTP endpoint that serves any Transport over the AWS wire protocols (startLocalEndpoint). Every name here is in the
// API report (api/personalize-import-testing.api.md).
// Classes shared with the root entry (the errors, the Transport types) are not repeated here: import them from
// `personalize-import`. The built entry loads them from there, so there is one copy of every class.
// One section per feature; sections stay in this order (biome's import sorting is off for this file, biome.json).

// --- The in-memory fake --------------------------------------------------------------------------------------------
export { MemoryTransport } from './transport/memory/memory-transport.js';
export { UnreadImportJobError } from './transport/memory/memory-errors.js';
export {
  type MemoryJobTimings,
  type MemoryTransportConfiguration,
  type MemoryTransportOptions,
  memoryTransportDefaults,
} from './transport/memory/memory-options.js';

// --- The fake: set-up and what it stores ---------------------------------------------------------------------------
export type {
  CreateDatasetGroupInput,
  CreateDatasetInput,
  CreatedAt,
  CreatedDataset,
  CreatedEventTracker,
  CreateEventTrackerInput,
  CreateSchemaInput,
  MemoryEventTracker,
  MemoryResources,
  ResourceTags,
  StoredActionInteraction,
  StoredEvent,
} from './transport/memory/memory-types.js';

// --- The fake: scripting -------------------------------------------------------------------------------------------
export type { JobFailer } from './transport/memory/memory-jobs.js';
export type {
  FailNextOptions,
  RecordRejecter,
  RemoveScript,
  ScriptScope,
} from './transport/memory/scripted-faults.js';

// --- The fake: call history ----------------------------------------------------------------------------------------
export type {
  CallInputOf,
  CallRecord,
  CallRecordOf,
  TransportCallName,
} from './transport/memory/call-history.js';

// --- Conditions both the fake and the local endpoint simulate: latency, request-rate quotas ---------------------
export type { LatencyConfiguration, QuotaRule, QuotaScope } from './transport/memory/service-conditions.js';

// --- The local endpoint: the AWS wire protocols over any Transport -------------------------------------------------
export { type LocalEndpoint, startLocalEndpoint } from './local-endpoint/local-endpoint.js';
export type {
  FaultScope,
  LocalEndpointConfiguration,
  LocalEndpointOptions,
} from './local-endpoint/local-endpoint-options.js';
export type { CallStats, LocalEndpointStats } from './local-endpoint/endpoint-stats.js';
export type { RequestLogEntry } from './local-endpoint/request-log.js';

// --- Time the test controls ----------------------------------------------------------------------------------------
export { flushPromises, ManualClock } from './util/manual-clock.js';
