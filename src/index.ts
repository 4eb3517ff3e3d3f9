// The public API of personalize-import. Named exports only, listed explicitly; `export type` for types.

// Errors
export {
  AbortedError,
  ConflictError,
  type ConflictReason,
  CsvValidationError,
  FatalTransportError,
  ImportJobFailedError,
  ImportJobTimeoutError,
  InvalidInputError,
  InvalidOptionsError,
  LimitExceededError,
  NotFoundError,
  PersonalizeImportError,
  type RecordKind,
  RecordValidationError,
  type RecordValidationIssue,
  ThrottledError,
  TransientError,
  TransportError,
  type TransportErrorOptions,
  WriterClosedError,
} from './errors.js';

// Limits
export * as limits from './limits.js';

// Records
export type {
  ActionInteractionRecord,
  ActionRecord,
  EventRecord,
  ItemRecord,
  Properties,
  PropertyValue,
  UserRecord,
} from './records/types.js';
export { toWireRecord, type WireRecordOf } from './records/validate-record.js';

// Transports
export type {
  CallOptions,
  CreateImportJobInput,
  DataPlaneCall,
  Dataset,
  DatasetGroup,
  DatasetSummary,
  DatasetType,
  Domain,
  ImportJob,
  ImportJobStatus,
  ImportJobSummary,
  ImportMode,
  ListDatasetsInput,
  ListImportJobsInput,
  ListObjectsInput,
  ObjectInfo,
  ObjectLocation,
  Page,
  PutActionInteractionsInput,
  PutActionsInput,
  PutEventsInput,
  PutItemsInput,
  PutUsersInput,
  Schema,
  Transport,
  UploadObjectInput,
  WireAction,
  WireActionInteraction,
  WireEvent,
  WireItem,
  WireUser,
} from './transport/transport.js';
// (memory transport exports)
// (aws transport exports)
export type { CallStats, LocalEndpointStats } from './local-endpoint/endpoint-stats.js';
export { type LocalEndpoint, startLocalEndpoint } from './local-endpoint/local-endpoint.js';
export {
  type FaultScope,
  type LocalEndpointOptions,
  localEndpointDefaults,
  type QuotaRule,
  type QuotaScope,
} from './local-endpoint/local-endpoint-options.js';

// Writer
// (writer exports)

// Bulk import
// (bulk exports)

// CSV validation
// (csv exports)
