/**
 * The benchmark's input: an interactions file generated on the fly, the same for every run (seeded).
 * @module
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { seededRandom } from '../src/util/seeded-random.js';

const MIB = 1024 * 1024;

/** The Avro schema of the generated file. */
export const SCHEMA = {
  type: 'record',
  name: 'Interactions',
  fields: [
    { name: 'USER_ID', type: 'string' },
    { name: 'ITEM_ID', type: 'string' },
    { name: 'EVENT_TYPE', type: 'string' },
    { name: 'EVENT_VALUE', type: ['null', 'float'] },
    { name: 'TIMESTAMP', type: 'long' },
    { name: 'RECOMMENDATION_ID', type: ['null', 'string'] },
  ],
};

// --- the file ------------------------------------------------------------------------------------------------------

const EVENT_TYPES = ['View', 'View', 'View', 'AddToCart', 'Purchase'];

/** Writes an interactions file of about `bytes` bytes: 6 columns, 2% of rows with a quoted, escaped value. */
export async function generate(path: string, bytes: number): Promise<void> {
  const next = seededRandom(42);
  const out = createWriteStream(path, { highWaterMark: 4 * MIB });
  out.write('USER_ID,ITEM_ID,EVENT_TYPE,EVENT_VALUE,TIMESTAMP,RECOMMENDATION_ID\n');
  let written = 0;
  let ts = 1_600_000_000;
  while (written < bytes) {
    const lines: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const r = next();
      ts += Math.floor(r * 3);
      const rec = r < 0.02 ? `"rec \\"${Math.floor(r * 1e6)}\\""` : r < 0.2 ? `rec-${Math.floor(r * 1e7)}` : '';
      const value = r < 0.5 ? (r * 10).toFixed(1) : '';
      const type = EVENT_TYPES[Math.floor(next() * EVENT_TYPES.length)];
      lines.push(`user-${Math.floor(next() * 1e6)},item-${Math.floor(next() * 2e5)},${type},${value},${ts},${rec}`);
    }
    const block = `${lines.join('\n')}\n`;
    written += Buffer.byteLength(block);
    if (!out.write(block)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
