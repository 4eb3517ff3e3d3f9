/**
 * The direct Events path loads undici's `Pool` from its own module rather than the package's index (a third of the
 * load cost, see src/transport/aws/events-http/undici-pool.d.ts): that module must be the very class the index
 * exports, so that an undici upgrade that moves it fails here rather than at a user's first call.
 */
import { Pool } from 'undici';
import PoolOfUndici from 'undici/lib/dispatcher/pool.js';
import { describe, expect, it } from 'vitest';

describe("undici's Pool, loaded from its own module", () => {
  it("is the class undici's index exports", () => {
    expect(PoolOfUndici).toBe(Pool);
  });
});
