/**
 * Reads a dataset's Avro schema (flat record, as Personalize accepts it) into the few facts validation needs: each
 * field's name, primitive type, whether it may be null, and its `categorical` / `textual` flags.
 * @module
 */
import { InvalidOptionsError } from '../errors.js';

/** The Avro primitive types a Personalize schema field may have (besides `null`). */
export type AvroFieldType = 'string' | 'int' | 'long' | 'float' | 'double' | 'boolean';

/** One field of a dataset schema, normalised. */
export interface SchemaField {
  /** The field's name as the schema spells it (the CSV header must match it). */
  name: string;
  /** Its Avro type; for a `["null", type]` union, the type beside `null`. */
  type: AvroFieldType;
  /** True when the type is a `["null", type]` union: an empty CSV value is then allowed. */
  nullable: boolean;
  /** `"categorical": true`: values are `|`-separated, each at most 1,000 characters. */
  categorical: boolean;
  /** `"textual": true`: free text, truncated past 20,000 characters. */
  textual: boolean;
}

/** A dataset schema as `parseAvroSchema` reads it: the record's name and its flat fields. */
export interface DatasetSchema {
  /** The Avro record's `name`, when the schema gives one; validation does not use it. */
  name: string | undefined;
  /** The record's fields, in schema order (the CSV's columns may come in any order). */
  fields: SchemaField[];
}

const PRIMITIVES: ReadonlySet<string> = new Set(['string', 'int', 'long', 'float', 'double', 'boolean']);

function fail(message: string): never {
  throw new InvalidOptionsError(`Invalid Avro schema: ${message}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(type: unknown): string | undefined {
  if (typeof type === 'string') return type;
  // `{ "type": "long", "logicalType": … }` is still a long on the wire.
  if (isObject(type) && typeof type.type === 'string') return type.type;
  return undefined;
}

function readType(fieldName: string, type: unknown): { type: AvroFieldType; nullable: boolean } {
  const members = Array.isArray(type) ? type.map(typeName) : [typeName(type)];
  const nonNull = members.filter((member) => member !== 'null');
  const nullable = nonNull.length < members.length;
  const only = nonNull[0];
  if (nonNull.length !== 1 || only === undefined || !PRIMITIVES.has(only)) {
    fail(
      `field \`${fieldName}\` has type ${JSON.stringify(type)}; expected one of string, int, long, float, double, ` +
        'boolean, or a ["null", that type] union',
    );
  }
  return { type: only as AvroFieldType, nullable };
}

function readField(raw: unknown, index: number): SchemaField {
  if (!isObject(raw) || typeof raw.name !== 'string' || raw.name === '') {
    fail(`fields[${index}] must be an object with a non-empty string \`name\``);
  }
  const { type, nullable } = readType(raw.name, raw.type);
  return {
    name: raw.name,
    type,
    nullable,
    categorical: raw.categorical === true,
    textual: raw.textual === true,
  };
}

/**
 * Parses a Personalize dataset schema: the Avro JSON string `DescribeSchema` returns, or the same as an object.
 * Throws `InvalidOptionsError` when it is not a flat record of the types Personalize accepts.
 *
 * @example
 * ```ts
 * const schema = parseAvroSchema((await transport.describeSchema({ schemaArn })).schema);
 * ```
 */
export function parseAvroSchema(schema: string | object): DatasetSchema {
  let value: unknown = schema;
  if (typeof schema === 'string') {
    try {
      value = JSON.parse(schema);
    } catch (error) {
      throw new InvalidOptionsError(`Invalid Avro schema: not JSON (${(error as Error).message})`);
    }
  }
  if (!isObject(value) || value.type !== 'record' || !Array.isArray(value.fields)) {
    fail('expected an object with `"type": "record"` and a `fields` array');
  }
  const fields = value.fields.map(readField);
  const seen = new Set<string>();
  for (const field of fields) {
    if (seen.has(field.name)) fail(`field \`${field.name}\` is declared twice`);
    seen.add(field.name);
  }
  return { name: typeof value.name === 'string' ? value.name : undefined, fields };
}
