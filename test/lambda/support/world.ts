// The world a Lambda consumer runs in, for the harnesses: a MemoryTransport on a ManualClock with a tracker and a
// Users dataset, what the producer sent (each record's fate), what reached the service (watched at the transport),
// what onRejected heard, and execution environments that can be killed (a cold start: the old module scope is gone,
// and so are its calls in flight).

import type { PersonalizeImportError } from '../../../src/errors.js';
import type { LambdaRecord } from '../../../src/lambda/lambda-record.js';
import { MemoryTransport } from '../../../src/transport/memory/memory-transport.js';
import type { DataPlaneCall, PutEventsInput, PutUsersInput, Transport } from '../../../src/transport/transport.js';
import { ManualClock } from '../../../src/util/manual-clock.js';

export const TRACKING_ID = 'tracking-lambda';

/** What becomes of a record: delivered, rejected by the service, refused by local validation. */
export type Fate = 'good' | 'rejected' | 'refused';

/** One record a producer put in a message: its key is unique in the run (an event's itemId, a user's userId). */
export interface RecordSpec {
  key: string;
  kind: 'event' | 'user';
  fate: Fate;
  /** Set at the source by the producer; otherwise the handler derives one. */
  eventId?: string;
}

/** A message's body: its records, or a body `toRecords` cannot decode. */
export type MessageSpec = { records: RecordSpec[] } | { undecodable: true };

const POISON = 'poison';

/** The body a producer sends for `spec`. */
export function bodyOf(spec: MessageSpec): string {
  return 'undecodable' in spec ? '{ not json' : JSON.stringify(spec);
}

/**
 * The consumer's decoder, as a user writes one: JSON in, records out. A `refused` record lacks `sentAt` (an event)
 * or has an empty id (a user), so local validation refuses it; a `rejected` one carries an id the fake rejects.
 */
export function decodeBody(body: string): LambdaRecord[] {
  const spec = JSON.parse(body) as { records: RecordSpec[] };
  return spec.records.map((record) => {
    const id = record.fate === 'rejected' ? `${POISON}-${record.key}` : record.key;
    if (record.kind === 'user')
      return { kind: 'user', record: { userId: record.fate === 'refused' ? id.padEnd(300, '~') : id } };
    const event = {
      sessionId: `session-${record.key.slice(0, 4)}`,
      userId: 'user-1',
      eventType: 'click',
      itemId: id,
      ...(record.fate !== 'refused' && { sentAt: new Date(1_767_225_600_000) }),
      ...(record.eventId !== undefined && { eventId: record.eventId }),
    };
    return { kind: 'event', record: event } as LambdaRecord;
  });
}

/** A transport that can be killed: after `kill()`, calls never answer (the process that made them is gone). */
export interface Environment {
  readonly transport: Transport;
  kill(): void;
}

/** What the service stored, and what the consumer said it rejected. */
export class World {
  readonly clock = new ManualClock();
  readonly memory = new MemoryTransport({ clock: this.clock, latencyMs: 20 });
  readonly usersArn: string;
  /** Per record key: the event ids it was stored under, with counts. */
  readonly storedEvents = new Map<string, Map<string, number>>();
  readonly storedUsers = new Map<string, number>();
  /** Per record key (or message id for an undecodable message): how many times onRejected heard it. */
  readonly told = new Map<string, number>();
  /** When set, onRejected throws (e.g. the dead-letter queue is down). */
  onRejectedThrows = false;
  onRejectedCalls = 0;

  constructor() {
    const datasetGroupArn = this.memory.createDatasetGroup({ name: 'shop' });
    this.memory.addTracker(TRACKING_ID, datasetGroupArn);
    const users = { type: 'record', name: 'Users', fields: [] };
    this.usersArn = this.memory.createDataset({ datasetGroupArn, datasetType: 'Users', schema: users }).datasetArn;
    this.installRejecter();
  }

  /** The service's rule: a record whose id starts with `poison` is invalid input. */
  installRejecter(): void {
    this.memory.rejectRecords((record) => {
      const id = 'itemId' in record ? record.itemId : 'userId' in record ? record.userId : undefined;
      return typeof id === 'string' && id.startsWith(POISON) ? `Invalid id ${id}` : undefined;
    });
  }

  /** A new execution environment whose calls reach the service until it is killed. */
  environment(): Environment {
    let alive = true;
    const never = new Promise<void>(() => {});
    const memory = this.memory;
    const forward =
      <I>(call: DataPlaneCall, after: (input: I) => void) =>
      async (input: I, options?: object) => {
        if (!alive) return never;
        await (memory[call] as (input: I, options?: object) => Promise<void>).call(memory, input, options);
        if (!alive) return never;
        after(input);
        return undefined;
      };
    const transport = {
      putEvents: forward<PutEventsInput>('putEvents', (input) => this.#storedEvents(input)),
      putUsers: forward<PutUsersInput>('putUsers', (input) => this.#storedUsers(input)),
      putItems: forward('putItems', () => {}),
      putActions: forward('putActions', () => {}),
      putActionInteractions: forward('putActionInteractions', () => {}),
    } as unknown as Transport;
    return { transport, kill: () => (alive = false) };
  }

  /** The consumer's onRejected: counts what it hears, by record key (or message id when no record). */
  onRejected = (messageId: string, record: LambdaRecord | undefined, error: PersonalizeImportError): void => {
    this.onRejectedCalls += 1;
    if (this.onRejectedThrows) throw new Error('the dead-letter queue is down');
    const key = record === undefined ? `message:${messageId}:${error.code}` : keyOf(record);
    this.told.set(key, (this.told.get(key) ?? 0) + 1);
  };

  /** True when the service holds `spec`'s record (events: under any id). */
  stored(spec: RecordSpec): boolean {
    return spec.kind === 'event' ? this.storedEvents.has(spec.key) : this.storedUsers.has(spec.key);
  }

  #storedEvents(input: PutEventsInput): void {
    for (const event of input.eventList) {
      const key = event.itemId ?? '';
      const ids = this.storedEvents.get(key) ?? new Map<string, number>();
      this.storedEvents.set(key, ids);
      ids.set(event.eventId ?? '', (ids.get(event.eventId ?? '') ?? 0) + 1);
    }
  }

  #storedUsers(input: PutUsersInput): void {
    for (const user of input.users) this.storedUsers.set(user.userId, (this.storedUsers.get(user.userId) ?? 0) + 1);
  }
}

/** The key of a decoded record, as the producer's spec named it. */
export function keyOf(record: LambdaRecord): string {
  const id = record.kind === 'user' ? record.record.userId : record.kind === 'event' ? record.record.itemId : undefined;
  return (id ?? '').replace(`${POISON}-`, '').replace(/~+$/, '');
}
