/**
 * A chunk: records of one kind bound for one call, with what the call needs beside them (the tracking id, session and
 * user of PutEvents; the dataset of PutUsers/PutItems/PutActions). `OpenChunk.tryAdd` answers whether a record fits.
 * @module
 */
import type { RecordKind } from '../records/kinds.js';
import type { WireRecordOf } from '../records/validate-record.js';
import type { DataPlaneCall, Transport } from '../transport/transport.js';
import type { RecordOf } from './report.js';

/** A record accepted by the writer: as written (with its assigned eventId) and in wire form. */
export type Entry = {
  [K in RecordKind]: { kind: K; record: RecordOf[K]; wire: WireRecordOf[K] };
}[RecordKind];

/** What one call is addressed to, beside its records. */
export type Target =
  | { kind: 'event'; trackingId: string; sessionId: string; userId: string | undefined }
  | { kind: 'user' | 'item' | 'action'; datasetArn: string }
  | { kind: 'actionInteraction'; trackingId: string };

/** Records bound for one call. */
export interface Chunk {
  target: Target;
  entries: Entry[];
}

/** The call each kind of record goes through. */
export const CALL_OF: Record<RecordKind, DataPlaneCall> = {
  event: 'putEvents',
  user: 'putUsers',
  item: 'putItems',
  action: 'putActions',
  actionInteraction: 'putActionInteractions',
};

/** Records that may share a call share this key. */
export function groupKey(target: Target): string {
  switch (target.kind) {
    case 'event':
      return `event\u0000${target.trackingId}\u0000${target.sessionId}\u0000${target.userId ?? ''}`;
    case 'actionInteraction':
      return `actionInteraction\u0000${target.trackingId}`;
    default:
      return `${target.kind}\u0000${target.datasetArn}`;
  }
}

/** Splits a chunk into two halves (the first the smaller when odd), for isolating a rejected record. */
export function splitChunk(chunk: Chunk): [Chunk, Chunk] {
  const middle = Math.floor(chunk.entries.length / 2);
  return [
    { target: chunk.target, entries: chunk.entries.slice(0, middle) },
    { target: chunk.target, entries: chunk.entries.slice(middle) },
  ];
}

function wires<K extends RecordKind>(chunk: Chunk, _kind: K): WireRecordOf[K][] {
  return chunk.entries.map((entry) => entry.wire as WireRecordOf[K]);
}

/** Makes the call that sends `chunk`. */
export function sendChunk(transport: Transport, chunk: Chunk, signal: AbortSignal): Promise<void> {
  const target = chunk.target;
  const options = { signal };
  switch (target.kind) {
    case 'event': {
      const { trackingId, sessionId, userId } = target;
      const eventList = wires(chunk, 'event');
      const input =
        userId === undefined ? { trackingId, sessionId, eventList } : { trackingId, sessionId, userId, eventList };
      return transport.putEvents(input, options);
    }
    case 'user':
      return transport.putUsers({ datasetArn: target.datasetArn, users: wires(chunk, 'user') }, options);
    case 'item':
      return transport.putItems({ datasetArn: target.datasetArn, items: wires(chunk, 'item') }, options);
    case 'action':
      return transport.putActions({ datasetArn: target.datasetArn, actions: wires(chunk, 'action') }, options);
    case 'actionInteraction':
      return transport.putActionInteractions(
        { trackingId: target.trackingId, actionInteractions: wires(chunk, 'actionInteraction') },
        options,
      );
  }
}
