/**
 * undici's `Pool` alone, from its own module: the package's index loads every part of undici (fetch, WebSocket, the
 * cache, the mocks), about 110 ms of CPU at the first direct Events call, where the pool's module takes about 35 ms.
 * undici has no `exports` map, so the path resolves; the version is pinned exactly, and
 * test/transport/undici-pool.test.ts checks that this is the very class the index exports.
 */
declare module 'undici/lib/dispatcher/pool.js' {
  import type { Pool } from 'undici';

  /** The CommonJS module's `module.exports`. */
  const PoolOfUndici: typeof Pool;
  export = PoolOfUndici;
}
