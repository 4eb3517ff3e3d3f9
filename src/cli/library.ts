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
// Not library API, bundled into the CLI (only the two entries stay external): the table of the five kinds of record,
// the one way of cutting long text in messages (the library's and the CLI's lines alike), a timestamp bound, and a
// pure helper shared with the benchmarks.
export { MIN_MILLISECOND_TIMESTAMP } from '../limits.js';
export { hasEventId, RECORD_KIND_NAMES, RECORD_KINDS } from '../records/kinds.js';
export { ManualClock, MemoryTransport, startLocalEndpoint } from '../testing.js';
export { cutLine, cutValue, MESSAGE_VALUE_MAX_CHARS } from '../util/cut-value.js';
export { seededRandom } from '../util/seeded-random.js';
