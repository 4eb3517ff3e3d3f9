/**
 * The `eventId` of an event (or action interaction) that came without one, derived from where it came from: the
 * source message's identity and the record's index within the message. A redelivered message gives the same ids, so
 * the service, which keeps the first event of an id, never counts it twice (PutEvents `Event.eventId`).
 * @module
 */
import { createHash } from 'node:crypto';
import { MAX_ID_LENGTH } from '../limits.js';
import { textLength } from '../util/text-length.js';

/**
 * `<source>#<index>` (an SQS message id is 36 characters, a Kinesis `shardId-…:<sequence number>` about 80), or,
 * when that would pass the service's 256 characters (`limits.MAX_ID_LENGTH`), the source's sha256 in hex (64
 * characters) in its place. Either form is a pure function of the source and the index.
 */
export function sourceEventId(source: string, index: number): string {
  const plain = `${source}#${index}`;
  // Code points never outnumber UTF-16 units: counting them is needed only past the limit.
  if (plain.length <= MAX_ID_LENGTH || textLength(plain) <= MAX_ID_LENGTH) return plain;
  return `${createHash('sha256').update(source).digest('hex')}#${index}`;
}
