import { describe, expect, it } from 'vitest';
import { ThrottledError } from '../../src/errors.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import type { Clock } from '../../src/util/clock.js';
import { setUpShop } from './memory-fixtures.js';

describe('MemoryTransport requestsPerSecond', () => {
  it('is not drained by a clock that goes back (a test resetting its clock), as the local endpoint is not', async () => {
    let now = 1000;
    const clock: Clock = { now: () => now, sleep: async () => {}, setTimer: () => ({ cancel() {} }) };
    const transport = new MemoryTransport({ clock, requestsPerSecond: { putUsers: 2 } });
    const { usersArn } = setUpShop(transport);
    const put = () => transport.putUsers({ datasetArn: usersArn, users: [{ userId: 'u1' }] });
    await put();
    await put();
    await expect(put()).rejects.toBeInstanceOf(ThrottledError);
    now = 0;
    await expect(put()).rejects.toBeInstanceOf(ThrottledError);
    now = 1000; // a second after the reset: two tokens again
    await put();
    await put();
    await expect(put()).rejects.toBeInstanceOf(ThrottledError);
  });
});
