/**
 * The error an import is refused with when its local file fails `validateCsv`.
 * @module
 */
import { PersonalizeImportError } from '../errors.js';
import type { CsvValidationReport } from './report.js';

/** A CSV file failed validation before an import. */
export class CsvValidationError extends PersonalizeImportError {
  /**
   * Always `'CSV_INVALID'`: the stable value to switch on. Thrown (the promise rejects) by `importBulk` and
   * `startImport`, with validation on, when a CSV file or `s3://` object breaks the dataset's schema or a service rule;
   * nothing has been uploaded and no job started. `report.errors` says what to fix.
   */
  override readonly code = 'CSV_INVALID' as const;
  /** The validation report (see `validateCsv`): `report.errors` lists what to fix, with lines and codes. */
  readonly report: CsvValidationReport;
  constructor(message: string, report: CsvValidationReport) {
    super(message);
    this.name = 'CsvValidationError';
    this.report = report;
  }
}
