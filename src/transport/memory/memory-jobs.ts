/**
 * Dataset import jobs of `MemoryTransport`: created with the service's checks (the members of `CreateDatasetImportJob` in the Personalize API
 * model, https://docs.aws.amazon.com/personalize/latest/dg/API_CreateDatasetImportJob.html), moving
 * `CREATE PENDING` → `CREATE IN_PROGRESS` → `ACTIVE` | `CREATE FAILED` on the clock. States are computed when a job
 * is read: a job whose time has come runs its import then (streaming its files, so asynchronously), in the order the
 * jobs fell due, one settling at a time.
 * @module
 */
import { ConflictError, InvalidInputError, LimitExceededError, NotFoundError } from '../../errors.js';
import {
  DATA_LOCATION_PATTERN,
  JOB_NAME_PATTERN,
  JOB_STATUS,
  MAX_ACTIVE_IMPORT_JOBS,
  MAX_DATA_LOCATION_LENGTH,
  MAX_JOB_NAME_LENGTH,
} from '../../limits.js';
import type { CreateImportJobInput, ImportJob, ImportJobSummary, ListImportJobsInput, Page } from '../transport.js';
import type { ArnFactory } from './arns.js';
import { runImport } from './import-csv.js';
import type { MemoryDatasets } from './memory-datasets.js';
import type { MemoryObjects } from './memory-objects.js';
import type { MemoryTransportConfiguration } from './memory-options.js';
import { checkArn, checkOptionalArn, checkRoleArn, checkTags } from './model-checks.js';
import { paginate } from './paginate.js';
import { expectCount, type RemoveScript } from './scripted-faults.js';

/** Decides at creation whether a job will fail: answers its `failureReason`, or `undefined` to let it run. */
export type JobFailer = (job: CreateImportJobInput) => string | undefined;

interface JobState {
  readonly input: CreateImportJobInput;
  readonly jobArn: string;
  readonly createdAt: number;
  readonly seq: number;
  readonly scriptedFailure: string | undefined;
  outcome?: { status: 'ACTIVE' | 'CREATE FAILED'; failureReason?: string };
}

function invalid(field: string, constraint: string): InvalidInputError {
  return new InvalidInputError(
    `1 validation error detected: Value at '${field}' failed to satisfy constraint: ${constraint}`,
    { serviceErrorName: 'InvalidInputException' },
  );
}

function checkInput(input: CreateImportJobInput): void {
  const { jobName, roleArn, dataLocation } = input;
  if (typeof jobName !== 'string' || jobName.length < 1 || jobName.length > MAX_JOB_NAME_LENGTH) {
    throw invalid('jobName', `Member must have length between 1 and ${MAX_JOB_NAME_LENGTH}`);
  }
  if (!JOB_NAME_PATTERN.test(jobName)) {
    throw invalid('jobName', `Member must satisfy regular expression pattern: ${JOB_NAME_PATTERN.source}`);
  }
  // Optional in the model (`CreateDatasetImportJobRequest$roleArn`), though `Transport` asks for it.
  checkRoleArn('roleArn', roleArn);
  checkArn('datasetArn', input.datasetArn);
  if (typeof dataLocation !== 'string' || dataLocation.length > MAX_DATA_LOCATION_LENGTH) {
    throw invalid(
      'dataSource.dataLocation',
      `Member must have length less than or equal to ${MAX_DATA_LOCATION_LENGTH}`,
    );
  }
  if (!DATA_LOCATION_PATTERN.test(dataLocation)) {
    throw invalid(
      'dataSource.dataLocation',
      `Member must satisfy regular expression pattern: ${DATA_LOCATION_PATTERN.source}`,
    );
  }
  if (input.importMode !== 'FULL' && input.importMode !== 'INCREMENTAL') {
    throw invalid('importMode', 'Member must satisfy enum value set: [FULL, INCREMENTAL]');
  }
  checkTags(input.tags);
}

function alreadyExists(jobArn: string): ConflictError {
  return new ConflictError(`${jobArn} already exists.`, {
    reason: 'ALREADY_EXISTS',
    serviceErrorName: 'ResourceAlreadyExistsException',
  });
}

/** The import jobs of one fake account. */
export class MemoryJobs {
  readonly #jobs = new Map<string, JobState>();
  readonly #config: MemoryTransportConfiguration;
  readonly #datasets: MemoryDatasets;
  readonly #objects: MemoryObjects;
  readonly #arns: ArnFactory;
  #failers: JobFailer[] = [];
  #seq = 0;
  /** The settling under way: reads wait for it, so that a job's import runs once and is seen finished by all. */
  #settling: Promise<void> = Promise.resolve();

  constructor(
    config: MemoryTransportConfiguration,
    datasets: MemoryDatasets,
    objects: MemoryObjects,
    arns: ArnFactory,
  ) {
    this.#config = config;
    this.#datasets = datasets;
    this.#objects = objects;
    this.#arns = arns;
  }

  async create(input: CreateImportJobInput): Promise<{ jobArn: string }> {
    checkInput(input);
    await this.settle();
    // From here on synchronous: a create that ran concurrently is either wholly before this one or wholly after.
    const jobArn = this.#arns.importJob(input.jobName);
    if (this.#jobs.has(jobArn)) throw alreadyExists(jobArn);
    this.#datasets.dataset(input.datasetArn);
    this.#checkCapacity(input);
    const createdAt = this.#config.clock.now();
    const scriptedFailure = this.#scriptedFailure(input);
    this.#jobs.set(jobArn, { input: { ...input }, jobArn, createdAt, seq: ++this.#seq, scriptedFailure });
    return { jobArn };
  }

  async describe(jobArn: string): Promise<ImportJob> {
    await this.settle();
    const job = this.#jobs.get(jobArn);
    if (job === undefined) {
      throw new NotFoundError(`Dataset import job ${jobArn} does not exist.`, {
        serviceErrorName: 'ResourceNotFoundException',
      });
    }
    return this.#view(job);
  }

  async list(input: ListImportJobsInput): Promise<Page<ImportJobSummary>> {
    await this.settle();
    checkOptionalArn('datasetArn', input.datasetArn);
    if (input.datasetArn !== undefined && this.#config.strict) this.#datasets.dataset(input.datasetArn);
    const jobs = [...this.#jobs.values()]
      .filter((job) => input.datasetArn === undefined || job.input.datasetArn === input.datasetArn)
      .sort((a, b) => b.createdAt - a.createdAt || b.seq - a.seq)
      .map((job): ImportJobSummary => {
        const { jobArn, jobName, status, importMode, createdAt, updatedAt, failureReason } = this.#view(job);
        const summary: ImportJobSummary = { jobArn, jobName, status, importMode };
        if (createdAt !== undefined) summary.createdAt = createdAt;
        if (updatedAt !== undefined) summary.updatedAt = updatedAt;
        if (failureReason !== undefined) summary.failureReason = failureReason;
        return summary;
      });
    return paginate(jobs, input.nextToken, input.maxResults);
  }

  /** Makes the next `count` jobs created fail with `reason` when they finish. */
  failNextJob(reason: string, count = 1): RemoveScript {
    expectCount(count);
    let remaining = count;
    return this.failJobsWhere(() => (remaining-- > 0 ? reason : undefined));
  }

  /** Makes every job created from now on, for which `failer` answers a reason, fail with it when it finishes. */
  failJobsWhere(failer: JobFailer): RemoveScript {
    this.#failers.push(failer);
    return () => {
      this.#failers = this.#failers.filter((other) => other !== failer);
    };
  }

  clearScripts(): void {
    this.#failers = [];
  }

  /**
   * Runs, in the order they fell due, the imports of every job whose time has come; resolves once they have finished.
   * Settlings queue up: one that starts while another runs waits for it.
   */
  settle(): Promise<void> {
    const settled = this.#settling.then(() => this.#settleDue());
    this.#settling = settled.catch(() => undefined);
    return settled;
  }

  /**
   * The first job of `datasetArn` (in the order they fell due) whose time has come but which has not finished: its
   * rows are not in the dataset until a call reads it.
   */
  unreadDue(datasetArn: string): { jobArn: string; jobName: string } | undefined {
    const now = this.#config.clock.now();
    const due = [...this.#jobs.values()]
      .filter((job) => job.input.datasetArn === datasetArn && job.outcome === undefined && this.#doneAt(job) <= now)
      .sort((a, b) => this.#doneAt(a) - this.#doneAt(b) || a.seq - b.seq)[0];
    return due === undefined ? undefined : { jobArn: due.jobArn, jobName: due.input.jobName };
  }

  async #settleDue(): Promise<void> {
    const now = this.#config.clock.now();
    const due = [...this.#jobs.values()]
      .filter((job) => job.outcome === undefined && this.#doneAt(job) <= now)
      .sort((a, b) => this.#doneAt(a) - this.#doneAt(b) || a.seq - b.seq);
    for (const job of due) await this.#finish(job);
  }

  /** The checks that depend on the jobs running: IN_USE (optional), the quota of 5, FULL first. */
  #checkCapacity(input: CreateImportJobInput): void {
    const running = [...this.#jobs.values()].filter((job) => job.outcome === undefined);
    if (this.#config.rejectConcurrentImports && running.some((job) => job.input.datasetArn === input.datasetArn)) {
      throw new ConflictError(`Dataset ${input.datasetArn} has an import job in progress.`, {
        reason: 'IN_USE',
        serviceErrorName: 'ResourceInUseException',
      });
    }
    if (running.length >= MAX_ACTIVE_IMPORT_JOBS) {
      const message = `More than ${MAX_ACTIVE_IMPORT_JOBS} resources with PENDING or IN_PROGRESS status.`;
      throw new LimitExceededError(message, { serviceErrorName: 'LimitExceededException' });
    }
    if (input.importMode === 'INCREMENTAL' && !this.#hasImported(input.datasetArn)) {
      throw new InvalidInputError(
        `Dataset ${input.datasetArn} has no bulk data yet: its first import must use importMode FULL.`,
        { serviceErrorName: 'InvalidInputException' },
      );
    }
  }

  async #finish(job: JobState): Promise<void> {
    const dataset = this.#datasets.datasets.get(job.input.datasetArn);
    let failureReason = job.scriptedFailure;
    if (failureReason === undefined && dataset === undefined) failureReason = 'The dataset no longer exists.';
    if (failureReason === undefined && dataset !== undefined) {
      const schema = this.#datasets.schema(dataset.schemaArn);
      failureReason = await runImport(this.#objects, dataset, schema, job.input, this.#config);
    }
    job.outcome = failureReason === undefined ? { status: 'ACTIVE' } : { status: 'CREATE FAILED', failureReason };
  }

  #doneAt(job: JobState): number {
    return job.createdAt + this.#config.jobTimings.pendingMs + this.#config.jobTimings.inProgressMs;
  }

  #hasImported(datasetArn: string): boolean {
    return [...this.#jobs.values()].some(
      (job) => job.input.datasetArn === datasetArn && job.outcome?.status === 'ACTIVE',
    );
  }

  #scriptedFailure(input: CreateImportJobInput): string | undefined {
    for (const failer of this.#failers) {
      const reason = failer(input);
      if (reason !== undefined) return reason;
    }
    return undefined;
  }

  #view(job: JobState): ImportJob {
    const { pendingMs } = this.#config.jobTimings;
    const now = this.#config.clock.now();
    const started = job.createdAt + pendingMs;
    const status = job.outcome?.status ?? (now < started ? JOB_STATUS.createPending : JOB_STATUS.createInProgress);
    const updatedAt = job.outcome !== undefined ? this.#doneAt(job) : now < started ? job.createdAt : started;
    const { jobName, datasetArn, dataLocation, roleArn, importMode, publishAttributionMetricsToS3 } = job.input;
    return {
      jobArn: job.jobArn,
      jobName,
      datasetArn,
      dataLocation,
      ...(roleArn !== undefined && { roleArn }),
      importMode,
      status,
      createdAt: new Date(job.createdAt),
      updatedAt: new Date(updatedAt),
      ...(job.outcome?.failureReason !== undefined && { failureReason: job.outcome.failureReason }),
      ...(publishAttributionMetricsToS3 !== undefined && { publishAttributionMetricsToS3 }),
    };
  }
}
