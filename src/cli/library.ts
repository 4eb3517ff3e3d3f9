/**
 * The one door from the CLI to the library: every name the CLI uses comes through here, and only from the package's
 * two public entries. The build maps `../index.js` to the package name `personalize-import` and `../testing.js` to
 * `personalize-import/testing`, so the built CLI runs on the built library exactly as a user's program would, with
 * one copy of every class (see tsup.config.ts).
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
  type RecordKind,
  RecordValidationError,
  RecordWriter,
  type RecordWriterOptions,
  type RejectedRecord,
  type SettledInfo,
  type StartedImport,
  type TimerHandle,
  type Transport,
  validateCsv,
  type WriterReport,
} from '../index.js';
export { ManualClock, MemoryTransport, startLocalEndpoint } from '../testing.js';
// Not library API: a pure helper shared with the benchmarks, bundled into the CLI (only the two entries stay external).
export { seededRandom } from '../util/seeded-random.js';
