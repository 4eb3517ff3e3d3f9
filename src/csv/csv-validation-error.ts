/**
 * The error an import is refused with when its local file fails `validateCsv`.
 * @module
 */
import { PersonalizeImportError } from '../errors.js';
import type { CsvValidationReport } from './report.js';

/** A CSV file failed validation before an import. */
export class CsvValidationError extends PersonalizeImportError {
  override readonly code = 'CSV_INVALID' as const;
  /** The validation report (see `validateCsv`): `report.errors` lists what to fix, with lines and codes. */
  readonly report: CsvValidationReport;
  constructor(message: string, report: CsvValidationReport) {
    super(message);
    this.name = 'CsvValidationError';
    this.report = report;
  }
}
