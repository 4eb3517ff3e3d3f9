/**
 * The content identity of a records file: the sha256 of its bytes, read in a fast pre-pass. It names the file in a
 * checkpoint and seeds the `eventId`s `put` derives, so the same content read twice gives the same ids wherever the
 * file lives, and an edited file is a new source.
 * @module
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** What identifies a records file. */
export interface SourceIdentity {
  /** Hex sha256 of the file's bytes. */
  sha256: string;
  /** Its size in bytes. */
  size: number;
  /** Its lines that are not empty: the records of a JSONL file, plus the header of a CSV one (for progress). */
  lines: number;
}

/** Hashes `path`; stops on `signal`. */
export async function identifyFile(path: string, signal?: AbortSignal): Promise<SourceIdentity> {
  const hash = createHash('sha256');
  let size = 0;
  let lines = 0;
  let previous = 0x0a; // a line starts the file
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024, ...(signal !== undefined && { signal }) });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
    for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) {
      const before = at > 0 ? chunk[at - 1] : previous;
      if (before !== 0x0a && !(before === 0x0d && (at > 1 ? chunk[at - 2] : previous) === 0x0a)) lines += 1;
    }
    if (chunk.length > 0) previous = chunk[chunk.length - 1] ?? previous;
  }
  if (size > 0 && previous !== 0x0a) lines += 1;
  return { sha256: hash.digest('hex'), size, lines };
}

/**
 * The `eventId` of the event (or action interaction) on `line` of the file of `identity`, for records that have
 * none: `pi-` and 32 hex digits of the file's sha256 (128 bits), then the line, 46 characters at most against the
 * service's 256 (`limits.MAX_ID_LENGTH`). Sending the file again sends the same ids, and the service keeps the
 * first event of an id (PutEvents `eventId`: "Amazon Personalize uses the event ID to distinguish unique events").
 */
export function derivedEventId(identity: SourceIdentity, line: number): string {
  return `pi-${identity.sha256.slice(0, 32)}-${line}`;
}
