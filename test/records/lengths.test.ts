import { describe, expect, it } from 'vitest';
import { MAX_ID_LENGTH, MAX_PROPERTIES_LENGTH } from '../../src/limits.js';
import { toWireRecord } from '../../src/records/validate-record.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { cutValue } from '../../src/util/cut-value.js';
import { textLength } from '../../src/util/text-length.js';
import { setUpShop } from '../transport/memory-fixtures.js';
import { generatedId, refusal } from './refusal.js';

const EMOJI = '😀'; // one code point, two UTF-16 units, four UTF-8 bytes
const id = generatedId;

describe('textLength (fault 9: one rule, the model length trait: code points)', () => {
  it('counts code points in a string and in UTF-8 bytes alike', () => {
    const text = `a${EMOJI}é${EMOJI}`;
    expect(textLength(text)).toBe(4);
    const bytes = Buffer.from(text);
    expect(textLength(bytes, 0, bytes.length)).toBe(4);
    expect(textLength('\ud800x')).toBe(2);
  });
});

describe('lengths are code points everywhere (fault 9)', () => {
  const userId = EMOJI.repeat(MAX_ID_LENGTH);

  it('passes 256 emoji locally and in the fake alike', async () => {
    const wire = toWireRecord('user', { userId }, id);
    const transport = new MemoryTransport();
    const shop = setUpShop(transport);
    await transport.putUsers({ datasetArn: shop.usersArn, users: [wire] });
    expect(transport.users(shop.usersArn)).toEqual([{ userId }]);
  });

  it('reports 257 emoji as 257 characters', () => {
    const error = refusal('user', { userId: EMOJI.repeat(257) });
    expect(error.field).toBe('userId');
    expect(error.issues[0]?.actual).toBe(257);
    expect(error.message).toContain('got 257');
  });

  it('the fake refuses 257 emoji, as the validator does', async () => {
    const transport = new MemoryTransport();
    const shop = setUpShop(transport);
    await expect(
      transport.putUsers({ datasetArn: shop.usersArn, users: [{ userId: EMOJI.repeat(257) }] }),
    ).rejects.toThrow(/userId.*less than or equal to 256/);
  });

  it('measures properties in code points: 1024 of them pass locally and in the fake', async () => {
    const max = MAX_PROPERTIES_LENGTH.event;
    const properties = { k: EMOJI.repeat(max - 8) }; // {"k":"…"} is 8 characters around the value
    const wire = toWireRecord('event', { sessionId: 's', eventType: 't', sentAt: new Date(0), properties }, id);
    expect(textLength(wire.properties ?? '')).toBe(max);
    const transport = new MemoryTransport();
    const shop = setUpShop(transport);
    await transport.putEvents({ trackingId: shop.trackingId, sessionId: 's', eventList: [wire] });
    const over = refusal('event', {
      sessionId: 's',
      eventType: 't',
      sentAt: new Date(0),
      properties: { k: EMOJI.repeat(max - 7) },
    });
    expect(over.issues[0]?.actual).toBe(max + 1);
  });
});

describe('long values are cut in messages (fault 17)', () => {
  it('cuts a 10 MB id to 200 characters and says how much was left out', () => {
    const error = refusal('user', { userId: 'x'.repeat(10_000_000) });
    expect(error.message.length).toBeLessThan(600);
    expect(error.message).toContain(`"${'x'.repeat(199)}… (9,999,801 more characters)"`);
  });

  it('cuts a long unknown key and a long property key', () => {
    const key = 'k'.repeat(5000);
    expect(refusal('user', { userId: 'u', [key]: 1 }).message.length).toBeLessThan(600);
    const error = refusal('event', {
      sessionId: 's',
      eventType: 't',
      sentAt: new Date(0),
      properties: { [key]: 'a'.repeat(2000) },
    });
    expect(error.message.length).toBeLessThan(600);
  });

  it('cutValue keeps short values and never splits an emoji', () => {
    expect(cutValue('short')).toBe('short');
    expect(cutValue(EMOJI.repeat(200))).toBe(EMOJI.repeat(200)); // 200 characters, 400 UTF-16 units: kept
    const cut = cutValue(EMOJI.repeat(300));
    expect(cut).toBe(`${EMOJI.repeat(199)}… (101 more characters)`);
  });
});

describe('a __proto__ key in properties (fault 4)', () => {
  const properties = JSON.parse('{"__proto__":"x","genre":"a"}') as Record<string, string>;

  it('is sent exactly as given', () => {
    const wire = toWireRecord('item', { itemId: 'i1', properties }, id);
    expect(wire.properties).toBe('{"__proto__":"x","genre":"a"}');
  });

  it('is stored exactly by the fake', async () => {
    const transport = new MemoryTransport();
    const shop = setUpShop(transport);
    const wire = toWireRecord('item', { itemId: 'i1', properties }, id);
    await transport.putItems({ datasetArn: shop.itemsArn, items: [wire] });
    expect(transport.items(shop.itemsArn)).toEqual([{ itemId: 'i1', properties: '{"__proto__":"x","genre":"a"}' }]);
  });

  it('an object value under __proto__ is refused, naming the field', () => {
    const nested = JSON.parse('{"__proto__":{"a":1}}') as Record<string, unknown>;
    const error = refusal('item', { itemId: 'i1', properties: nested });
    expect(error.field).toBe('properties.__proto__');
  });
});

describe('option errors cut long values (fault 17)', () => {
  it('validateCsv options', async () => {
    const { resolveValidateCsvOptions } = await import('../../src/csv/validate-options.js');
    const datasetType = 'x'.repeat(10_000) as 'Users';
    expect(() => resolveValidateCsvOptions({ schema: '{}', datasetType })).toThrow(/got `"x{80}…"`$/);
  });
});
