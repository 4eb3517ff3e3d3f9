import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { UploadingEvent } from '../../src/bulk/progress.js';
import { CsvValidationError } from '../../src/csv/csv-validation-error.js';
import type { CsvValidationReport } from '../../src/csv/report.js';
import { AbortedError, TransientError } from '../../src/errors.js';
import { BUCKET, bulkFixture, interactionsCsv, settle } from './support/fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'bulk-local-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('importBulk: a local file', () => {
  it('validates, uploads with progress, starts and finishes the job', async () => {
    const f = bulkFixture();
    const path = file('good.csv', interactionsCsv(1500));
    const job = await settle(
      f.clock,
      f.importer.importBulk('FULL', {
        datasetArn: f.datasetArn,
        source: { file: path, bucket: BUCKET },
        onProgress: f.onProgress,
      }),
    );
    const key = `personalize-import/${job.jobName}.csv`;
    expect(job).toMatchObject({ status: 'ACTIVE', dataLocation: `s3://${BUCKET}/${key}` });
    expect(f.transport.objectText({ bucket: BUCKET, key })).toBe(interactionsCsv(1500));
    expect(f.transport.bulkRows(f.datasetArn)).toHaveLength(1500);
    const phases = [...new Set(f.events.map((event) => event.phase))];
    expect(phases).toEqual(['validating', 'uploading', 'creating', 'created', 'waiting', 'done']);
    const uploads = f.events.filter((event): event is UploadingEvent => event.phase === 'uploading');
    const size = Buffer.byteLength(interactionsCsv(1500));
    expect(uploads[0]).toMatchObject({ loadedBytes: 0, totalBytes: size, key });
    expect(uploads.at(-1)).toMatchObject({ loadedBytes: size, totalBytes: size });
    // The schema came from the dataset.
    expect(f.transport.callsOf('describeSchema')).toHaveLength(1);
  });

  it('attaches on a re-run without validating or uploading again; a changed file gets a new job', async () => {
    const f = bulkFixture();
    const path = file('rerun.csv', interactionsCsv(1000));
    const options = { datasetArn: f.datasetArn, source: { file: path, bucket: BUCKET } };
    const first = await f.importer.startImport('FULL', options);
    const again = await f.importer.startImport('FULL', options);
    expect(again).toMatchObject({ attached: true, jobArn: first.jobArn });
    expect(f.transport.callsOf('uploadObject')).toHaveLength(1);
    expect(f.transport.callsOf('describeSchema')).toHaveLength(1);
    await f.clock.advance(10_000);
    writeFileSync(path, interactionsCsv(1001));
    const changed = await f.importer.startImport('FULL', options);
    expect(changed.attached).toBe(false);
    expect(changed.jobName).not.toBe(first.jobName);
    expect(f.transport.callsOf('createDatasetImportJob')).toHaveLength(2);
  });

  it('refuses an invalid file with its report, before any upload or job', async () => {
    const f = bulkFixture();
    const text = interactionsCsv(1200).replace('u10,i10,1700000010,click', 'u10,i10,1700000010000,click');
    const path = file('millis.csv', text);
    const importing = f.importer.importBulk('FULL', {
      datasetArn: f.datasetArn,
      source: { file: path, bucket: BUCKET },
    });
    const error = await importing.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvValidationError);
    const report = (error as CsvValidationError).report as CsvValidationReport;
    expect(report.valid).toBe(false);
    expect(report.errors[0]).toMatchObject({ line: 12, column: 'TIMESTAMP', code: 'TIMESTAMP_IN_MILLISECONDS' });
    expect((error as Error).message).toMatch(
      /millis\.csv is not valid .*line 12, column TIMESTAMP: TIMESTAMP_IN_MILLISECONDS/,
    );
    expect(f.transport.callsOf('uploadObject')).toHaveLength(0);
    expect(f.transport.callsOf('createDatasetImportJob')).toHaveLength(0);
  });

  it('skips validation with validate: false and uploads to the given key', async () => {
    const f = bulkFixture();
    const path = file('unchecked.csv', interactionsCsv(10));
    const started = await f.importer.startImport('FULL', {
      datasetArn: f.datasetArn,
      source: { file: path, bucket: BUCKET, key: 'in/x.csv' },
      validate: false,
    });
    expect(started.dataLocation).toBe(`s3://${BUCKET}/in/x.csv`);
    expect(f.transport.callsOf('describeSchema')).toHaveLength(0);
    expect(f.transport.objectText({ bucket: BUCKET, key: 'in/x.csv' })).toBe(interactionsCsv(10));
  });
});

describe('importBulk: a failed upload', () => {
  it('starts no job, and running the import again completes it with one job', async () => {
    const f = bulkFixture();
    const path = file('flaky.csv', interactionsCsv(1000));
    const options = { datasetArn: f.datasetArn, source: { file: path, bucket: BUCKET } };
    f.transport.failNext(1, { call: 'uploadObject' });
    await expect(f.importer.importBulk('FULL', options)).rejects.toBeInstanceOf(TransientError);
    expect(f.transport.callsOf('createDatasetImportJob')).toHaveLength(0);
    const job = await settle(f.clock, f.importer.importBulk('FULL', options));
    expect(job.status).toBe('ACTIVE');
    expect(f.transport.callsOf('createDatasetImportJob')).toHaveLength(1);
  });
});

describe('importBulk: validate: true on S3', () => {
  it('reads the object and refuses it when invalid', async () => {
    const f = bulkFixture();
    f.transport.putObject({ bucket: BUCKET, key: 'bad.csv' }, interactionsCsv(999));
    const importing = f.importer.importBulk('FULL', {
      datasetArn: f.datasetArn,
      source: `s3://${BUCKET}/bad.csv`,
      validate: true,
    });
    await expect(importing).rejects.toBeInstanceOf(CsvValidationError);
    await expect(importing).rejects.toThrow(/TOO_FEW_INTERACTIONS/);
    expect(f.transport.callsOf('getObject')).toHaveLength(1);
    expect(f.transport.callsOf('createDatasetImportJob')).toHaveLength(0);
  });

  it('checks the interaction minimum on a folder as a whole', async () => {
    const f = bulkFixture();
    f.transport.putObject({ bucket: BUCKET, key: 'ok/a.csv' }, interactionsCsv(600));
    f.transport.putObject({ bucket: BUCKET, key: 'ok/b.csv' }, interactionsCsv(600, 'b'));
    f.transport.putObject({ bucket: BUCKET, key: 'small/a.csv' }, interactionsCsv(400));
    f.transport.putObject({ bucket: BUCKET, key: 'small/b.csv' }, interactionsCsv(400, 'b'));
    const ok = await f.importer.startImport('FULL', {
      datasetArn: f.datasetArn,
      source: `s3://${BUCKET}/ok/`,
      validate: true,
      onProgress: f.onProgress,
    });
    expect(ok.attached).toBe(false);
    expect(f.events.filter((event) => event.phase === 'validating')).toEqual([
      { phase: 'validating', source: `s3://${BUCKET}/ok/a.csv` },
      { phase: 'validating', source: `s3://${BUCKET}/ok/b.csv` },
    ]);
    const small = f.importer.startImport('FULL', {
      datasetArn: f.datasetArn,
      source: `s3://${BUCKET}/small/`,
      validate: true,
    });
    await expect(small).rejects.toThrow(/2 CSV files hold 800 interactions in all/);
    const report = ((await small.catch((e: unknown) => e)) as CsvValidationError).report as CsvValidationReport;
    expect(report).toMatchObject({ valid: false, rows: 800, errorCount: 1 });
  });
});

describe('importBulk: abort', () => {
  it('rejects with AbortedError (not a DOMException) when aborted while reading the file', async () => {
    const f = bulkFixture();
    const path = file('abort.csv', interactionsCsv(1000));
    const controller = new AbortController();
    const importing = f.importer.importBulk('FULL', {
      datasetArn: f.datasetArn,
      source: { file: path, bucket: BUCKET },
      signal: controller.signal,
    });
    controller.abort();
    const error = await importing.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
    // It came from the file stream, converted.
    expect((error as AbortedError).cause).toMatchObject({ name: 'AbortError' });
    expect(f.transport.callsOf('uploadObject')).toHaveLength(0);
    expect(f.transport.callsOf('createDatasetImportJob')).toHaveLength(0);
  });

  it('makes no call with a signal aborted before the start', async () => {
    const f = bulkFixture();
    const importing = f.importer.importBulk('FULL', {
      datasetArn: f.datasetArn,
      source: `s3://${BUCKET}/data/interactions.csv`,
      signal: AbortSignal.abort(),
    });
    await expect(importing).rejects.toBeInstanceOf(AbortedError);
    expect(f.transport.history).toHaveLength(0);
  });
});
