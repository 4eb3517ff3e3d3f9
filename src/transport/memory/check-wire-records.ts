/**
 * The checks the Personalize Events API runs on a call's wire form (the members and limits of `PutEvents`,
 * `PutUsers`, `PutItems`, `PutActions` and `PutActionInteractions` in the Personalize Events API model,
 * https://docs.aws.amazon.com/personalize/latest/dg/API_Operations_Amazon_Personalize_Events.html), in one place. Each
 * `check*` function answers the service's message (`1 validation error detected: …`) or `undefined`; any issue
 * fails the whole call, since the service has no per-record result.
 * @module
 */

import {
  DATASET_ARN_PATTERN,
  EVENT_ATTRIBUTION_SOURCE_PATTERN,
  MAX_DATASET_ARN_LENGTH,
  MAX_EVENT_ATTRIBUTION_SOURCE_LENGTH,
  MAX_EVENT_BYTES,
  MAX_ID_LENGTH,
  MAX_IMPRESSION_ITEMS,
  MAX_PROPERTIES_LENGTH,
  MAX_RECOMMENDATION_ID_LENGTH,
  MAX_RECORDS_PER_CALL,
  RESERVED_EVENT_PROPERTY_KEYS,
} from '../../limits.js';
import { isEventAttributionSource } from '../../records/attribution-source.js';
import { RECORD_KINDS } from '../../records/kinds.js';
import { textLength } from '../../util/text-length.js';
import type {
  PutActionInteractionsInput,
  PutActionsInput,
  PutEventsInput,
  PutItemsInput,
  PutUsersInput,
  WireActionInteraction,
  WireEvent,
} from '../transport.js';

type Issues = string[];

const RESERVED_KEYS = new Set(RESERVED_EVENT_PROPERTY_KEYS.map((key) => key.toLowerCase()));

function violation(path: string, constraint: string): string {
  return `Value at '${path}' failed to satisfy constraint: ${constraint}`;
}

function checkString(
  issues: Issues,
  value: unknown,
  path: string,
  max: number,
  options: { required?: boolean; min?: number } = {},
): void {
  const min = options.min ?? 1;
  if (value === undefined || value === null) {
    if (options.required) issues.push(violation(path, 'Member must not be null'));
  } else if (typeof value !== 'string') {
    issues.push(violation(path, 'Member must be a string'));
  } else if (textLength(value) < min) {
    issues.push(violation(path, `Member must have length greater than or equal to ${min}`));
  } else if (textLength(value) > max) {
    issues.push(violation(path, `Member must have length less than or equal to ${max}`));
  }
}

function checkList(issues: Issues, value: unknown, path: string, max: number): value is unknown[] {
  if (value === undefined || value === null) {
    issues.push(violation(path, 'Member must not be null'));
    return false;
  }
  if (!Array.isArray(value)) {
    issues.push(violation(path, 'Member must be a list'));
    return false;
  }
  if (value.length < 1) issues.push(violation(path, 'Member must have length greater than or equal to 1'));
  if (value.length > max) issues.push(violation(path, `Member must have length less than or equal to ${max}`));
  return true;
}

function checkDate(issues: Issues, value: unknown, path: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    issues.push(violation(path, 'Member must be a timestamp (epoch seconds)'));
  }
}

function checkProperties(issues: Issues, value: unknown, path: string, max: number, reserved: boolean): void {
  const before = issues.length;
  checkString(issues, value, path, max);
  if (typeof value !== 'string' || issues.length > before) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    issues.push(violation(path, 'Member must be a JSON object'));
    return;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    issues.push(violation(path, 'Member must be a JSON object'));
  } else if (reserved) {
    const taken = Object.keys(parsed).filter((key) => RESERVED_KEYS.has(key.toLowerCase()));
    if (taken.length > 0) issues.push(violation(path, `Member must not use the reserved keys ${taken.join(', ')}`));
  }
}

function checkImpression(issues: Issues, value: unknown, path: string): void {
  if (value === undefined) return;
  if (!checkList(issues, value, path, MAX_IMPRESSION_ITEMS)) return;
  for (const [index, id] of value.entries()) {
    checkString(issues, id, `${path}.${index + 1}.member`, MAX_ID_LENGTH, { required: true });
  }
}

function checkEvent(issues: Issues, event: WireEvent, path: string): void {
  checkString(issues, event.eventId, `${path}.eventId`, MAX_ID_LENGTH);
  checkString(issues, event.eventType, `${path}.eventType`, MAX_ID_LENGTH, { required: true });
  checkDate(issues, event.sentAt, `${path}.sentAt`);
  checkString(issues, event.itemId, `${path}.itemId`, MAX_ID_LENGTH);
  if (event.eventValue !== undefined && !Number.isFinite(event.eventValue)) {
    issues.push(violation(`${path}.eventValue`, 'Member must be a number'));
  }
  checkProperties(issues, event.properties, `${path}.properties`, MAX_PROPERTIES_LENGTH.event, true);
  checkString(issues, event.recommendationId, `${path}.recommendationId`, MAX_RECOMMENDATION_ID_LENGTH);
  checkImpression(issues, event.impression, `${path}.impression`);
  if (event.metricAttribution !== undefined) {
    const source = event.metricAttribution.eventAttributionSource;
    const sourcePath = `${path}.metricAttribution.eventAttributionSource`;
    const before = issues.length;
    checkString(issues, source, sourcePath, MAX_EVENT_ATTRIBUTION_SOURCE_LENGTH, { required: true, min: 0 });
    if (issues.length === before && !isEventAttributionSource(source as string)) {
      const pattern = EVENT_ATTRIBUTION_SOURCE_PATTERN.source;
      issues.push(violation(sourcePath, `Member must satisfy regular expression pattern: ${pattern}`));
    }
  }
  const sentAt = event.sentAt instanceof Date ? event.sentAt.getTime() / 1000 : event.sentAt;
  const bytes = Buffer.byteLength(JSON.stringify({ ...event, sentAt }));
  if (bytes > MAX_EVENT_BYTES) {
    issues.push(violation(path, `Member must be at most ${MAX_EVENT_BYTES} bytes as sent, was ${bytes}`));
  }
}

function checkActionInteraction(issues: Issues, record: WireActionInteraction, path: string): void {
  checkString(issues, record.actionId, `${path}.actionId`, MAX_ID_LENGTH, { required: true });
  checkString(issues, record.sessionId, `${path}.sessionId`, MAX_ID_LENGTH, { required: true });
  checkString(issues, record.eventType, `${path}.eventType`, MAX_ID_LENGTH, { required: true });
  checkDate(issues, record.timestamp, `${path}.timestamp`);
  checkString(issues, record.userId, `${path}.userId`, MAX_ID_LENGTH);
  checkString(issues, record.eventId, `${path}.eventId`, MAX_ID_LENGTH);
  checkString(issues, record.recommendationId, `${path}.recommendationId`, MAX_RECOMMENDATION_ID_LENGTH);
  checkImpression(issues, record.impression, `${path}.impression`);
  checkProperties(issues, record.properties, `${path}.properties`, MAX_PROPERTIES_LENGTH.actionInteraction, true);
}

function checkDatasetArn(issues: Issues, datasetArn: unknown): void {
  const before = issues.length;
  checkString(issues, datasetArn, 'datasetArn', MAX_DATASET_ARN_LENGTH, { required: true });
  if (issues.length === before && !DATASET_ARN_PATTERN.test(datasetArn as string)) {
    issues.push(
      violation('datasetArn', `Member must satisfy regular expression pattern: ${DATASET_ARN_PATTERN.source}`),
    );
  }
}

function summary(issues: Issues): string | undefined {
  if (issues.length === 0) return undefined;
  const count = `${issues.length} validation error${issues.length > 1 ? 's' : ''} detected`;
  return `${count}: ${issues.join('; ')}`;
}

/** The service's message for an invalid PutEvents call, or `undefined`. */
export function checkPutEvents(input: PutEventsInput): string | undefined {
  const issues: Issues = [];
  checkString(issues, input.trackingId, 'trackingId', MAX_ID_LENGTH, { required: true });
  checkString(issues, input.sessionId, 'sessionId', MAX_ID_LENGTH, { required: true });
  checkString(issues, input.userId, 'userId', MAX_ID_LENGTH);
  if (checkList(issues, input.eventList, 'eventList', MAX_RECORDS_PER_CALL)) {
    for (const [index, event] of input.eventList.entries()) checkEvent(issues, event, `eventList.${index + 1}.member`);
  }
  return summary(issues);
}

type UpsertInput = PutUsersInput | PutItemsInput | PutActionsInput;

/** The kinds of record that PutUsers, PutItems and PutActions upsert by their id. */
export type UpsertKind = 'user' | 'item' | 'action';

/** The service's message for an invalid PutUsers / PutItems / PutActions call, or `undefined`. */
export function checkPutRecords(kind: UpsertKind, input: UpsertInput): string | undefined {
  const issues: Issues = [];
  const { plural: list, idField: id } = RECORD_KINDS[kind];
  checkDatasetArn(issues, input.datasetArn);
  const records: unknown = (input as unknown as Record<string, unknown>)[list];
  if (checkList(issues, records, list, MAX_RECORDS_PER_CALL)) {
    records.forEach((record, index) => {
      const path = `${list}.${index + 1}.member`;
      const fields = (record ?? {}) as Record<string, unknown>;
      checkString(issues, fields[id], `${path}.${id}`, MAX_ID_LENGTH, { required: true });
      checkProperties(issues, fields.properties, `${path}.properties`, MAX_PROPERTIES_LENGTH[kind], false);
    });
  }
  return summary(issues);
}

/** The service's message for an invalid PutActionInteractions call, or `undefined`. */
export function checkPutActionInteractions(input: PutActionInteractionsInput): string | undefined {
  const issues: Issues = [];
  checkString(issues, input.trackingId, 'trackingId', MAX_ID_LENGTH, { required: true });
  if (checkList(issues, input.actionInteractions, 'actionInteractions', MAX_RECORDS_PER_CALL)) {
    for (const [index, record] of input.actionInteractions.entries()) {
      checkActionInteraction(issues, record, `actionInteractions.${index + 1}.member`);
    }
  }
  return summary(issues);
}
