// The public API of personalize-import. Named exports only, listed explicitly; `export type` for types.
// Sections stay in this order: biome's import sorting is off for this file (biome.json).

// Errors
export {
  AbortedError,
  ConflictError,
  type ConflictReason,
  FatalTransportError,
  InvalidInputError,
  InvalidOptionsError,
  LimitExceededError,
  NotFoundError,
  PersonalizeImportError,
  ThrottledError,
  TransientError,
  TransportError,
  type TransportErrorOptions,
} from './errors.js';
export { ImportJobFailedError, ImportJobTimeoutError, PreviousImportJobFailedError } from './bulk/import-errors.js';
export { CsvValidationError } from './csv/csv-validation-error.js';
export type { RecordKind } from './records/kinds.js';
export { RecordValidationError, type RecordValidationIssue } from './records/record-validation-error.js';
export { OutcomeUnknownError, WriterClosedError, WriterStoppedError } from './writer/writer-errors.js';

// Service limits (personalize-facts.md)
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

// Transports: the interface
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
export { DATA_PLANE_CALLS, DATASET_TYPES } from './transport/transport.js';

// Transports: the in-memory fake
export type {
  CallInputOf,
  CallRecord,
  CallRecordOf,
  TransportCallName,
} from './transport/memory/call-history.js';
export type { JobFailer } from './transport/memory/memory-jobs.js';
export {
  type MemoryJobTimings,
  type MemoryTransportConfiguration,
  type MemoryTransportOptions,
  memoryTransportDefaults,
} from './transport/memory/memory-options.js';
export { MemoryTransport } from './transport/memory/memory-transport.js';
export type {
  BulkRow,
  CreateDatasetGroupInput,
  CreateDatasetInput,
  CreatedDataset,
  StoredActionInteraction,
  StoredEvent,
} from './transport/memory/memory-types.js';
export type {
  DataPlaneInput,
  ErrorFactory,
  FailNextOptions,
  RecordRejecter,
  RemoveScript,
  ScriptScope,
  WireRecord,
} from './transport/memory/scripted-faults.js';

// Transports: AWS SDK v3
export { AwsTransport } from './transport/aws/aws-transport.js';
export {
  type AwsCredentials,
  type AwsCredentialsOption,
  type AwsTransportClients,
  type AwsTransportConfiguration,
  type AwsTransportOptions,
  awsTransportDefaults,
} from './transport/aws/aws-transport-options.js';
export { type AwsPlane, classifyAwsError } from './transport/aws/classify-error.js';

// Local endpoint (the wire protocols over any Transport)
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
export { type CloseOptions, RecordWriter } from './writer/record-writer.js';
export type {
  BatchInfo,
  SettledInfo,
  DeliveredCounts,
  RecordOf,
  RejectedRecord,
  StopCause,
  WriterReport,
  WriterStats,
} from './writer/report.js';
export {
  type RecordWriterConfiguration,
  type RecordWriterOptions,
  recordWriterDefaults,
  type WriterDatasets,
  type WriterRateConfiguration,
  type WriterRateOptions,
  type WriterRetryConfiguration,
} from './writer/writer-options.js';

// Bulk import
export type { ImportSource, LocalFileSource } from './bulk/bulk-source.js';
export { DatasetImporter } from './bulk/dataset-importer.js';
export type {
  ImportBulkOptions,
  ImportSourceOptions,
  StartedImport,
  WaitForJobOptions,
} from './bulk/import-bulk-options.js';
export {
  type DatasetImporterConfiguration,
  type DatasetImporterOptions,
  datasetImporterDefaults,
  type ImporterLogger,
} from './bulk/importer-options.js';
export type { BackoffConfiguration } from './util/backoff.js';
export { deriveJobName, type JobNameInput } from './bulk/job-name.js';
export type {
  AttachedEvent,
  CreatedEvent,
  CreatingEvent,
  DoneEvent,
  FinishedImportJob,
  ImportPhase,
  ImportProgressEvent,
  ProgressListener,
  ReplacingEvent,
  UploadingEvent,
  ValidatingEvent,
  WaitingEvent,
  WaitingForCapacityEvent,
} from './bulk/progress.js';
export type { DatasetArnTarget, DatasetTarget, DatasetTypeTarget } from './bulk/resolve-dataset.js';

// CSV validation
export {
  type AvroFieldType,
  type DatasetSchema,
  parseAvroSchema,
  type SchemaField,
} from './csv/avro-schema.js';
export type { CsvIssue, CsvValidationReport, TrainingUsersCount } from './csv/report.js';
export type { CsvSource } from './csv/source.js';
export { validateCsv } from './csv/validate-csv.js';
export {
  type ValidateCsvConfiguration,
  type ValidateCsvOptions,
  validateCsvDefaults,
} from './csv/validate-options.js';
export { CSV_ISSUE_CODES, type CsvIssueCode, type CsvIssueSeverity } from './csv/validation-codes.js';

// Time
export { type Clock, systemClock, type TimerHandle } from './util/clock.js';
export { flushPromises, ManualClock } from './util/manual-clock.js';
