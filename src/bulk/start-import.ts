/**
 * Starting an import, or finding the one already started: resolve the dataset, identify the content, derive the
 * name, attach to a job of that name if there is one, else check, validate, upload and create.
 * @module
 */
import { ConflictError, InvalidOptionsError } from '../errors.js';
import { JOB_STATUS, MAX_FULL_IMPORT_BYTES, MAX_INCREMENTAL_IMPORT_BYTES } from '../limits.js';
import type { ImportJobSummary } from '../transport/transport.js';
import { throwIfAborted } from '../util/clock.js';
import { dataLocationOf, type ParsedSource } from './bulk-source.js';
import { type ContentIdentity, identifyContent } from './content-id.js';
import { describeForAttach, findJobByName, type ImportPlan } from './find-job.js';
import { checkImportOptions, type ImportBulkOptions, type StartedImport } from './import-bulk-options.js';
import type { DatasetImporterConfiguration } from './importer-options.js';
import { deriveJobName } from './job-name.js';
import { collect, importJobsOf } from './list-all.js';
import { emitProgress } from './progress.js';
import { resolveDatasetArn } from './resolve-dataset.js';
import { retryCall } from './retry-call.js';
import { uploadFile } from './upload-source.js';
import { type CsvValidator, validateSource } from './validate-source.js';
import { withCapacityWait } from './wait-for-capacity.js';

/** What `startImport` works with. */
export interface StartContext {
  config: DatasetImporterConfiguration;
  validator: CsvValidator;
}

/** The object key a local file is uploaded to when the caller names none: the same on every re-run. */
export function defaultUploadKey(jobName: string): string {
  return `personalize-import/${jobName}.csv`;
}

/** Starts the import (or attaches to the job of the same name) and resolves without waiting for it to finish. */
export async function startImport(
  context: StartContext,
  mode: unknown,
  options: ImportBulkOptions,
): Promise<StartedImport> {
  const { importMode, source } = checkImportOptions(mode, options);
  const { config } = context;
  const { signal } = options;
  throwIfAborted(signal);
  const datasetArn = await resolveDatasetArn(config, options, signal);
  const content = await identifyContent(config, source, signal);
  const jobName = options.jobName ?? deriveJobName({ datasetArn, importMode, contentId: content.contentId });
  const uploadKey = source.kind === 'local-file' ? (source.key ?? defaultUploadKey(jobName)) : undefined;
  const plan: ImportPlan = { datasetArn, importMode, jobName, dataLocation: dataLocationOf(source, uploadKey) };
  const jobs = await collect(importJobsOf(config, datasetArn, signal));
  const existing = jobs.find((job) => job.jobName === jobName);
  if (existing !== undefined) return attach(context, plan, existing.jobArn, options);
  checkAgainstHistory(context, plan, jobs, options);
  warnIfOversized(context, plan, content.totalBytes);
  await prepareData(context, plan, { source, content, uploadKey }, options);
  return create(context, plan, options);
}

async function attach(
  context: StartContext,
  plan: ImportPlan,
  jobArn: string,
  options: ImportBulkOptions,
): Promise<StartedImport> {
  const job = await describeForAttach(context.config, jobArn, plan, options.signal);
  emitProgress(options.onProgress, { phase: 'attached', jobArn, jobName: job.jobName, status: job.status });
  context.config.logger.info(`Attached to import job ${job.jobName} (${job.status}) instead of starting another`);
  return { ...plan, dataLocation: job.dataLocation, jobArn, attached: true, status: job.status };
}

/** FULL over existing bulk data is reported; INCREMENTAL into a dataset that never had a bulk import is refused. */
function checkAgainstHistory(
  context: StartContext,
  plan: ImportPlan,
  jobs: ImportJobSummary[],
  options: ImportBulkOptions,
): void {
  const active = jobs.filter((job) => job.status === JOB_STATUS.active);
  if (plan.importMode === 'FULL') {
    const previous = active.sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0))[0];
    if (previous === undefined) return;
    emitProgress(options.onProgress, {
      phase: 'replacing',
      datasetArn: plan.datasetArn,
      previousJobArn: previous.jobArn,
    });
    context.config.logger.warn(
      `FULL import ${plan.jobName} replaces the bulk data already in ${plan.datasetArn} (imported by ` +
        `${previous.jobName}); records put individually stay. Use 'INCREMENTAL' to add to it instead`,
    );
    return;
  }
  const started = jobs.some((job) => job.status !== JOB_STATUS.createFailed);
  if (!started) {
    throw new InvalidOptionsError(
      `Dataset ${plan.datasetArn} has no bulk data yet, and its first bulk import must be 'FULL', got 'INCREMENTAL'`,
    );
  }
}

/** The per-job data limits are adjustable by AWS (INCREMENTAL at least), so a size over them is a warning, not a refusal. */
function warnIfOversized(context: StartContext, plan: ImportPlan, totalBytes: number): void {
  const limit = plan.importMode === 'FULL' ? MAX_FULL_IMPORT_BYTES : MAX_INCREMENTAL_IMPORT_BYTES;
  if (totalBytes <= limit) return;
  context.config.logger.warn(
    `${plan.dataLocation} holds ${totalBytes} bytes, over the ${limit}-byte default limit of a ${plan.importMode} ` +
      'import job: the job fails unless your account has a raised quota',
  );
}

interface SourceData {
  source: ParsedSource;
  content: ContentIdentity;
  uploadKey: string | undefined;
}

async function prepareData(
  context: StartContext,
  plan: ImportPlan,
  data: SourceData,
  options: ImportBulkOptions,
): Promise<void> {
  const { source, content, uploadKey } = data;
  const { config } = context;
  const local = source.kind === 'local-file';
  if (options.validate ?? local) {
    await validateSource({
      context: config,
      validator: context.validator,
      datasetArn: plan.datasetArn,
      importMode: plan.importMode,
      files: local ? { kind: 'local', file: source.file } : { kind: 's3', objects: content.objects },
      signal: options.signal,
      onProgress: options.onProgress,
    });
  }
  if (local && uploadKey !== undefined) {
    const { file, bucket } = source;
    const { signal, onProgress } = options;
    // Not retried: the file streams once; a re-run uploads it again under the same key.
    await uploadFile(config.transport, {
      file,
      bucket,
      key: uploadKey,
      totalBytes: content.totalBytes,
      signal,
      onProgress,
    });
  }
}

/**
 * CreateDatasetImportJob, retried on throttling and transient faults (`retryCall`) inside a wait for capacity
 * (`withCapacityWait`): a refusal for lack of room is not a fault, and waits much longer.
 */
async function create(context: StartContext, plan: ImportPlan, options: ImportBulkOptions): Promise<StartedImport> {
  const { config } = context;
  const { transport, roleArn, clock, random, capacityWait } = config;
  const { signal, onProgress } = options;
  const input = {
    ...plan,
    roleArn,
    ...(options.publishAttributionMetricsToS3 === undefined
      ? {}
      : { publishAttributionMetricsToS3: options.publishAttributionMetricsToS3 }),
    ...(options.tags === undefined ? {} : { tags: options.tags }),
  };
  emitProgress(onProgress, { phase: 'creating', ...plan });
  try {
    const { jobArn } = await withCapacityWait(
      () => retryCall(config, signal, (call) => transport.createDatasetImportJob(input, call)),
      { clock, random, capacityWait, signal, onProgress },
    );
    emitProgress(onProgress, { phase: 'created', jobArn, jobName: plan.jobName });
    return { ...plan, jobArn, attached: false, status: JOB_STATUS.createPending };
  } catch (error) {
    // Another run created the job between our look-up and our create: wait on that one.
    if (!(error instanceof ConflictError && error.reason === 'ALREADY_EXISTS')) throw error;
    const found = await findJobByName(config, plan.jobName, plan.datasetArn, signal);
    if (found === undefined) throw error;
    return attach(context, plan, found.jobArn, options);
  }
}
