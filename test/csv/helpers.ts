import { Readable } from 'node:stream';
import { validateCsv } from '../../src/csv/validate-csv.js';
import type { ValidateCsvOptions } from '../../src/csv/validate-options.js';
import { interactionsSchema } from '../support/schemas.js';

export { interactionsSchema };

export const itemsSchema = {
  type: 'record',
  name: 'Items',
  fields: [
    { name: 'ITEM_ID', type: 'string' },
    { name: 'PRICE', type: 'float' },
    { name: 'CATEGORY_L1', type: 'string', categorical: true },
    { name: 'IN_STOCK', type: ['null', 'boolean'] },
    { name: 'STOCK', type: ['null', 'int'] },
    { name: 'PRODUCT_DESCRIPTION', type: ['null', 'string'], textual: true },
    { name: 'CREATION_TIMESTAMP', type: 'long' },
  ],
};

export const HEADER = 'USER_ID,ITEM_ID,EVENT_TYPE,EVENT_VALUE,TIMESTAMP';

/** `count` valid interaction lines: 50 users, event types cycling through `types`. */
export function interactionLines(count: number, types: readonly string[] = ['View', 'Purchase']): string[] {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    lines.push(`u${i % 50},i${i % 300},${types[i % types.length]},${i % 5}.5,${1_700_000_000 + i}`);
  }
  return lines;
}

/** A valid interactions file of `count` records with `replace` applied (line number → line, 1-based). */
export function interactionsCsv(count: number, replace: Record<number, string> = {}): string {
  const lines = [HEADER, ...interactionLines(count)];
  for (const [line, text] of Object.entries(replace)) lines[Number(line) - 1] = text;
  return `${lines.join('\n')}\n`;
}

/** Validates `text` fed as a stream of `chunkSize`-byte chunks. */
export function validateText(text: string | Buffer, options: Partial<ValidateCsvOptions> = {}, chunkSize = 64 * 1024) {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  return validateCsv(Readable.from(chunks), { schema: interactionsSchema, datasetType: 'Interactions', ...options });
}
