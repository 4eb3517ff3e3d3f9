/**
 * zod schemas of the five records as users write them, after the shapes `Event`, `User`, `Item`, `Action` and
 * `ActionInteraction` of the Personalize Events API model. Unknown keys are refused, so a misspelt field (`userID`)
 * fails loudly instead of being dropped.
 * @module
 */
import { z } from 'zod';
import {
  dateField,
  idField,
  impressionField,
  metricAttributionField,
  propertiesField,
  recommendationIdField,
} from './fields.js';
import type { RecordKind } from './kinds.js';

/** Schema of an event (PutEvents). */
export const eventSchema = z.strictObject({
  sessionId: idField,
  userId: idField.optional(),
  eventType: idField,
  sentAt: dateField,
  itemId: idField.optional(),
  eventId: idField.optional(),
  eventValue: z.number({ error: 'must be a finite number' }).optional(),
  properties: propertiesField.optional(),
  recommendationId: recommendationIdField.optional(),
  impression: impressionField.optional(),
  metricAttribution: metricAttributionField.optional(),
});

/** Schema of a user (PutUsers). */
export const userSchema = z.strictObject({ userId: idField, properties: propertiesField.optional() });

/** Schema of an item (PutItems). */
export const itemSchema = z.strictObject({ itemId: idField, properties: propertiesField.optional() });

/** Schema of an action (PutActions). */
export const actionSchema = z.strictObject({ actionId: idField, properties: propertiesField.optional() });

/** Schema of an action interaction (PutActionInteractions). */
export const actionInteractionSchema = z.strictObject({
  actionId: idField,
  sessionId: idField,
  eventType: idField,
  timestamp: dateField,
  userId: idField.optional(),
  eventId: idField.optional(),
  recommendationId: recommendationIdField.optional(),
  impression: impressionField.optional(),
  properties: propertiesField.optional(),
});

/** The schema of each kind of record. */
export const recordSchemas = {
  event: eventSchema,
  user: userSchema,
  item: itemSchema,
  action: actionSchema,
  actionInteraction: actionInteractionSchema,
} as const satisfies Record<RecordKind, z.ZodType>;
