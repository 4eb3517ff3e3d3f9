/**
 * The per-attempt timer of the direct Events path (`requestTimeoutMs`) lives exactly as long as its request: a
 * request the HTTP client (undici) refuses as it is built (a header it cannot send) fails the call at once, and
 * leaves no timer behind that would keep the process alive for `requestTimeoutMs` and then throw where the request
 * never existed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventsHttpClient } from '../../src/transport/aws/events-http/events-http-client.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('EventsHttpClient, the request timer', () => {
  it('is cleared when the HTTP client refuses the request synchronously (a session token with a line break)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const client = new EventsHttpClient({
      // Never reached: undici refuses the header before it connects.
      endpoint: new URL('http://127.0.0.1:9'),
      region: 'us-east-1',
      // As read from an environment variable or a file with its trailing newline.
      credentials: () => Promise.resolve({ accessKeyId: 'AKID', secretAccessKey: 'secret', sessionToken: 'tok\n' }),
      maxSockets: 1,
      requestTimeoutMs: 10_000,
      userAgent: 'personalize-import-test',
    });
    try {
      const input = {
        trackingId: 't',
        sessionId: 's',
        eventList: [{ eventId: 'e', eventType: 'x', sentAt: new Date(0) }],
      };
      await expect(client.send('putEvents', input)).rejects.toMatchObject({ code: 'UND_ERR_INVALID_ARG' });
      expect(vi.getTimerCount()).toBe(0);
      // Were one left, it would fire here and throw from a timer (an uncaught exception in a real process).
      expect(() => vi.advanceTimersByTime(10_000)).not.toThrow();
    } finally {
      client.destroy();
    }
  });
});
