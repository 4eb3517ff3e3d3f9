import { describe, expect, it } from 'vitest';
import { randomUuid } from '../../src/util/random-uuid.js';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('randomUuid', () => {
  it('answers version 4 UUIDs, all different, across many batches of random bytes', () => {
    const ids = Array.from({ length: 5000 }, () => randomUuid());
    for (const id of ids) expect(id).toMatch(V4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uses every hex digit in every free position (the bytes are random, not a counter)', () => {
    const seen = Array.from({ length: 36 }, () => new Set<string>());
    for (let n = 0; n < 2000; n += 1) {
      const id = randomUuid();
      for (let i = 0; i < 36; i += 1) seen[i]?.add(id[i] as string);
    }
    const sizes = seen.map((digits) => digits.size);
    // Dashes at 8, 13, 18, 23; the version digit at 14; the variant digit at 19 takes 8, 9, a or b.
    expect(sizes.filter((_, i) => ![8, 13, 14, 18, 19, 23].includes(i)).every((size) => size === 16)).toBe(true);
    expect([sizes[8], sizes[13], sizes[14], sizes[18], sizes[19], sizes[23]]).toEqual([1, 1, 1, 1, 4, 1]);
  });
});
