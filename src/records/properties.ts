/**
 * Serialising `properties` to the JSON string the Events API takes, and the checks on it: its length per kind
 * (`MAX_PROPERTIES_LENGTH`) and the keys an event or an action interaction may not use
 * (`RESERVED_EVENT_PROPERTY_KEYS`).
 * @module
 */

import { MAX_PROPERTIES_LENGTH, MULTI_VALUE_SEPARATOR, RESERVED_EVENT_PROPERTY_KEYS } from '../limits.js';
import { cutValue } from '../util/cut-value.js';
import { textLength } from '../util/text-length.js';
import type { RecordKind } from './kinds.js';
import type { RecordValidationIssue } from './record-validation-error.js';
import type { Properties } from './types.js';

const RESERVED_EVENT_KEYS = new Set(RESERVED_EVENT_PROPERTY_KEYS.map((key) => key.toLowerCase()));

/** Serialises `properties`: string arrays become one `|`-joined string (a multi-valued categorical value). */
export function serializeProperties(properties: Properties): string {
  // No prototype: assigning `__proto__` on a plain `{}` would set the prototype and drop the key (fault 4).
  const plain: Record<string, string | number | boolean | null> = Object.create(null);
  for (const [key, value] of Object.entries(properties)) {
    plain[key] = Array.isArray(value) ? value.join(MULTI_VALUE_SEPARATOR) : (value as string | number | boolean | null);
  }
  return JSON.stringify(plain);
}

/** The issues of a `properties` object of a record of `kind`, and its serialised form. */
export function checkProperties(
  kind: RecordKind,
  properties: Properties,
): { json: string; issues: RecordValidationIssue[] } {
  const issues: RecordValidationIssue[] = [];
  const keys = Object.keys(properties);
  if (keys.length === 0) {
    issues.push({
      field: 'properties',
      rule: 'not empty',
      actual: 0,
      message: 'must hold at least one key, or be left out',
    });
  }
  if (kind === 'event' || kind === 'actionInteraction') {
    const what = kind === 'event' ? 'events' : 'action interactions';
    for (const key of keys) {
      if (RESERVED_EVENT_KEYS.has(key.toLowerCase())) {
        issues.push({
          field: `properties.${cutValue(key)}`,
          rule: 'reserved key',
          message: `uses a reserved key: ${what} may not have properties named ${RESERVED_EVENT_PROPERTY_KEYS.join(', ')} (in any case)`,
        });
      }
    }
  }
  const json = serializeProperties(properties);
  const max = MAX_PROPERTIES_LENGTH[kind];
  const length = textLength(json);
  if (length > max) {
    issues.push({
      field: 'properties',
      rule: `max length ${max}`,
      actual: length,
      message: `serialises to ${length} characters; a ${kind}'s properties may have at most ${max}`,
    });
  }
  return { json, issues };
}
