/**
 * The control-plane calls that set the fake up and read it back, which are not part of `Transport` (the library
 * never makes them): CreateDatasetGroup, CreateSchema, CreateDataset, CreateEventTracker, their Describe, List and
 * Delete calls. They are served when the backing is a `MemoryTransport` (anything with its set-up methods), and
 * answered `UnknownOperationException`, saying why, otherwise. Shapes follow the SDK's model
 * (`@aws-sdk/client-personalize`): tags as a list of `{ tagKey, tagValue }`, times as epoch seconds.
 * @module
 */
import { InvalidInputError, NotFoundError } from '../errors.js';
import type { MemoryTransport } from '../transport/memory/memory-transport.js';
import { checkArn, checkMaxResults, checkOptionalArn } from '../transport/memory/model-checks.js';
import { paginate } from '../transport/memory/paginate.js';
import { DATASET_TYPES, type DatasetType, type Domain, type Transport } from '../transport/transport.js';
import { type JsonObject, optNum, optStr, optTags, str, toEpochSeconds } from './wire-decode.js';

/** One set-up operation: how to run it on the fake. */
export interface SetUpRoute {
  /** The name the endpoint's stats count it under, e.g. `createDatasetGroup`. */
  call: string;
  run(fake: MemoryTransport, body: JsonObject): JsonObject;
}

/** Why a set-up call is not served: the backing is not a `MemoryTransport`. */
export function notAFake(operation: string): string {
  return (
    `${operation} is served only when the local endpoint's backing is a MemoryTransport: it is one of the fake's ` +
    'set-up calls, not part of Transport'
  );
}

const FAKE_METHODS = ['createSchema', 'createDatasetGroup', 'createDataset', 'createEventTracker', 'resources'];

/** Whether `backing` has the set-up methods of a `MemoryTransport`. */
export function isFake(backing: Transport): backing is MemoryTransport & Transport {
  const methods = backing as unknown as Record<string, unknown>;
  return FAKE_METHODS.every((name) => typeof methods[name] === 'function');
}

function optDomain(body: JsonObject): { domain?: Domain } {
  return optStr(body, 'domain') as { domain?: Domain };
}

/** `datasetType` as the model's documentation has it: one of the five, in any case. */
function datasetType(body: JsonObject): DatasetType {
  const given = str(body, 'datasetType');
  const type = DATASET_TYPES.find((t) => t.toLowerCase() === given.toLowerCase());
  if (type === undefined) {
    throw new InvalidInputError(`Invalid datasetType \`${given}\`: expected one of ${DATASET_TYPES.join(', ')}`, {
      serviceErrorName: 'InvalidInputException',
    });
  }
  return type;
}

const times = (createdAt: Date) => ({
  creationDateTime: toEpochSeconds(createdAt),
  lastUpdatedDateTime: toEpochSeconds(createdAt),
});

/** One page of `items` by the request's `nextToken` and `maxResults` (1..100). */
function page<T>(body: JsonObject, items: readonly T[]) {
  const { maxResults } = optNum(body, 'maxResults');
  checkMaxResults(maxResults);
  return paginate(items, optStr(body, 'nextToken').nextToken, maxResults);
}

function listEventTrackers(fake: MemoryTransport, body: JsonObject) {
  const { datasetGroupArn } = optStr(body, 'datasetGroupArn');
  checkOptionalArn('datasetGroupArn', datasetGroupArn);
  const trackers = fake
    .resources()
    .eventTrackers.filter((t) => datasetGroupArn === undefined || t.datasetGroupArn === datasetGroupArn);
  const { items, nextToken } = page(body, trackers);
  const eventTrackers = items.map((t) => ({
    name: t.name,
    eventTrackerArn: t.eventTrackerArn,
    status: t.status,
    ...times(t.createdAt),
  }));
  return { eventTrackers, nextToken };
}

function describeEventTracker(fake: MemoryTransport, body: JsonObject) {
  const arn = str(body, 'eventTrackerArn');
  checkArn('eventTrackerArn', arn);
  const tracker = fake.resources().eventTrackers.find((t) => t.eventTrackerArn === arn);
  if (tracker === undefined) {
    throw new NotFoundError(`Event tracker ${arn} does not exist.`, { serviceErrorName: 'ResourceNotFoundException' });
  }
  const { createdAt, ...rest } = tracker;
  return { eventTracker: { ...rest, ...times(createdAt) } };
}

const SET_UP: [string, SetUpRoute][] = [
  [
    'CreateDatasetGroup',
    {
      call: 'createDatasetGroup',
      run: (fake, body) => {
        const domain = optDomain(body);
        const datasetGroupArn = fake.createDatasetGroup({ name: str(body, 'name'), ...domain, ...optTags(body) });
        return { datasetGroupArn, ...domain };
      },
    },
  ],
  [
    'CreateSchema',
    {
      call: 'createSchema',
      run: (fake, body) => ({
        schemaArn: fake.createSchema({ name: str(body, 'name'), schema: str(body, 'schema'), ...optDomain(body) }),
      }),
    },
  ],
  [
    'CreateDataset',
    {
      call: 'createDataset',
      run: (fake, body) => {
        const { datasetArn } = fake.createDataset({
          name: str(body, 'name'),
          schemaArn: str(body, 'schemaArn'),
          datasetGroupArn: str(body, 'datasetGroupArn'),
          datasetType: datasetType(body),
          ...optTags(body),
        });
        return { datasetArn };
      },
    },
  ],
  [
    'CreateEventTracker',
    {
      call: 'createEventTracker',
      run: (fake, body) => {
        const input = { name: str(body, 'name'), datasetGroupArn: str(body, 'datasetGroupArn'), ...optTags(body) };
        const { eventTrackerArn, trackingId } = fake.createEventTracker(input);
        return { eventTrackerArn, trackingId };
      },
    },
  ],
  ['DescribeEventTracker', { call: 'describeEventTracker', run: describeEventTracker }],
  ['ListEventTrackers', { call: 'listEventTrackers', run: listEventTrackers }],
  [
    'ListDatasetGroups',
    {
      call: 'listDatasetGroups',
      run: (fake, body) => {
        const { items, nextToken } = page(body, fake.resources().datasetGroups);
        const datasetGroups = items.map(({ createdAt, ...group }) => ({ ...group, ...times(createdAt) }));
        return { datasetGroups, nextToken };
      },
    },
  ],
  [
    'ListSchemas',
    {
      call: 'listSchemas',
      run: (fake, body) => {
        const { items, nextToken } = page(body, fake.resources().schemas);
        const schemas = items.map(({ createdAt, schema: _, ...summary }) => ({ ...summary, ...times(createdAt) }));
        return { schemas, nextToken };
      },
    },
  ],
  ...(
    [
      ['DeleteDatasetGroup', 'deleteDatasetGroup', 'datasetGroupArn'],
      ['DeleteSchema', 'deleteSchema', 'schemaArn'],
      ['DeleteDataset', 'deleteDataset', 'datasetArn'],
      ['DeleteEventTracker', 'deleteEventTracker', 'eventTrackerArn'],
    ] as const
  ).map(([operation, call, member]): [string, SetUpRoute] => [
    operation,
    {
      call,
      run: (fake, body) => {
        fake[call](str(body, member));
        return {};
      },
    },
  ]),
];

/** The set-up operations, by operation name (the part of `x-amz-target` after the prefix). */
export const SET_UP_ROUTES: ReadonlyMap<string, SetUpRoute> = new Map(SET_UP);
