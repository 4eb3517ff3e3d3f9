/**
 * The CSV validator `DatasetImporter` runs on a source before uploading or starting anything.
 * @module
 */
import type { CsvValidator } from './validate-source.js';

// Placeholder until src/csv lands.
export const defaultCsvValidator: CsvValidator = async () => {
  throw new Error('validateCsv is not available yet');
};
