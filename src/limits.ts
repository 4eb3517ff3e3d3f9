/**
 * Every limit of Amazon Personalize that the library enforces or works around, in one place, each with its source:
 *
 * - a member of an API model, written `Shape.member`: the Personalize Events API model (`personalize-events`,
 *   2018-03-22) for individual records, the Personalize API model (`personalize`, 2018-05-22) for import jobs. Both
 *   are in https://github.com/boto/botocore/tree/develop/botocore/data (`personalize-events/2018-03-22/service-2.json`,
 *   `personalize/2018-05-22/service-2.json`); the AWS SDK for JavaScript v3 clients are generated from the same
 *   models, and the API reference shows every member
 *   (https://docs.aws.amazon.com/personalize/latest/dg/API_Reference.html);
 * - a page of the Amazon Personalize developer guide: the quotas
 *   (https://docs.aws.amazon.com/personalize/latest/dg/limits.html), the CSV format
 *   (https://docs.aws.amazon.com/personalize/latest/dg/data-prep-formatting.html), the domain pages.
 *
 * What no source settles is said to be unconfirmed: such values are defaults the caller can override, never hard rules.
 * @module
 */

// Individual records: the Personalize Events API ----------------------------------------------------------------

/**
 * Records per call, 1..10: `PutEvents.eventList`, `PutUsers.users`, `PutItems.items`, `PutActions.actions`,
 * `PutActionInteractions.actionInteractions` in the Personalize Events API model.
 */
export const MAX_RECORDS_PER_CALL = 10;

/**
 * Characters of an id, 1..256: `PutEvents.trackingId`, `PutEvents.sessionId`, `PutEvents.userId`, `Event.eventType`,
 * `Event.eventId`, `Event.itemId`, `User.userId`, `Item.itemId`, `Action.actionId` and their `ActionInteraction`
 * counterparts (the shapes `StringType`, `UserId`, `ItemId`, `ActionId` of the Personalize Events API model).
 */
export const MAX_ID_LENGTH = 256;

/** Characters of `Event.recommendationId` and `ActionInteraction.recommendationId`, 1..40 (`RecommendationId`). */
export const MAX_RECOMMENDATION_ID_LENGTH = 40;

/** Ids in `Event.impression` and `ActionInteraction.impression`, 1..25 (shapes `Impression`, `ActionImpression`). */
export const MAX_IMPRESSION_ITEMS = 25;

/**
 * Characters of `MetricAttribution.eventAttributionSource`, at most 1,024 printable ASCII characters (shape
 * `EventAttributionSource`, pattern `^[\x20-\x7E]*[\x21-\x7E]+[\x20-\x7E]*$`).
 */
export const MAX_EVENT_ATTRIBUTION_SOURCE_LENGTH = 1024;

/**
 * Pattern of `MetricAttribution.eventAttributionSource`: printable ASCII with at least one character that is not a
 * space, so `""` and `"   "` are refused (shape `EventAttributionSource` of the Personalize Events API model, botocore
 * `personalize-events/2018-03-22/service-2.json`).
 */
export const EVENT_ATTRIBUTION_SOURCE_PATTERN = /^[\x20-\x7E]*[\x21-\x7E]+[\x20-\x7E]*$/;

/**
 * Characters of the serialised `properties` JSON string, per kind of record: `Event.properties` and
 * `ActionInteraction.properties` 1..1024, `User.properties` 1..24000, `Item.properties` and `Action.properties`
 * 1..32000 in the Personalize Events API model.
 */
export const MAX_PROPERTIES_LENGTH = {
  event: 1024,
  actionInteraction: 1024,
  user: 24_000,
  item: 32_000,
  action: 32_000,
} as const;

/**
 * Bytes of one event as sent, in its JSON form: "Maximum size of an event: 10 KB"
 * (https://docs.aws.amazon.com/personalize/latest/dg/limits.html). Read as one member of `PutEvents.eventList`,
 * not the call's `sessionId` and `userId`: which the service counts is unconfirmed.
 */
export const MAX_EVENT_BYTES = 10 * 1024;

/** Characters of a dataset ARN, at most 256: `PutUsers.datasetArn` and the other `datasetArn` members (shape `Arn`). */
export const MAX_DATASET_ARN_LENGTH = 256;

/** Pattern of a dataset ARN: shape `Arn` of the Personalize Events API model. */
export const DATASET_ARN_PATTERN = /^arn:([a-z\d-]+):personalize:.*:.*:.+$/;

/**
 * Keys the `properties` of an event or of an action interaction may not use, compared case-insensitively: they
 * collide with the record's own fields (the documentation of `Event.properties` and of `ActionInteraction.properties`
 * in the Personalize Events API model, which list the same six).
 */
export const RESERVED_EVENT_PROPERTY_KEYS = [
  'userId',
  'sessionId',
  'eventType',
  'timestamp',
  'recommendationId',
  'impression',
] as const;

/**
 * Event types documented for action interactions (`ActionInteraction.eventType` in the Personalize Events API model).
 * Others are accepted with no check.
 */
export const DOCUMENTED_ACTION_INTERACTION_EVENT_TYPES = ['Viewed', 'Taken', 'Not Taken'] as const;

/**
 * Requests per second the service allows, per dataset group: PutEvents 1000/s, PutUsers and PutItems 10/s
 * (https://docs.aws.amazon.com/personalize/latest/dg/limits.html, as of 2023). Quotas differ between accounts: the
 * writer starts here and adapts to the throttling it meets. PutActions and PutActionInteractions are unconfirmed (no
 * quota is documented): 10/s is a cautious guess, overridable.
 */
export const DOCUMENTED_REQUESTS_PER_SECOND = {
  putEvents: 1000,
  putUsers: 10,
  putItems: 10,
  putActions: 10,
  putActionInteractions: 10,
} as const;

// Bulk: dataset import jobs (the Personalize API) ----------------------------------------------------------------

/** Characters of an import job name, 1..63: `CreateDatasetImportJob.jobName` (shape `Name`, Personalize API model). */
export const MAX_JOB_NAME_LENGTH = 63;

/** Pattern of an import job name: shape `Name` of the Personalize API model. */
export const JOB_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9\-_]*$/;

/** Characters of `DataSource.dataLocation`, at most 256 (shape `S3Location` of the Personalize API model). */
export const MAX_DATA_LOCATION_LENGTH = 256;

/**
 * Pattern of `DataSource.dataLocation` (shape `S3Location`): one file, or a folder ending in `/` whose every CSV is
 * imported (https://docs.aws.amazon.com/personalize/latest/dg/API_DataSource.html).
 */
export const DATA_LOCATION_PATTERN = /^(s3|http|https):\/\/.+$/;

/**
 * Pattern of the IAM role the service assumes to read the bucket: `CreateDatasetImportJob.roleArn` (shape `RoleArn`,
 * optional in the model of `@aws-sdk/client-personalize` 3.1138: `roleArn?: string`).
 */
export const ROLE_ARN_PATTERN = /^arn:([a-z\d-]+):iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;

/** Characters of a role ARN, at most 256: shape `RoleArn` (`CreateDatasetImportJob.roleArn`) of the Personalize API model. */
export const MAX_ROLE_ARN_LENGTH = 256;

/**
 * Characters of any ARN a Personalize control-plane call takes, at most 256: shape `Arn` of the Personalize API model
 * (`CreateDataset.datasetGroupArn`, `DescribeEventTracker.eventTrackerArn`, `ListDatasets.datasetGroupArn`, …).
 */
export const MAX_ARN_LENGTH = 256;

/**
 * Pattern of those ARNs: shape `Arn` of the Personalize API model, `arn:([a-z\d-]+):personalize:.*:.*:.+` (the same as
 * the Events API's `Arn`, anchored here as `DATASET_ARN_PATTERN` is).
 */
export const ARN_PATTERN = /^arn:([a-z\d-]+):personalize:.*:.*:.+$/;

/**
 * Characters of a resource name, 1..63: shape `Name` of the Personalize API model (`CreateDatasetGroup.name`,
 * `CreateSchema.name`, `CreateDataset.name`, `CreateEventTracker.name`); its pattern is `JOB_NAME_PATTERN`.
 */
export const MAX_RESOURCE_NAME_LENGTH = 63;

/** Characters of an Avro schema, at most 20,000: `CreateSchema.schema` (shape `AvroSchema`, Personalize API model). */
export const MAX_SCHEMA_LENGTH = 20_000;

/**
 * Import jobs pending or in progress per account and region; not adjustable
 * (https://docs.aws.amazon.com/personalize/latest/dg/limits.html). The sixth is refused with a LimitExceededException.
 */
export const MAX_ACTIVE_IMPORT_JOBS = 5;

/** Bytes of data per FULL import job: 100 GB (https://docs.aws.amazon.com/personalize/latest/dg/limits.html). */
export const MAX_FULL_IMPORT_BYTES = 100 * 1024 ** 3;

/** Bytes of data per INCREMENTAL import job: 1 GB (https://docs.aws.amazon.com/personalize/latest/dg/limits.html). */
export const MAX_INCREMENTAL_IMPORT_BYTES = 1024 ** 3;

/**
 * Interaction records one import of interactions needs, FULL or INCREMENTAL: "Minimum number of interactions records
 * per dataset import job" (https://docs.aws.amazon.com/personalize/latest/dg/limits.html). An INCREMENTAL import needs
 * that many *new* records, of interactions and of action interactions alike
 * (https://docs.aws.amazon.com/personalize/latest/dg/updating-existing-bulk-data.html); a FULL import of action
 * interactions has no minimum.
 */
export const MIN_INTERACTIONS_PER_IMPORT = 1000;

/**
 * Results per page of every List call, 1..100, 100 when absent: `ListDatasetImportJobs.maxResults`,
 * `ListDatasets.maxResults`, `ListDatasetGroups.maxResults`, `ListSchemas.maxResults`, `ListEventTrackers.maxResults`
 * (shape `MaxResults`, Personalize API model).
 */
export const MAX_LIST_PAGE_SIZE = 100;

/**
 * Tags on one resource (an import job, a dataset group, a dataset, an event tracker), at most 50: "Maximum number of
 * tags per resource: 50" (https://docs.aws.amazon.com/personalize/latest/dg/tagging-resources.html); more is a
 * `TooManyTagsException`. The model's list (`CreateDatasetImportJob.tags`, shape `Tags`) allows 0..200, which the
 * service's own rule narrows.
 */
export const MAX_JOB_TAGS = 50;

/** Characters of a tag key, 1..128: shape `TagKey` of the Personalize API model. */
export const MAX_TAG_KEY_LENGTH = 128;

/** Characters of a tag value, 0..256: shape `TagValue` of the Personalize API model. */
export const MAX_TAG_VALUE_LENGTH = 256;

/**
 * Pattern of a tag key and of a tag value: shapes `TagKey` and `TagValue` of the Personalize API model,
 * `^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$` (letters, spaces, digits and `_ . : / = + - @`).
 */
export const TAG_PATTERN = /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u;

/**
 * The prefix no tag key may start with, in any case: it is reserved for AWS
 * (https://docs.aws.amazon.com/personalize/latest/dg/tagging-resources.html).
 */
export const RESERVED_TAG_KEY_PREFIX = 'aws:';

/**
 * The states of an import job: CREATE PENDING, then CREATE IN_PROGRESS, then ACTIVE or CREATE FAILED (the
 * documentation of `DatasetImportJob.status` in the Personalize API model). A free string in the model.
 */
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

// The CSV format of bulk data ------------------------------------------------------------------------------------

/**
 * Characters of one categorical value; a longer one makes the import job fail
 * (https://docs.aws.amazon.com/personalize/latest/dg/limits.html and
 * https://docs.aws.amazon.com/personalize/latest/dg/items-datasets.html).
 */
export const MAX_CATEGORICAL_VALUE_LENGTH = 1000;

/**
 * Characters of a textual field before the service truncates it, 7,000 for Chinese and Japanese
 * (https://docs.aws.amazon.com/personalize/latest/dg/limits.html and
 * https://docs.aws.amazon.com/personalize/latest/dg/items-datasets.html).
 */
export const MAX_TEXTUAL_VALUE_LENGTH = 20_000;

/**
 * Characters of a textual field in Chinese or Japanese before the service truncates it
 * (https://docs.aws.amazon.com/personalize/latest/dg/limits.html).
 */
export const MAX_TEXTUAL_VALUE_LENGTH_CJK = 7000;

/**
 * Separator of a multi-valued categorical value, in a CSV cell and in `properties` alike
 * (https://docs.aws.amazon.com/personalize/latest/dg/data-prep-formatting.html, and the documentation of
 * `Item.properties` in the Personalize Events API model).
 */
export const MULTI_VALUE_SEPARATOR = '|';

// Domain dataset groups and training -----------------------------------------------------------------------------

/**
 * Events of the needed type that a domain use case needs ("At minimum, 1000 `View` events":
 * https://docs.aws.amazon.com/personalize/latest/dg/ECOMMERCE-use-cases.html and
 * https://docs.aws.amazon.com/personalize/latest/dg/VIDEO_ON_DEMAND-use-cases.html).
 */
export const MIN_EVENTS_PER_USE_CASE = 1000;

/**
 * Users with two or more interactions that training a solution version needs
 * (https://docs.aws.amazon.com/personalize/latest/dg/limits.html).
 */
export const MIN_USERS_FOR_TRAINING = 25;

// Timestamps of bulk data: epoch seconds ------------------------------------------------------------------------

/**
 * Smallest TIMESTAMP value read as milliseconds, not seconds. The service reads Unix epoch seconds
 * (https://docs.aws.amazon.com/personalize/latest/dg/data-prep-formatting.html#timestamp-data), and a millisecond
 * value is the classic mistake. 1e11 seconds is the year 5138, while 1e11 milliseconds is March 1973: every
 * millisecond timestamp since then is above it, and no plausible seconds value is.
 */
export const MIN_MILLISECOND_TIMESTAMP = 1e11;

/** Epoch seconds of 2100-01-01: a later TIMESTAMP in seconds is implausible (a warning of the library, no rule). */
export const MAX_PLAUSIBLE_TIMESTAMP_SECONDS = 4_102_444_800;

// S3, as the local endpoint serves it --------------------------------------------------------------------------

/**
 * Bytes of one PutObject body, at most 5 GiB: "Upload an object in a single operation by using the AWS SDKs, REST
 * API, or AWS CLI – With a single PUT operation, you can upload a single object up to 5 GB in size"
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/upload-objects.html).
 */
export const MAX_S3_PUT_BYTES = 5 * 1024 ** 3;

/** Bytes of one object, at most 5 TiB (https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html). */
export const MAX_S3_OBJECT_BYTES = 5 * 1024 ** 4;

/** Part numbers of a multipart upload, 1..10,000 (https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html). */
export const MAX_S3_PART_NUMBER = 10_000;

/** Bytes of one part of a multipart upload, at most 5 GiB (https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html). */
export const MAX_S3_PART_BYTES = 5 * 1024 ** 3;

/**
 * Bytes of every part of a multipart upload but the last, at least 5 MiB; CompleteMultipartUpload refuses a smaller
 * one with `EntityTooSmall` (https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html).
 */
export const MIN_S3_PART_BYTES = 5 * 1024 ** 2;

/**
 * Keys of one DeleteObjects request, and keys of one ListObjectsV2 page (`max-keys`), at most 1,000
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html).
 */
export const MAX_S3_KEYS_PER_REQUEST = 1000;

/** Bytes of an object key's UTF-8 form, 1..1,024 (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html). */
export const MAX_S3_KEY_BYTES = 1024;

/**
 * Bucket names: 3..63 characters of lowercase letters, digits, dots and hyphens, starting and ending with a letter
 * or digit (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
 */
export const S3_BUCKET_NAME_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
