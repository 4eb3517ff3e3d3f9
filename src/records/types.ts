/**
 * The records users write, as they write them: ids as strings, times as `Date`, `properties` as a plain object.
 * @module
 */

/**
 * A value of a record's `properties`. An array of strings is a multi-valued categorical value: the library joins it
 * with `|`, as the service expects.
 */
export type PropertyValue = string | number | boolean | null | readonly string[];

/**
 * A record's metadata: keys are the camelCase form of the schema's field names (`NUM_RATINGS` → `numRatings`).
 * The writer serialises it to the JSON string the API wants and checks its length.
 */
export type Properties = Readonly<Record<string, PropertyValue>>;

/** An interaction event, sent with PutEvents. */
export interface EventRecord {
  /** The session the event belongs to; 1..256 characters. */
  sessionId: string;
  /** The user, when known; 1..256 characters. */
  userId?: string;
  /** E.g. `click`, `View`, `Purchase`; 1..256 characters. */
  eventType: string;
  /** When the event happened; sent as epoch seconds. */
  sentAt: Date;
  /** The item interacted with; 1..256 characters. */
  itemId?: string;
  /** An id for deduplication; the writer assigns a UUID when absent, so that a retry never makes a second event. */
  eventId?: string;
  /** E.g. a rating or a watch time. */
  eventValue?: number;
  /** Event metadata; at most 1,024 characters serialised; keys may not be the event's own field names. */
  properties?: Properties;
  /** The recommendation that led to the event; 1..40 characters. */
  recommendationId?: string;
  /** The item ids shown to the user; 1..25 ids. */
  impression?: readonly string[];
  /** The source of the event, for metric attribution. */
  metricAttribution?: { eventAttributionSource: string };
}

/** A user, sent with PutUsers; an existing user with the same id is replaced. */
export interface UserRecord {
  /** The user's id, the `USER_ID` of the Users dataset; 1..256 characters. */
  userId: string;
  /** The user's metadata; at most 24,000 characters serialised. */
  properties?: Properties;
}

/** An item, sent with PutItems; an existing item with the same id is replaced. */
export interface ItemRecord {
  /** The item's id, the `ITEM_ID` of the Items dataset; 1..256 characters. */
  itemId: string;
  /** The item's metadata; at most 32,000 characters serialised. */
  properties?: Properties;
}

/** An action, sent with PutActions; an existing action with the same id is replaced. */
export interface ActionRecord {
  /** The action's id, the `ACTION_ID` of the Actions dataset; 1..256 characters. */
  actionId: string;
  /** The action's metadata; at most 32,000 characters serialised. */
  properties?: Properties;
}

/** An interaction with an action, sent with PutActionInteractions. */
export interface ActionInteractionRecord {
  /** The action interacted with; 1..256 characters. */
  actionId: string;
  /** The session the interaction belongs to; 1..256 characters. */
  sessionId: string;
  /** `Viewed`, `Taken` or `Not Taken` are the documented types; 1..256 characters. */
  eventType: string;
  /** When it happened; sent as epoch seconds. */
  timestamp: Date;
  /** The user, when known; 1..256 characters. */
  userId?: string;
  /** An id for deduplication; the writer assigns a UUID when absent, so that a retry never makes a second one. */
  eventId?: string;
  /** The recommendation that led to the interaction; 1..40 characters. */
  recommendationId?: string;
  /** The action ids shown to the user; 1..25 ids. */
  impression?: readonly string[];
  /** Interaction metadata; at most 1,024 characters serialised. */
  properties?: Properties;
}
