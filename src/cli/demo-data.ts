/**
 * The demo's made-up shop: schemas, CSV files and live records, from a seeded generator so every run is the same.
 * @module
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/** Avro schemas of the demo's datasets. */
export const DEMO_SCHEMAS = {
  Interactions: {
    type: 'record',
    name: 'Interactions',
    namespace: 'com.amazonaws.personalize.schema',
    fields: [
      { name: 'USER_ID', type: 'string' },
      { name: 'ITEM_ID', type: 'string' },
      { name: 'TIMESTAMP', type: 'long' },
      { name: 'EVENT_TYPE', type: 'string' },
    ],
    version: '1.0',
  },
  Users: {
    type: 'record',
    name: 'Users',
    namespace: 'com.amazonaws.personalize.schema',
    fields: [
      { name: 'USER_ID', type: 'string' },
      { name: 'MEMBERSHIP', type: 'string', categorical: true },
    ],
    version: '1.0',
  },
  Items: {
    type: 'record',
    name: 'Items',
    namespace: 'com.amazonaws.personalize.schema',
    fields: [
      { name: 'ITEM_ID', type: 'string' },
      { name: 'CATEGORY', type: 'string', categorical: true },
    ],
    version: '1.0',
  },
} as const;

const EVENT_TYPES = ['View', 'View', 'View', 'Purchase'];

/** What a generated interactions file may get wrong on purpose. */
export interface Flaws {
  /** Write the TIMESTAMP of these 1-based data rows in milliseconds (the classic mistake). */
  millisecondRows?: readonly number[];
  /** Leave USER_ID empty on these rows. */
  emptyUserRows?: readonly number[];
}

/** Writes an interactions CSV of `rows` rows starting at epoch second `from`. */
export async function writeInteractionsCsv(
  path: string,
  rows: number,
  from: number,
  random: () => number,
  flaws: Flaws = {},
): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  out.write('USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n');
  for (let row = 1; row <= rows; row++) {
    const user = flaws.emptyUserRows?.includes(row) ? '' : `user-${Math.floor(random() * 200)}`;
    const seconds = from + row * 60;
    const timestamp = flaws.millisecondRows?.includes(row) ? seconds * 1000 : seconds;
    const type = EVENT_TYPES[Math.floor(random() * EVENT_TYPES.length)] ?? 'View';
    if (!out.write(`${user},item-${Math.floor(random() * 300)},${timestamp},${type}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
