/**
 * Checks the header row against the schema and compiles, for every column of the file, what its values must be.
 * @module
 */

import { cutValue } from '../util/cut-value.js';
import type { AvroFieldType, DatasetSchema, SchemaField } from './avro-schema.js';
import { type CsvRecord, FIELD_QUOTED, fieldText } from './csv-reader.js';
import type { IssueCollector } from './report.js';

/** What the values of one column of the file must be. */
export interface ColumnSpec {
  /** The name as the schema spells it (or as the header does, for an unknown column). */
  name: string;
  /** The schema field; undefined for a column the schema does not know (its values are not checked). */
  field: SchemaField | undefined;
  type: AvroFieldType | undefined;
  nullable: boolean;
  /** An id field (USER_ID, ITEM_ID, ACTION_ID): at most 256 characters. */
  isId: boolean;
  /** TIMESTAMP or CREATION_TIMESTAMP: epoch seconds. */
  isTimestamp: boolean;
  /** False when no value of the column can be wrong once it is not empty (a plain string, an unknown column). */
  checked: boolean;
  /** Which check a non-empty value takes, one of `VALUE_CHECK`: a small integer, so a row's loop switches on it. */
  check: ValueCheck;
}

/** The check a column's non-empty values take (`ColumnSpec.check`). */
export const VALUE_CHECK = { none: 0, integer: 1, decimal: 2, boolean: 3, string: 4 } as const;
/** One of the values of `VALUE_CHECK`. */
export type ValueCheck = (typeof VALUE_CHECK)[keyof typeof VALUE_CHECK];

function valueCheck(type: AvroFieldType | undefined, checked: boolean): ValueCheck {
  if (!checked) return VALUE_CHECK.none;
  if (type === 'int' || type === 'long') return VALUE_CHECK.integer;
  if (type === 'float' || type === 'double') return VALUE_CHECK.decimal;
  if (type === 'boolean') return VALUE_CHECK.boolean;
  if (type === 'string') return VALUE_CHECK.string;
  return VALUE_CHECK.none;
}

const ID_FIELDS: ReadonlySet<string> = new Set(['USER_ID', 'ITEM_ID', 'ACTION_ID']);
const TIMESTAMP_FIELDS: ReadonlySet<string> = new Set(['TIMESTAMP', 'CREATION_TIMESTAMP']);

function specOf(name: string, field: SchemaField | undefined): ColumnSpec {
  const upper = name.toUpperCase();
  const isId = field !== undefined && ID_FIELDS.has(upper);
  const plainString = field?.type === 'string' && !isId && !field.categorical && !field.textual;
  const checked = field !== undefined && !plainString;
  return {
    name,
    field,
    type: field?.type,
    nullable: field?.nullable ?? true,
    isId,
    isTimestamp: field !== undefined && TIMESTAMP_FIELDS.has(upper),
    checked,
    check: valueCheck(field?.type, checked),
  };
}

function matchField(
  name: string,
  schema: DatasetSchema,
  byLowerName: Map<string, SchemaField>,
  issues: IssueCollector,
): SchemaField | undefined {
  const exact = schema.fields.find((field) => field.name === name);
  if (exact !== undefined) return exact;
  const loose = byLowerName.get(name.toLowerCase());
  if (loose !== undefined) {
    issues.add(
      'HEADER_CASE_MISMATCH',
      1,
      loose.name,
      () =>
        `Column "${cutValue(name)}" matches schema field "${loose.name}" only when case is ignored: rename it "${loose.name}"`,
    );
    return loose;
  }
  issues.add(
    'UNKNOWN_COLUMN',
    1,
    cutValue(name),
    () =>
      `Column "${cutValue(name)}" is not a field of the schema (fields: ${schema.fields.map((f) => f.name).join(', ')}): ` +
      'remove the column or add the field to the schema',
  );
  return undefined;
}

/** Reads the header record: reports its problems and returns one spec per column of the file. */
export function checkHeader(header: CsvRecord, schema: DatasetSchema, issues: IssueCollector): ColumnSpec[] {
  const byLowerName = new Map(schema.fields.map((field) => [field.name.toLowerCase(), field]));
  const columns: ColumnSpec[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < header.fieldCount; i++) {
    const name = fieldText(header, i);
    if ((header.flags[i] ?? 0) & FIELD_QUOTED) {
      issues.add(
        'QUOTED_HEADER',
        1,
        cutValue(name),
        () => `Header name "${cutValue(name)}" is in quotation marks: remove the quotes`,
      );
    }
    const field = matchField(name, schema, byLowerName, issues);
    const key = field?.name ?? name;
    if (seen.has(key)) {
      const shown = cutValue(key);
      issues.add(
        'DUPLICATE_COLUMN',
        1,
        shown,
        () => `Column "${shown}" appears more than once in the header: keep one`,
      );
    }
    seen.add(key);
    columns.push(specOf(key, field));
  }
  for (const field of schema.fields) {
    if (seen.has(field.name) || field.nullable) continue;
    issues.add(
      'MISSING_COLUMN',
      1,
      field.name,
      () =>
        `Required field "${field.name}" has no column: add a "${field.name}" column ` +
        '(only ["null", …] union fields may be left out)',
    );
  }
  return columns;
}
