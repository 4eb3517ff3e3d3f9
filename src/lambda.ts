// The public API of `personalize-import/lambda`: Lambda handlers for SQS and Kinesis Data Streams event sources that
// write the records of each message through one RecordWriter and answer with the `ReportBatchItemFailures` contract
// (`{ batchItemFailures }`). Every name here is in the API report (api/personalize-import-lambda.api.md). The writer,
// the records and the errors they share with the root entry are imported from `personalize-import`; the built entry
// loads them from the same shared chunks, so there is one copy of every class. Loading it loads no AWS SDK code.
// One section per feature; sections stay in this order (biome's import sorting is off for this file, biome.json).

// --- The handlers --------------------------------------------------------------------------------------------------
export { createSqsHandler, type SqsHandler } from './lambda/sqs-handler.js';
export { createKinesisHandler, type KinesisHandler } from './lambda/kinesis-handler.js';
export {
  type KinesisHandlerOptions,
  type LambdaHandlerConfiguration,
  type LambdaHandlerOptions,
  lambdaHandlerDefaults,
  type SqsHandlerOptions,
} from './lambda/handler-options.js';
export type { LambdaRecord } from './lambda/lambda-record.js';
export { sourceEventId } from './lambda/source-event-id.js';

// --- Errors --------------------------------------------------------------------------------------------------------
export { BatchFailedError, DeadlineError, ToRecordsError } from './lambda/lambda-errors.js';

// --- The event payloads (the shapes AWS documents) -----------------------------------------------------------------
export type {
  BatchItemFailure,
  BatchResponse,
  KinesisPayload,
  KinesisStreamEvent,
  KinesisStreamRecord,
  LambdaContext,
  SqsEvent,
  SqsMessage,
  SqsMessageAttribute,
  SqsMessageAttributes,
} from './lambda/event-types.js';
