/**
 * The errors of `MemoryTransport`'s own inspection methods (not of the `Transport` calls, whose errors are the
 * service's).
 * @module
 */
import { PersonalizeImportError } from '../../errors.js';

/** `bulkRows` was asked for a dataset whose import job is due on the clock but has not been read yet. */
export class UnreadImportJobError extends PersonalizeImportError {
  /**
   * Always `'UNREAD_IMPORT_JOB'`: the stable value to switch on. Thrown by `MemoryTransport.bulkRows` when an import
   * job of the dataset has reached its end on the clock but no call has read it: the fake's jobs read their files
   * when a call reads the job (`describeDatasetImportJob`, `listDatasetImportJobs`, `createDatasetImportJob`,
   * `importJobs()`), asynchronously, so `bulkRows` cannot finish it and would otherwise answer the rows of before.
   * Read the job first (`await transport.importJobs()`, or as a poll loop does), then ask again.
   */
  override readonly code = 'UNREAD_IMPORT_JOB' as const;
  /** ARN of the job due but unread. */
  readonly jobArn: string;
  constructor(datasetArn: string, jobArn: string, jobName: string) {
    super(
      `bulkRows(${datasetArn}): import job ${jobName} of this dataset is due on the clock but no call has read it, so its rows are not in yet. Read the job first (await transport.importJobs(), or describeDatasetImportJob as a poll loop does), then call bulkRows again.`,
    );
    this.name = 'UnreadImportJobError';
    this.jobArn = jobArn;
  }
}
