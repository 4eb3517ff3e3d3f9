import { describe, expect, it } from 'vitest';
import { DOCUMENTED_REQUESTS_PER_SECOND } from '../../src/limits.js';
import { startLocalEndpoint } from '../../src/local-endpoint/local-endpoint.js';
import { RECORD_KINDS } from '../../src/records/kinds.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { DATA_PLANE_CALLS, type DataPlaneCall } from '../../src/transport/transport.js';

describe('DATA_PLANE_CALLS, the one list of the Events API calls', () => {
  it('names every call the writer makes and every documented quota, once', () => {
    expect(new Set(DATA_PLANE_CALLS).size).toBe(DATA_PLANE_CALLS.length);
    expect([...DATA_PLANE_CALLS].sort()).toEqual(
      Object.values(RECORD_KINDS)
        .map((kind) => kind.call)
        .sort(),
    );
    expect([...DATA_PLANE_CALLS].sort()).toEqual(Object.keys(DOCUMENTED_REQUESTS_PER_SECOND).sort());
  });

  it('is what the fake and the local endpoint accept as per-call keys, and all they accept', async () => {
    for (const call of DATA_PLANE_CALLS) {
      expect(() => new MemoryTransport({ requestsPerSecond: { [call]: 1 } })).not.toThrow();
    }
    const bad = { putThings: 1 } as unknown as Partial<Record<DataPlaneCall, number>>;
    expect(() => new MemoryTransport({ requestsPerSecond: bad })).toThrow(DATA_PLANE_CALLS.join(' | '));
    const backing = new MemoryTransport();
    const quota = Object.fromEntries(DATA_PLANE_CALLS.map((call) => [call, { requestsPerSecond: 5 }]));
    const endpoint = await startLocalEndpoint({ backing, quota });
    await endpoint.close();
    await expect(
      startLocalEndpoint({ backing, quota: { putThings: { requestsPerSecond: 1 } } as never }),
    ).rejects.toThrow(DATA_PLANE_CALLS.join(' | '));
  });
});
