/** A chunk owns its limit: `tryAdd` answers whether a record fits, as Segment's ContextBatch does. */
import { describe, expect, it } from 'vitest';
import { Chunk, type Entry } from '../../src/writer/chunk.js';

const target = { kind: 'user', datasetArn: 'arn:aws:personalize:us-east-1:123456789012:dataset/g/USERS' } as const;
const user = (n: number): Entry => ({ kind: 'user', record: { userId: `u${n}` }, wire: { userId: `u${n}` } });

describe('Chunk', () => {
  it('takes records up to its count, then answers that it is full', () => {
    const chunk = new Chunk(target, 3);
    for (let n = 0; n < 3; n += 1) expect(chunk.tryAdd(user(n).record, user(n).wire)).toEqual({ success: true });
    expect(chunk.full).toBe(true);
    expect(chunk.tryAdd(user(3).record, user(3).wire)).toEqual({ success: false, reason: 'full' });
    expect(chunk.entries.map((entry) => entry.record)).toEqual([{ userId: 'u0' }, { userId: 'u1' }, { userId: 'u2' }]);
  });

  it('takes no record once closed (its call went out), however much room is left', () => {
    const chunk = new Chunk(target, 10);
    chunk.tryAdd(user(0).record, user(0).wire);
    chunk.close();
    expect(chunk.tryAdd(user(1).record, user(1).wire)).toEqual({ success: false, reason: 'closed' });
    expect(chunk.size).toBe(1);
  });

  it('splits into closed halves, the first the smaller when odd', () => {
    const chunk = new Chunk(target, 10);
    for (let n = 0; n < 5; n += 1) chunk.tryAdd(user(n).record, user(n).wire);
    const [first, second] = chunk.split();
    expect([first.size, second.size]).toEqual([2, 3]);
    expect(first.target).toBe(target);
    expect(first.tryAdd(user(9).record, user(9).wire)).toEqual({ success: false, reason: 'closed' });
  });
});
