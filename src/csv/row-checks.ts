/**
 * Checks every value of a data record against its column: empties, types, lengths, timestamps.
 * @module
 */
import {
  MAX_CATEGORICAL_VALUE_LENGTH,
  MAX_ID_LENGTH,
  MAX_TEXTUAL_VALUE_LENGTH,
  MAX_TEXTUAL_VALUE_LENGTH_CJK,
} from '../limits.js';
import { bytesEqual, countChars, isDecimal, longestPart, readInteger } from './byte-checks.js';
import { type CsvRecord, FIELD_ESCAPED, FIELD_MALFORMED, FIELD_NEWLINE, fieldText } from './csv-reader.js';
import { type ColumnSpec, VALUE_CHECK } from './header-checks.js';
import type { IssueCollector } from './report.js';
import { checkTimestamp } from './timestamp-checks.js';

const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');
const INT_MIN = -(2 ** 31);
/** The largest Avro `int`. */
export const INT_MAX = 2 ** 31 - 1;
// Long.MAX_VALUE has 19 digits; a 19-digit value is compared approximately (doubles), which is enough to flag it.
const LONG_LIMIT = 2 ** 63;
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]/;

function preview(record: CsvRecord, index: number): string {
  const text = fieldText(record, index);
  return text.length > 40 ? `${JSON.stringify(text.slice(0, 40))}…` : JSON.stringify(text);
}

function checkInteger(record: CsvRecord, i: number, column: ColumnSpec, issues: IssueCollector): void {
  const { buf, line } = record;
  const start = record.starts[i] ?? 0;
  const end = record.ends[i] ?? 0;
  const read = (record.flags[i] ?? 0) & FIELD_ESCAPED ? undefined : readInteger(buf, start, end);
  if (read === undefined) {
    issues.add('NOT_AN_INTEGER', line, column.name, () => {
      return `${column.name} must be an integer (${column.type}), got ${preview(record, i)}`;
    });
    return;
  }
  const { value, digits } = read;
  const outOfRange =
    column.type === 'int' ? value < INT_MIN || value > INT_MAX : digits > 19 || Math.abs(value) >= LONG_LIMIT;
  if (outOfRange) {
    issues.add('INTEGER_OUT_OF_RANGE', line, column.name, () => {
      return `${column.name} is a ${column.type}, and ${preview(record, i)} does not fit in it`;
    });
    return;
  }
  if (column.isTimestamp) checkTimestamp(value, line, column.name, issues);
}

function checkDecimal(record: CsvRecord, i: number, column: ColumnSpec, issues: IssueCollector): void {
  const start = record.starts[i] ?? 0;
  const end = record.ends[i] ?? 0;
  if ((record.flags[i] ?? 0) & FIELD_ESCAPED || !isDecimal(record.buf, start, end)) {
    issues.add('NOT_A_NUMBER', record.line, column.name, () => {
      return `${column.name} must be a number (${column.type}) such as 4.5, got ${preview(record, i)}`;
    });
    return;
  }
  if (column.isTimestamp)
    checkTimestamp(Number(record.buf.toString('latin1', start, end)), record.line, column.name, issues);
}

function checkBoolean(record: CsvRecord, i: number, column: ColumnSpec, issues: IssueCollector): void {
  const start = record.starts[i] ?? 0;
  const end = record.ends[i] ?? 0;
  if (bytesEqual(record.buf, start, end, TRUE) || bytesEqual(record.buf, start, end, FALSE)) return;
  issues.add('INVALID_BOOLEAN', record.line, column.name, () => {
    return `${column.name} must be lowercase true or false, got ${preview(record, i)}`;
  });
}

function checkString(record: CsvRecord, i: number, column: ColumnSpec, issues: IssueCollector): void {
  const start = record.starts[i] ?? 0;
  const end = record.ends[i] ?? 0;
  const bytes = end - start;
  const escaped = ((record.flags[i] ?? 0) & FIELD_ESCAPED) !== 0;
  // Characters never outnumber bytes: a value short in bytes needs no counting.
  if (column.isId && bytes > MAX_ID_LENGTH) {
    const chars = countChars(record.buf, start, end, escaped);
    if (chars > MAX_ID_LENGTH) {
      issues.add('ID_TOO_LONG', record.line, column.name, () => {
        return `${column.name} is ${chars} characters long; ids may have at most ${MAX_ID_LENGTH}`;
      });
    }
  }
  if (column.field?.categorical && bytes > MAX_CATEGORICAL_VALUE_LENGTH) {
    const longest = longestPart(record.buf, start, end, escaped);
    if (longest > MAX_CATEGORICAL_VALUE_LENGTH) {
      issues.add('CATEGORICAL_VALUE_TOO_LONG', record.line, column.name, () => {
        return (
          `${column.name} has a categorical value of ${longest} characters; each |-separated value may have at most ` +
          `${MAX_CATEGORICAL_VALUE_LENGTH} (the import job fails otherwise): shorten it or split it with |`
        );
      });
    }
  }
  if (column.field?.textual && bytes > MAX_TEXTUAL_VALUE_LENGTH_CJK) checkTextual(record, i, column, issues);
}

function checkTextual(record: CsvRecord, i: number, column: ColumnSpec, issues: IssueCollector): void {
  const text = fieldText(record, i);
  const chars = countChars(Buffer.from(text), 0, Buffer.byteLength(text), false);
  const limit = CJK.test(text) ? MAX_TEXTUAL_VALUE_LENGTH_CJK : MAX_TEXTUAL_VALUE_LENGTH;
  if (chars <= limit) return;
  issues.add('TEXTUAL_VALUE_TRUNCATED', record.line, column.name, () => {
    return `${column.name} has ${chars} characters; the service keeps the first ${limit} and drops the rest`;
  });
}

/** Checks one data record whose field count matches the header. */
export function checkRow(record: CsvRecord, columns: readonly ColumnSpec[], issues: IssueCollector): void {
  const { starts, ends, flags } = record;
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i] as ColumnSpec;
    // The record's field count is the header's, within the tokenizer's stored fields: every index is in range.
    if ((flags[i] as number) & (FIELD_MALFORMED | FIELD_NEWLINE)) {
      checkQuoting(record, i, column, issues);
      continue;
    }
    if (starts[i] === ends[i]) {
      if (!column.nullable) emptyRequired(record, column, issues);
      continue;
    }
    switch (column.check) {
      case VALUE_CHECK.integer:
        checkInteger(record, i, column, issues);
        break;
      case VALUE_CHECK.decimal:
        checkDecimal(record, i, column, issues);
        break;
      case VALUE_CHECK.boolean:
        checkBoolean(record, i, column, issues);
        break;
      case VALUE_CHECK.string:
        checkString(record, i, column, issues);
        break;
    }
  }
}

function emptyRequired(record: CsvRecord, column: ColumnSpec, issues: IssueCollector): void {
  issues.add('EMPTY_REQUIRED_VALUE', record.line, column.name, () => {
    return `${column.name} is empty, but the schema does not allow null: give a value or make the field a ["null", "${column.type}"] union`;
  });
}

function checkQuoting(record: CsvRecord, i: number, column: ColumnSpec, issues: IssueCollector): void {
  if ((record.flags[i] ?? 0) & FIELD_MALFORMED) {
    issues.add('MALFORMED_QUOTE', record.line, column.name, () => {
      return `${column.name} has a quoted value that is not closed, or text after its closing quote: inside quotes, write \\" for a quote and \\\\ for a backslash`;
    });
    return;
  }
  issues.add('MULTILINE_RECORD', record.line, column.name, () => {
    return `${column.name} holds a line break inside quotes (the record spans lines ${record.line}–${record.line + record.lineCount - 1}); the service reads one record per line: replace the line break with a space`;
  });
}
