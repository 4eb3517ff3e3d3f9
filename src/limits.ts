/**
 * Every limit of Amazon Personalize that the library enforces or works around, in one place.
 *
 * Each constant cites its section of `personalize-facts.md` (the project's digest of the AWS API models and the
 * developer guide). Values marked "unconfirmed" there are defaults the caller can override, never hard rules.
 * @module
 */

// §1 Individual records: the Personalize Events API -------------------------------------------------------------

/** Records per PutEvents / PutUsers / PutItems / PutActions / PutActionInteractions call (§1, list member 1..10). */
export const MAX_RECORDS_PER_CALL = 10;

/** Length of trackingId, sessionId, userId, eventType, eventId, itemId, actionId, in characters (§1, 1..256). */
export const MAX_ID_LENGTH = 256;

/** Length of Event.recommendationId and ActionInteraction.recommendationId (§1, 1..40). */
export const MAX_RECOMMENDATION_ID_LENGTH = 40;

/** Item ids in one impression list (§1, 1..25). */
export const MAX_IMPRESSION_ITEMS = 25;

/** Length of metricAttribution.eventAttributionSource (§1, 0..1024, printable ASCII). */
export const MAX_EVENT_ATTRIBUTION_SOURCE_LENGTH = 1024;

/** Length of the serialised `properties` JSON string, per kind of record (§1, properties row). */
export const MAX_PROPERTIES_LENGTH = {
  event: 1024,
  actionInteraction: 1024,
  user: 24_000,
  item: 32_000,
  action: 32_000,
} as const;

/** Size of one event as sent, in bytes of its JSON form (§1, "one event (whole) 10 KB"). */
export const MAX_EVENT_BYTES = 10 * 1024;

/** Length of a dataset ARN (§1, datasetArn ≤256). */
export const MAX_DATASET_ARN_LENGTH = 256;

/** Pattern of a dataset ARN (§1). */
export const DATASET_ARN_PATTERN = /^arn:([a-z\d-]+):personalize:.*:.*:.+$/;

/**
 * Keys an event's `properties` may not use, compared case-insensitively (§1): they collide with the event's own
 * fields.
 */
export const RESERVED_EVENT_PROPERTY_KEYS = [
  'userId',
  'sessionId',
  'eventType',
  'timestamp',
  'recommendationId',
  'impression',
] as const;

/** Event types the guide documents for action interactions (§1). Others are accepted with no check. */
export const DOCUMENTED_ACTION_INTERACTION_EVENT_TYPES = ['Viewed', 'Taken', 'Not Taken'] as const;

/**
 * Requests per second the service allows, per dataset group, as documented in 2023 (§1, request-rate quotas).
 * Quotas differ between accounts: the writer starts here and adapts to the throttling it meets.
 * PutActions and PutActionInteractions are unconfirmed: 10/s is a cautious guess, overridable.
 */
export const DOCUMENTED_REQUESTS_PER_SECOND = {
  putEvents: 1000,
  putUsers: 10,
  putItems: 10,
  putActions: 10,
  putActionInteractions: 10,
} as const;

// §2 Bulk: dataset import jobs -----------------------------------------------------------------------------------

/** Length of an import job name (§2, jobName 1..63). */
export const MAX_JOB_NAME_LENGTH = 63;

/** Pattern of an import job name (§2). */
export const JOB_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9\-_]*$/;

/** Length of dataSource.dataLocation (§2, ≤256). */
export const MAX_DATA_LOCATION_LENGTH = 256;

/** Pattern of dataSource.dataLocation (§2). */
export const DATA_LOCATION_PATTERN = /^(s3|http|https):\/\/.+$/;

/** Pattern of the IAM role the service assumes to read the bucket (§2, roleArn). */
export const ROLE_ARN_PATTERN = /^arn:([a-z\d-]+):iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;

/** Import jobs pending or in progress per account and region; not adjustable (§2, quotas). */
export const MAX_ACTIVE_IMPORT_JOBS = 5;

/** Data per FULL import job, in bytes (§2, quotas: 100 GB). */
export const MAX_FULL_IMPORT_BYTES = 100 * 1024 ** 3;

/** Data per INCREMENTAL import job, in bytes (§2, quotas: 1 GB, adjustable). */
export const MAX_INCREMENTAL_IMPORT_BYTES = 1024 ** 3;

/** Interaction records one import of interactions needs, FULL or INCREMENTAL (§2, quotas). */
export const MIN_INTERACTIONS_PER_IMPORT = 1000;

/** ListDatasetImportJobs page size (§2, maxResults 1..100). */
export const MAX_LIST_PAGE_SIZE = 100;

/** Tags on one import job (§2, tags 0..200). */
export const MAX_JOB_TAGS = 200;

/** Job states (§2). */
export const JOB_STATUS = {
  createPending: 'CREATE PENDING',
  createInProgress: 'CREATE IN_PROGRESS',
  active: 'ACTIVE',
  createFailed: 'CREATE FAILED',
} as const;

/**
 * Metadata columns a dataset may have, excluding its required and reserved fields, per dataset type
 * (https://docs.aws.amazon.com/personalize/latest/dg/limits.html: Item interactions 5, Users 25, Items 100).
 * `validateCsv` bounds a header at ten times the largest (`maxHeaderFields`).
 */
export const MAX_METADATA_FIELDS = { Interactions: 5, Users: 25, Items: 100 } as const;

// §2 CSV rules ---------------------------------------------------------------------------------------------------

/** Characters of one categorical value; longer makes the job fail (§2, CSV rules). */
export const MAX_CATEGORICAL_VALUE_LENGTH = 1000;

/** Characters of a textual field before the service truncates it (§2, CSV rules; 7,000 for Chinese and Japanese). */
export const MAX_TEXTUAL_VALUE_LENGTH = 20_000;

/** Characters of a textual field in Chinese or Japanese before truncation (§2, CSV rules). */
export const MAX_TEXTUAL_VALUE_LENGTH_CJK = 7000;

/** Separator of a multi-valued categorical value (§1, §2). */
export const MULTI_VALUE_SEPARATOR = '|';

// §3 Domain dataset groups ---------------------------------------------------------------------------------------

/** Events of the needed type that a domain use case needs (§3). */
export const MIN_EVENTS_PER_USE_CASE = 1000;

/** Users with two or more interactions that training needs (§2, quotas). */
export const MIN_USERS_FOR_TRAINING = 25;

// §2 CSV rules: epoch-second timestamps ------------------------------------------------------------------------

/**
 * Smallest TIMESTAMP value read as milliseconds, not seconds (§2, CSV rules: "epoch seconds; a millisecond value is
 * the classic mistake"). 1e11 seconds is the year 5138, while 1e11 milliseconds is March 1973: every millisecond
 * timestamp since then is above it, and no plausible seconds value is.
 */
export const MIN_MILLISECOND_TIMESTAMP = 1e11;

/** Epoch seconds of 2100-01-01: a later TIMESTAMP in seconds is implausible (a warning, not a rule of the service). */
export const MAX_PLAUSIBLE_TIMESTAMP_SECONDS = 4_102_444_800;
