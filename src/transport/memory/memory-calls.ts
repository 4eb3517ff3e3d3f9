/**
 * What each `Transport` call of `MemoryTransport` does to its parts: the service's checks, then the change to the
 * stored state. `runCall` wraps every call in what all calls share (abort, latency, scripted faults, quota, history).
 * @module
 */
import { InvalidInputError } from '../../errors.js';
import { RECORD_KINDS } from '../../records/kinds.js';
import { throwIfAborted } from '../../util/clock.js';
import type {
  DataPlaneCall,
  Dataset,
  DatasetGroup,
  DatasetSummary,
  DatasetType,
  Page,
  PutActionInteractionsInput,
  PutActionsInput,
  PutEventsInput,
  PutItemsInput,
  PutUsersInput,
  Schema,
} from '../transport.js';
import type { CallInputOf, CallRecord, TransportCallName } from './call-history.js';
import { checkPutActionInteractions, checkPutEvents, checkPutRecords, type UpsertKind } from './check-wire-records.js';
import { copyWire } from './copy-wire.js';
import { isDataPlane, type MemoryParts } from './memory-parts.js';
import type { UpsertedRecord } from './memory-types.js';
import { checkArn } from './model-checks.js';
import { paginate } from './paginate.js';
import { type DataPlaneInput, throttledError, type WireRecord } from './scripted-faults.js';

/** The dataset type each upserted kind is stored in. */
const DATASET_TYPE_OF = { user: 'Users', item: 'Items', action: 'Actions' } as const satisfies Record<
  UpsertKind,
  DatasetType
>;

/** The input of the upserting call of each kind. */
interface UpsertInputOf {
  user: PutUsersInput;
  item: PutItemsInput;
  action: PutActionsInput;
}

function rejectWith(message: string | undefined): void {
  if (message !== undefined) {
    throw new InvalidInputError(message, { serviceErrorName: 'InvalidInputException', statusCode: 400 });
  }
}

function rejectRecords(parts: MemoryParts, call: DataPlaneCall, input: DataPlaneInput, records: readonly WireRecord[]) {
  rejectWith(parts.faults.rejection(call, input, records));
}

/**
 * Runs one call: abort, latency, scripted faults and quota, then `body`; records it in the history. `body` gets the
 * history's copy of the input (a deep copy for the data-plane calls, the input itself for the others), so that what
 * a call stores need not be copied a second time.
 */
export async function runCall<K extends TransportCallName, R>(
  parts: MemoryParts,
  call: K,
  input: CallInputOf<K>,
  signal: AbortSignal | undefined,
  body: (recorded: CallInputOf<K>) => R | Promise<R>,
): Promise<Awaited<R>> {
  const { config, faults, quota, calls } = parts;
  const at = config.clock.now();
  const recorded = isDataPlane(call) ? copyWire(input) : input;
  const record = (outcome: Omit<CallRecord, 'call' | 'input' | 'at'>) =>
    calls.add({ call, input: recorded, at, ...outcome } as CallRecord);
  try {
    throwIfAborted(signal);
    if (config.latencyMs > 0) await config.clock.sleep(config.latencyMs, signal);
    const fault = faults.takeFault(call);
    if (fault !== undefined) throw fault;
    if (isDataPlane(call) && !quota.take(call)) throw throttledError(call);
    const result = await body(recorded);
    record({ outcome: 'ok' });
    return result;
  } catch (error) {
    record({ outcome: 'error', error: error as Error });
    throw error;
  }
}

/**
 * PutEvents: stores the events under the call's tracking id, session and user. The checks and scripted rejections
 * see the caller's `input`; what is stored is `copied`'s events, the history's deep copy of them (each made a stored
 * event of its own, over the copy's members, when first read), so the caller's later changes show in neither.
 */
export function storeEvents(parts: MemoryParts, input: PutEventsInput, copied: PutEventsInput): void {
  rejectWith(checkPutEvents(input));
  parts.state.requireTracker(input.trackingId, 'events', parts.config.strict);
  rejectRecords(parts, 'putEvents', input, input.eventList);
  // An input copyWire keeps as it is (not a plain object) has its events copied here.
  const events = copied === input ? copyWire(input.eventList) : copied.eventList;
  parts.state.events.add(input.trackingId, input.sessionId, input.userId, events);
}

/**
 * PutActionInteractions: stores the records under the tracking id of an Action interactions dataset, made from
 * `copied` as `storeEvents` does.
 */
export function storeActionInteractions(
  parts: MemoryParts,
  input: PutActionInteractionsInput,
  copied: PutActionInteractionsInput,
): void {
  rejectWith(checkPutActionInteractions(input));
  parts.state.requireTracker(input.trackingId, 'actionInteractions', parts.config.strict);
  rejectRecords(parts, 'putActionInteractions', input, input.actionInteractions);
  const records = copied === input ? copyWire(input.actionInteractions) : copied.actionInteractions;
  for (const record of records) {
    parts.state.actionInteractions.push({ ...record, trackingId: input.trackingId });
  }
}

/** PutUsers, PutItems, PutActions: an upsert by the kind's id field; the latest put moves to the end. */
export function upsertRecords<K extends UpsertKind>(parts: MemoryParts, kind: K, input: UpsertInputOf[K]): void {
  const { call, plural, idField } = RECORD_KINDS[kind];
  rejectWith(checkPutRecords(kind, input));
  const dataset = parts.state.datasetForPut(input.datasetArn, DATASET_TYPE_OF[kind], parts.config.strict);
  const records = (input as unknown as Record<typeof plural, readonly UpsertedRecord[]>)[plural];
  rejectRecords(parts, call, input, records);
  for (const record of copyWire(records)) {
    const id = (record as unknown as Record<typeof idField, string>)[idField];
    // Delete first so that the upserted record moves to the end, as the latest put.
    dataset.records.delete(id);
    dataset.records.set(id, record);
  }
}

/** ListDatasets of one dataset group (which must exist), or of the account without one, paginated. */
export function listDatasetsOf(
  parts: MemoryParts,
  datasetGroupArn: string | undefined,
  nextToken?: string,
  maxResults?: number,
): Page<DatasetSummary> {
  if (datasetGroupArn !== undefined) parts.state.group(datasetGroupArn);
  const datasets = [...parts.state.datasets.values()]
    .filter((dataset) => datasetGroupArn === undefined || dataset.groupArn === datasetGroupArn)
    .map(({ arn, name, type }) => ({ datasetArn: arn, name, datasetType: type, status: 'ACTIVE' }));
  return paginate(datasets, nextToken, maxResults);
}

/** DescribeDataset of a dataset that was set up. */
export function describeDatasetOf(parts: MemoryParts, datasetArn: string): Dataset {
  checkArn('datasetArn', datasetArn);
  const { arn, name, groupArn, type, schemaArn, trackingId } = parts.state.dataset(datasetArn);
  const dataset = { datasetArn: arn, name, datasetGroupArn: groupArn, datasetType: type, schemaArn };
  return { ...dataset, status: 'ACTIVE', ...(trackingId !== undefined && { trackingId }) };
}

/** DescribeSchema of a schema that was set up. */
export function describeSchemaOf(parts: MemoryParts, schemaArn: string): Schema {
  checkArn('schemaArn', schemaArn);
  const { arn, name, schema, domain } = parts.state.schema(schemaArn);
  return { schemaArn: arn, name, schema, ...(domain !== undefined && { domain }) };
}

/** DescribeDatasetGroup of a group that was set up. */
export function describeDatasetGroupOf(parts: MemoryParts, datasetGroupArn: string): DatasetGroup {
  checkArn('datasetGroupArn', datasetGroupArn);
  const { arn, name, domain } = parts.state.group(datasetGroupArn);
  return { datasetGroupArn: arn, name, status: 'ACTIVE', ...(domain !== undefined && { domain }) };
}
