// The public API of `personalize-import`: the product. Named exports only, listed explicitly; `export type` for types.
// What users' tests need (MemoryTransport, ManualClock, the local endpoint) is the second entry point,
// `personalize-import/testing` (src/testing.ts). Every name here is in the API report (api/personalize-import.api.md):
// a change to this file shows up there, and CI fails when the built declarations and the report disagree.
// One section per feature; sections stay in this order (biome's import sorting is off for this file, biome.json).

// --- Errors: the base, the transport errors, and each feature's errors -------------------------------------------
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
export { RecordValidationError, type RecordValidationIssue } from './records/record-validation-error.js';
export { OutcomeUnknownError, WriterClosedError, WriterStoppedError } from './writer/writer-errors.js';

// --- Records: what the writer's put* methods take ------------------------------------------------------------------
export type { RecordKind } from './records/kinds.js';
export type {
  ActionInteractionRecord,
  ActionRecord,
  EventRecord,
  ItemRecord,
  Properties,
  PropertyValue,
  UserRecord,
} from './records/types.js';

// --- Transport: the interface, and every type a custom transport implements --------------------------------------
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
export { DATASET_TYPES } from './transport/transport.js';

// --- Transport: AWS SDK v3 -----------------------------------------------------------------------------------------
export { AwsTransport } from './transport/aws/aws-transport.js';
export type {
  AwsCredentials,
  AwsCredentialsOption,
  AwsTransportClients,
  AwsTransportConfiguration,
  AwsTransportOptions,
} from './transport/aws/aws-transport-options.js';

// --- Writer: individual records over the Events API ----------------------------------------------------------------
export { type CloseOptions, RecordWriter } from './writer/record-writer.js';
export type {
  BatchInfo,
  DeliveredCounts,
  RecordOf,
  RejectedRecord,
  SettledInfo,
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

// --- Bulk import: dataset import jobs ------------------------------------------------------------------------------
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

// --- CSV validation ------------------------------------------------------------------------------------------------
export type { CsvIssue, CsvValidationReport, TrainingUsersCount } from './csv/report.js';
export type { CsvSource } from './csv/source.js';
export { validateCsv } from './csv/validate-csv.js';
export type { ValidateCsvConfiguration, ValidateCsvOptions } from './csv/validate-options.js';
export { CSV_ISSUE_CODES, type CsvIssueCode, type CsvIssueSeverity } from './csv/validation-codes.js';

// --- Time: the clock the writer and the importer take --------------------------------------------------------------
export type { Clock, TimerHandle } from './util/clock.js';
