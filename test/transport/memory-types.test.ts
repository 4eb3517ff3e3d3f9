import { describe, expectTypeOf, it } from 'vitest';
import type { MemoryTransport } from '../../src/testing.js';
import type { Transport } from '../../src/transport/transport.js';

describe('MemoryTransport types', () => {
  it('is a Transport', () => {
    expectTypeOf<MemoryTransport>().toExtend<Transport>();
  });

  it('has each Transport method with exactly its signature', () => {
    type Same = { [K in keyof Transport]: MemoryTransport[K] };
    expectTypeOf<Same>().toEqualTypeOf<Transport>();
  });
});
