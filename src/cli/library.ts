/**
 * The one door from the CLI to the library: every name the CLI uses comes through here, and only from the package's
 * public entry. The build maps `../index.js` to the package name `personalize-import`, so the built CLI runs on the
 * built library exactly as a user's program would (see tsup.config.ts).
 * @module
 */
export {
  AbortedError,
  AwsTransport,
  type AwsTransportOptions,
  type Clock,
  type CsvValidationReport,
  DATASET_TYPES,
  type DataPlaneCall,
  DatasetImporter,
  type DatasetTarget,
  type DatasetType,
  type Domain,
  type FinishedImportJob,
  type ImportJob,
  type ImportJobSummary,
  type ImportMode,
  type ImportProgressEvent,
  type ImportSource,
  InvalidOptionsError,
  ManualClock,
  MemoryTransport,
  type RecordKind,
  RecordValidationError,
  RecordWriter,
  type RecordWriterOptions,
  type RejectedRecord,
  type SettledInfo,
  type StartedImport,
  startLocalEndpoint,
  type TimerHandle,
  type Transport,
  validateCsv,
  type WriterReport,
} from '../index.js';
export { MIN_MILLISECOND_TIMESTAMP } from '../limits.js';
// Not library API either, bundled the same way: the table of the five kinds of record, and the one way of cutting
// long text in messages (the library's and the CLI's lines alike).
export { hasEventId, RECORD_KIND_NAMES, RECORD_KINDS } from '../records/kinds.js';
export { cutLine, cutValue, MESSAGE_VALUE_MAX_CHARS } from '../util/cut-value.js';
// Not library API: a pure helper shared with the benchmarks, bundled into the CLI (only `../index.js` stays external).
export { seededRandom } from '../util/seeded-random.js';
