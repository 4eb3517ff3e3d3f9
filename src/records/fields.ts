/**
 * zod schemas of the fields the records share, each with the limit of the Personalize Events API model it enforces
 * (the constants of limits.ts, which name the model's members).
 * @module
 */
import { z } from 'zod';
import {
  MAX_EVENT_ATTRIBUTION_SOURCE_LENGTH,
  MAX_ID_LENGTH,
  MAX_IMPRESSION_ITEMS,
  MAX_RECOMMENDATION_ID_LENGTH,
} from '../limits.js';
import { textLength } from '../util/text-length.js';
import { isEventAttributionSource } from './attribution-source.js';
import type { Properties } from './types.js';

/**
 * A string of at most `max` characters, counted by `textLength` (code points, the model's `length` trait), not by
 * zod's `.max()`, which counts UTF-16 units (an emoji would count twice).
 */
function maxChars(max: number) {
  return (value: string, ctx: z.core.$RefinementCtx<string>) => {
    if (textLength(value) <= max) return;
    ctx.addIssue({
      code: 'too_big',
      origin: 'string',
      maximum: max,
      inclusive: true,
      input: value,
      message: `must be at most ${max} characters`,
    });
  };
}

/**
 * Strings that are almost always an interpolation bug (`${user?.id}` of a missing user): the service accepts them
 * and then silently ignores the record, so the library refuses them.
 */
const PLACEHOLDER_IDS = new Set(['undefined', 'null']);

/** An id: 1..256 characters, not `"undefined"` or `"null"`. */
export const idField = z
  .string()
  .min(1, { error: 'must not be empty' })
  .superRefine(maxChars(MAX_ID_LENGTH))
  .refine((value) => !PLACEHOLDER_IDS.has(value), {
    error: 'is the string "undefined" or "null", almost surely an interpolation bug (the service ignores such ids)',
  });

/** A recommendation id: 1..40 characters. */
export const recommendationIdField = z
  .string()
  .min(1, { error: 'must not be empty' })
  .superRefine(maxChars(MAX_RECOMMENDATION_ID_LENGTH));

/** An impression: 1..25 ids. */
export const impressionField = z
  .array(idField)
  .min(1, { error: 'must list at least one id' })
  .max(MAX_IMPRESSION_ITEMS, { error: `must list at most ${MAX_IMPRESSION_ITEMS} ids` });

/** A point in time that can be sent as epoch seconds. */
export const dateField = z.date({ error: 'must be a valid Date' });

/**
 * metricAttribution: `eventAttributionSource` required, at most 1024 printable ASCII characters, at least one of them
 * not a space (`EVENT_ATTRIBUTION_SOURCE_PATTERN`).
 */
export const metricAttributionField = z.strictObject({
  eventAttributionSource: z
    .string({ error: 'is required inside metricAttribution' })
    .refine(isEventAttributionSource, {
      error: 'must be printable ASCII with at least one character that is not a space',
    })
    .superRefine(maxChars(MAX_EVENT_ATTRIBUTION_SOURCE_LENGTH)),
});

const propertyValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())], {
  error: 'must be a string, number, boolean, null or an array of strings',
});

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * `properties`: a plain object of scalar values (or string arrays, joined with `|`). Not `z.record`: it strips a
 * `__proto__` key without a word (fault 4); this checks every own key, `__proto__` included, and keeps the object
 * as given, so that what is sent is exactly what was written.
 */
export const propertiesField = z.custom<Properties>().superRefine((value, ctx) => {
  if (!isPlainObject(value)) {
    ctx.addIssue({ code: 'invalid_type', expected: 'record', input: value, message: 'must be a plain object' });
    return;
  }
  for (const key of Object.keys(value)) {
    const checked = propertyValue.safeParse(value[key]);
    if (!checked.success) {
      ctx.addIssue({ code: 'custom', path: [key], input: value[key], message: checked.error.issues[0]?.message ?? '' });
    }
  }
});
