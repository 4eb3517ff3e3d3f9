/**
 * Finding the job a re-run should attach to, and checking that it is the same import.
 * @module
 */
import { ConflictError } from '../errors.js';
import { JOB_STATUS } from '../limits.js';
import type { ImportJob, ImportJobSummary, ImportMode } from '../transport/transport.js';
import { PreviousImportJobFailedError } from './import-errors.js';
import { importJobsOf } from './list-all.js';
import { type CallContext, retryCall } from './retry-call.js';

/** The import a job must match to be attached to. */
export interface ImportPlan {
  datasetArn: string;
  importMode: ImportMode;
  jobName: string;
  dataLocation: string;
}

/** The job named `jobName`: on the dataset first, then anywhere in the account (names are unique per account). */
export async function findJobByName(
  context: CallContext,
  jobName: string,
  datasetArn: string,
  signal?: AbortSignal,
): Promise<ImportJobSummary | undefined> {
  for (const scope of [datasetArn, undefined]) {
    for await (const job of importJobsOf(context, scope, signal)) {
      if (job.jobName === jobName) return job;
    }
  }
  return undefined;
}

/**
 * Describes the job found under the plan's name and checks that it is this import: same dataset, same mode. A job
 * that failed rejects with `PreviousImportJobFailedError` (the name cannot be reused).
 */
export async function describeForAttach(
  context: CallContext,
  jobArn: string,
  plan: ImportPlan,
  signal?: AbortSignal,
): Promise<ImportJob> {
  const job = await retryCall(context, signal, (call) => context.transport.describeDatasetImportJob(jobArn, call));
  if (job.datasetArn !== plan.datasetArn || job.importMode !== plan.importMode) {
    throw new ConflictError(
      `An import job named ${plan.jobName} already exists (${job.jobArn}) for ${job.importMode} into ` +
        `${job.datasetArn}, not for ${plan.importMode} into ${plan.datasetArn}: job names are unique per account ` +
        'and region, pass another `jobName`',
      { reason: 'ALREADY_EXISTS' },
    );
  }
  if (job.status === JOB_STATUS.createFailed) {
    throw new PreviousImportJobFailedError(job.jobArn, job.jobName, job.failureReason ?? 'no reason given');
  }
  return job;
}
