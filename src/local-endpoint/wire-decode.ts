/**
 * Small readers for JSON request bodies: each checks one member's type and answers `InvalidInputError` (sent as
 * `InvalidInputException`) when it is wrong, as the service does. Optional members come back as `{}` or
 * `{ key: value }`, so they spread into objects with no `undefined` members.
 * @module
 */
import { InvalidInputError } from '../errors.js';

/** A decoded JSON object. */
export type JsonObject = Record<string, unknown>;

function invalid(path: string, expected: string): never {
  throw new InvalidInputError(`Invalid member \`${path}\`: expected ${expected}`, {
    serviceErrorName: 'InvalidInputException',
  });
}

/** Parses a request body as a JSON object (an empty body is `{}`). */
export function parseJsonObject(body: string): JsonObject {
  if (body.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    invalid('(body)', 'a JSON document');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid('(body)', 'a JSON object');
  return value as JsonObject;
}

/** A required string member. */
export function str(obj: JsonObject, key: string, path = key): string {
  const value = obj[key];
  if (typeof value !== 'string') invalid(path, 'a string');
  return value;
}

/** A required object member. */
export function obj(parent: JsonObject, key: string, path = key): JsonObject {
  const value = parent[key];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(path, 'an object');
  return value as JsonObject;
}

/** A required list of objects. */
export function objList(parent: JsonObject, key: string): JsonObject[] {
  const value = parent[key];
  if (!Array.isArray(value)) invalid(key, 'a list');
  return value.map((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) invalid(`${key}[${i}]`, 'an object');
    return item as JsonObject;
  });
}

/** A required timestamp sent as epoch seconds (a float). Rounded to the millisecond, which is what a `Date` holds. */
export function epochSeconds(parent: JsonObject, key: string, path = key): Date {
  const value = parent[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) invalid(path, 'epoch seconds (a number)');
  // Rounding, not truncating: 1700000000.123 * 1000 is 1700000000122.9998 in binary floating point.
  return new Date(Math.round(value * 1000));
}

/** An optional string member. */
export function optStr<K extends string>(parent: JsonObject, key: K, path: string = key): { [P in K]?: string } {
  const value = parent[key];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'string') invalid(path, 'a string');
  return { [key]: value } as { [P in K]?: string };
}

/** An optional number member. */
export function optNum<K extends string>(parent: JsonObject, key: K, path: string = key): { [P in K]?: number } {
  const value = parent[key];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'number') invalid(path, 'a number');
  return { [key]: value } as { [P in K]?: number };
}

/** An optional boolean member. */
export function optBool<K extends string>(parent: JsonObject, key: K, path: string = key): { [P in K]?: boolean } {
  const value = parent[key];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'boolean') invalid(path, 'a boolean');
  return { [key]: value } as { [P in K]?: boolean };
}

/** An optional list of strings. */
export function optStrList<K extends string>(parent: JsonObject, key: K, path: string = key): { [P in K]?: string[] } {
  const value = parent[key];
  if (value === undefined || value === null) return {};
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) invalid(path, 'a list of strings');
  return { [key]: value as string[] } as { [P in K]?: string[] };
}

/** A `Date` as the wire's epoch seconds. */
export function toEpochSeconds(date: Date): number {
  return date.getTime() / 1000;
}

/** Optional `tags`, a list of `{ tagKey, tagValue }` on the wire, as an object by key. */
export function optTags(body: JsonObject): { tags?: Record<string, string> } {
  if (body.tags === undefined || body.tags === null) return {};
  const out: Record<string, string> = {};
  objList(body, 'tags').forEach((tag, i) => {
    out[str(tag, 'tagKey', `tags[${i}].tagKey`)] = str(tag, 'tagValue', `tags[${i}].tagValue`);
  });
  return { tags: out };
}
