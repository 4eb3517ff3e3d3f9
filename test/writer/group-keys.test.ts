// GroupKeys: the group key of a put, the same string as `groupKey` builds, reused for a session's events.
import { describe, expect, it } from 'vitest';
import { groupKey } from '../../src/writer/chunk.js';
import { GroupKeys } from '../../src/writer/group-keys.js';

describe('GroupKeys', () => {
  it('answers what groupKey answers, for events of each session and user and for the other kinds', () => {
    const keys = new GroupKeys();
    const cases: [string | undefined, string | undefined][] = [
      ['s1', 'u1'],
      ['s1', undefined],
      ['s1', 'u2'],
      ['s2', 'u1'],
      ['s1', 'u1'],
      ['a\u0000b', 'c'],
      ['a', 'b\u0000c'],
    ];
    for (const [sessionId, userId] of cases) {
      expect(keys.of('event', sessionId, userId)).toBe(groupKey('event', sessionId, userId));
    }
    expect(keys.of('user', undefined, 'u1')).toBe('user');
    expect(keys.of('actionInteraction', 's1', 'u1')).toBe('actionInteraction');
  });

  it('gives two sessions whose ids and users join to the same text different keys', () => {
    const keys = new GroupKeys();
    expect(keys.of('event', 'a', 'bc')).not.toBe(keys.of('event', 'ab', 'c'));
  });

  it('keeps answering right past the number of sessions it remembers', () => {
    const keys = new GroupKeys();
    for (let n = 0; n < 40_000; n += 1) {
      const sessionId = `s${n % 20_000}`;
      expect(keys.of('event', sessionId, 'u')).toBe(groupKey('event', sessionId, 'u'));
    }
  });
});
