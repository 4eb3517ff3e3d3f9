/**
 * Turns a row of a records file into a record the writer takes: times become `Date`s, and in CSV, where every value
 * is text, numbers, lists and JSON objects are parsed. Field names are the records' own (`sessionId`, `sentAt`, …).
 * @module
 */
import { MIN_MILLISECOND_TIMESTAMP, RECORD_KINDS, type RecordKind, RecordValidationError } from './library.js';

const NUMERIC = /^-?\d+(\.\d+)?$/;
// A date alone (2024-05-01) would be read as UTC midnight by one engine and local time by another: ask for a zone.
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** A conversion that failed: the field and why. Internal: `toRecord` turns it into a `RecordValidationError`. */
class ConversionError extends Error {
  readonly reason: string;
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`\`${field}\` ${reason}`);
    this.reason = reason;
    this.name = 'ConversionError';
  }
}

/**
 * Reads a time: an ISO 8601 string with a zone, or epoch seconds or milliseconds, number or text. A number below
 * `MIN_MILLISECOND_TIMESTAMP` (1e11: the year 5138 in seconds, March 1973 in milliseconds) is read as seconds, from
 * it on as milliseconds, the bound `validateCsv` uses for TIMESTAMP too.
 */
export function toDate(field: string, value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number' || (typeof value === 'string' && NUMERIC.test(value.trim()))) {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) throw new ConversionError(field, `must be a time, got ${String(value)}`);
    return new Date(n < MIN_MILLISECOND_TIMESTAMP ? n * 1000 : n);
  }
  if (typeof value === 'string' && ISO_WITH_ZONE.test(value.trim())) {
    const date = new Date(value.trim());
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new ConversionError(
    field,
    'must be an ISO 8601 time with a zone (2024-05-01T12:00:00Z) or epoch seconds or milliseconds',
  );
}

function parseJsonObject(field: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ConversionError(field, 'must hold a JSON object, e.g. {"color":"red"}');
  }
}

/** CSV cells are text: parse the fields whose type is not text. Empty cells are left out (an absent field). */
function fromCsvCell(field: string, text: string): unknown {
  switch (field) {
    case 'properties':
    case 'metricAttribution':
      return parseJsonObject(field, text);
    case 'impression':
      return text.split('|');
    case 'eventValue': {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n)) throw new ConversionError(field, `must be a number, got ${text}`);
      return n;
    }
    default:
      return text;
  }
}

/**
 * The record of `kind` that a row's `fields` describe. Unknown fields are kept, so that the writer's validation
 * names them. Throws `RecordValidationError` (rule `convertible`) on a value it cannot convert.
 */
export function toRecord(kind: RecordKind, fields: Record<string, unknown>, fromCsv: boolean): Record<string, unknown> {
  try {
    return convert(kind, fields, fromCsv);
  } catch (error) {
    if (!(error instanceof ConversionError)) throw error;
    const id = fields[RECORD_KINDS[kind].idField];
    throw new RecordValidationError(kind, fields, typeof id === 'string' ? id : undefined, [
      { field: error.field, rule: 'convertible', message: error.reason },
    ]);
  }
}

function convert(kind: RecordKind, fields: Record<string, unknown>, fromCsv: boolean): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (fromCsv) {
      if (value === '') continue;
      record[field] = fromCsvCell(field, String(value));
    } else if (field === 'properties' && typeof value === 'string') {
      record[field] = parseJsonObject(field, value);
    } else {
      record[field] = value;
    }
  }
  const { timeField } = RECORD_KINDS[kind];
  if (timeField !== undefined && record[timeField] !== undefined) {
    record[timeField] = toDate(timeField, record[timeField]);
  }
  return record;
}
