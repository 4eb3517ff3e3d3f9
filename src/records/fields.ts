/**
 * zod schemas of the fields the records share, each with the limit of `personalize-facts.md` §1 it enforces.
 * @module
 */
import { z } from 'zod';
import {
  MAX_EVENT_ATTRIBUTION_SOURCE_LENGTH,
  MAX_ID_LENGTH,
  MAX_IMPRESSION_ITEMS,
  MAX_RECOMMENDATION_ID_LENGTH,
} from '../limits.js';

/**
 * Strings that are almost always an interpolation bug (`${user?.id}` of a missing user): the service accepts them
 * and then silently ignores the record, so the library refuses them.
 */
const PLACEHOLDER_IDS = new Set(['undefined', 'null']);

/** An id: 1..256 characters, not `"undefined"` or `"null"`. */
export const idField = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(MAX_ID_LENGTH, { error: `must be at most ${MAX_ID_LENGTH} characters` })
  .refine((value) => !PLACEHOLDER_IDS.has(value), {
    error: 'is the string "undefined" or "null", almost surely an interpolation bug (the service ignores such ids)',
  });

/** A recommendation id: 1..40 characters. */
export const recommendationIdField = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(MAX_RECOMMENDATION_ID_LENGTH, { error: `must be at most ${MAX_RECOMMENDATION_ID_LENGTH} characters` });

/** An impression: 1..25 ids. */
export const impressionField = z
  .array(idField)
  .min(1, { error: 'must list at least one id' })
  .max(MAX_IMPRESSION_ITEMS, { error: `must list at most ${MAX_IMPRESSION_ITEMS} ids` });

/** A point in time that can be sent as epoch seconds. */
export const dateField = z.date({ error: 'must be a valid Date' });

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** metricAttribution: `eventAttributionSource` required, 0..1024 printable ASCII characters. */
export const metricAttributionField = z.strictObject({
  eventAttributionSource: z
    .string({ error: 'is required inside metricAttribution' })
    .max(MAX_EVENT_ATTRIBUTION_SOURCE_LENGTH, {
      error: `must be at most ${MAX_EVENT_ATTRIBUTION_SOURCE_LENGTH} characters`,
    })
    .regex(PRINTABLE_ASCII, { error: 'must be printable ASCII' }),
});

const propertyValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())], {
  error: 'must be a string, number, boolean, null or an array of strings',
});

/** `properties`: a plain object of scalar values (or string arrays, joined with `|`). */
export const propertiesField = z.record(z.string(), propertyValue, { error: 'must be a plain object' });
