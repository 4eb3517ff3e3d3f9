/**
 * The stable codes of CSV validation issues. Callers switch on them; the documentation (`docs/validation.md`) explains
 * each one and how to fix it. A code never changes meaning; new codes may be added.
 * @module
 */

/** Whether an issue makes the import fail (or import wrong data), or only deserves attention. */
export type CsvIssueSeverity = 'error' | 'warning';

/**
 * Every code `validateCsv` can report, with its severity and a one-line summary.
 *
 * @example
 * ```ts
 * if (report.errors.some((issue) => issue.code === CSV_ISSUE_CODES.TIMESTAMP_IN_MILLISECONDS.code)) { … }
 * ```
 */
export const CSV_ISSUE_CODES = {
  EMPTY_FILE: { code: 'EMPTY_FILE', severity: 'error', summary: 'The file has no header row' },
  BYTE_ORDER_MARK: { code: 'BYTE_ORDER_MARK', severity: 'warning', summary: 'The file starts with a UTF-8 BOM' },
  QUOTED_HEADER: { code: 'QUOTED_HEADER', severity: 'error', summary: 'A header name is in quotation marks' },
  MISSING_COLUMN: { code: 'MISSING_COLUMN', severity: 'error', summary: 'A required schema field has no column' },
  UNKNOWN_COLUMN: { code: 'UNKNOWN_COLUMN', severity: 'error', summary: 'A column is not a field of the schema' },
  DUPLICATE_COLUMN: { code: 'DUPLICATE_COLUMN', severity: 'error', summary: 'A column name appears twice' },
  HEADER_CASE_MISMATCH: {
    code: 'HEADER_CASE_MISMATCH',
    severity: 'warning',
    summary: 'A column matches a schema field only when case is ignored',
  },
  WRONG_FIELD_COUNT: { code: 'WRONG_FIELD_COUNT', severity: 'error', summary: 'A row has more or fewer fields' },
  BLANK_LINE: { code: 'BLANK_LINE', severity: 'warning', summary: 'An empty line between records' },
  MULTILINE_RECORD: {
    code: 'MULTILINE_RECORD',
    severity: 'error',
    summary: 'A quoted value holds a line break: one record per line',
  },
  UNCLOSED_QUOTE: {
    code: 'UNCLOSED_QUOTE',
    severity: 'error',
    summary: "A quote is never closed (or closed by a later row's quote): the rows it swallowed are not checked",
  },
  MALFORMED_QUOTE: { code: 'MALFORMED_QUOTE', severity: 'error', summary: 'A quoted value is not closed properly' },
  HEADER_TOO_LARGE: {
    code: 'HEADER_TOO_LARGE',
    severity: 'error',
    summary: 'The header is over `maxHeaderBytes` or `maxHeaderFields`; validation stopped there',
  },
  RECORD_TOO_LARGE: {
    code: 'RECORD_TOO_LARGE',
    severity: 'error',
    summary: 'A record is larger than `maxRecordBytes` (usually an unclosed quote); validation stopped there',
  },
  INVALID_UTF8: { code: 'INVALID_UTF8', severity: 'error', summary: 'A line is not valid UTF-8' },
  EMPTY_REQUIRED_VALUE: {
    code: 'EMPTY_REQUIRED_VALUE',
    severity: 'error',
    summary: 'An empty value in a field that is not a ["null", …] union',
  },
  NOT_AN_INTEGER: { code: 'NOT_AN_INTEGER', severity: 'error', summary: 'An int or long field holds a non-integer' },
  INTEGER_OUT_OF_RANGE: {
    code: 'INTEGER_OUT_OF_RANGE',
    severity: 'error',
    summary: 'An integer does not fit its int (32-bit) or long (64-bit) field',
  },
  NOT_A_NUMBER: { code: 'NOT_A_NUMBER', severity: 'error', summary: 'A float or double field holds a non-number' },
  INVALID_BOOLEAN: { code: 'INVALID_BOOLEAN', severity: 'error', summary: 'A boolean is not lowercase true/false' },
  ID_TOO_LONG: { code: 'ID_TOO_LONG', severity: 'error', summary: 'An id is longer than 256 characters' },
  CATEGORICAL_VALUE_TOO_LONG: {
    code: 'CATEGORICAL_VALUE_TOO_LONG',
    severity: 'error',
    summary: 'One |-separated categorical value is longer than 1,000 characters',
  },
  TEXTUAL_VALUE_TRUNCATED: {
    code: 'TEXTUAL_VALUE_TRUNCATED',
    severity: 'warning',
    summary: 'A textual value is longer than the service keeps (20,000 characters, 7,000 for Chinese/Japanese)',
  },
  TIMESTAMP_IN_MILLISECONDS: {
    code: 'TIMESTAMP_IN_MILLISECONDS',
    severity: 'error',
    summary: 'A timestamp looks like milliseconds (or finer), not epoch seconds',
  },
  TIMESTAMP_NEGATIVE: { code: 'TIMESTAMP_NEGATIVE', severity: 'error', summary: 'A timestamp is before 1970' },
  TIMESTAMP_IMPLAUSIBLE: {
    code: 'TIMESTAMP_IMPLAUSIBLE',
    severity: 'warning',
    summary: 'A timestamp is after the year 2100',
  },
  TOO_FEW_INTERACTIONS: {
    code: 'TOO_FEW_INTERACTIONS',
    severity: 'error',
    summary: 'An Interactions import needs at least 1,000 records',
  },
  FILE_TOO_LARGE: { code: 'FILE_TOO_LARGE', severity: 'error', summary: 'The file exceeds the data limit of the mode' },
  DATASET_TYPE_NOT_IN_DOMAIN: {
    code: 'DATASET_TYPE_NOT_IN_DOMAIN',
    severity: 'error',
    summary: 'This dataset type cannot exist in a domain dataset group',
  },
  DOMAIN_FIELD_MISSING: {
    code: 'DOMAIN_FIELD_MISSING',
    severity: 'error',
    summary: "The schema lacks a field the domain's dataset requires",
  },
  USE_CASE_EVENTS_SHORT: {
    code: 'USE_CASE_EVENTS_SHORT',
    severity: 'warning',
    summary: 'Too few events of the type a domain use case trains on',
  },
  TRAINING_USERS_SHORT: {
    code: 'TRAINING_USERS_SHORT',
    severity: 'warning',
    summary: 'Fewer than 25 users with 2 or more interactions: training needs them',
  },
} as const satisfies Record<string, { code: string; severity: CsvIssueSeverity; summary: string }>;

/** A stable code of a CSV validation issue. */
export type CsvIssueCode = keyof typeof CSV_ISSUE_CODES;

/** The severity of `code`. */
export function severityOf(code: CsvIssueCode): CsvIssueSeverity {
  return CSV_ISSUE_CODES[code].severity;
}
