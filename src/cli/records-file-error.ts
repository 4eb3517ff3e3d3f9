/**
 * @module
 */

/** A records file `put` cannot read without losing data (a CSV header that repeats a column…): nothing is sent. */
export class RecordsFileError extends Error {
  readonly code = 'RECORDS_FILE_INVALID' as const;
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'RecordsFileError';
  }
}
