import { describe, expect, it } from 'vitest';
import { parseAvroSchema } from '../../src/csv/avro-schema.js';
import { InvalidOptionsError } from '../../src/errors.js';

describe('parseAvroSchema', () => {
  it('reads a DescribeSchema string: types, null unions, flags, logical types', () => {
    const schema = parseAvroSchema(
      JSON.stringify({
        type: 'record',
        name: 'Items',
        fields: [
          { name: 'ITEM_ID', type: 'string' },
          { name: 'GENRES', type: ['null', 'string'], categorical: true },
          { name: 'DESCRIPTION', type: ['string', 'null'], textual: true },
          { name: 'CREATION_TIMESTAMP', type: { type: 'long', logicalType: 'timestamp-millis' } },
          { name: 'PRICE', type: 'double' },
        ],
      }),
    );
    expect(schema.name).toBe('Items');
    expect(schema.fields).toEqual([
      { name: 'ITEM_ID', type: 'string', nullable: false, categorical: false, textual: false },
      { name: 'GENRES', type: 'string', nullable: true, categorical: true, textual: false },
      { name: 'DESCRIPTION', type: 'string', nullable: true, categorical: false, textual: true },
      { name: 'CREATION_TIMESTAMP', type: 'long', nullable: false, categorical: false, textual: false },
      { name: 'PRICE', type: 'double', nullable: false, categorical: false, textual: false },
    ]);
  });

  it.each([
    ['not json', 'not JSON'],
    [{ type: 'enum', symbols: [] }, '"type": "record"'],
    [{ type: 'record', fields: [{ type: 'string' }] }, 'fields[0] must be an object with a non-empty string `name`'],
    [{ type: 'record', fields: [{ name: 'A', type: ['int', 'string'] }] }, 'field `A` has type ["int","string"]'],
    [{ type: 'record', fields: [{ name: 'A', type: { type: 'array', items: 'string' } }] }, 'field `A` has type'],
    [
      {
        type: 'record',
        fields: [
          { name: 'A', type: 'int' },
          { name: 'A', type: 'int' },
        ],
      },
      'declared twice',
    ],
  ])('refuses %j', (schema, message) => {
    expect(() => parseAvroSchema(schema)).toThrow(InvalidOptionsError);
    expect(() => parseAvroSchema(schema)).toThrow(message);
  });
});
