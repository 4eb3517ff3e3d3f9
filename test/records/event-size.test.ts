import { describe, expect, it } from 'vitest';
import { MAX_EVENT_BYTES } from '../../src/limits.js';
import { RecordValidationError } from '../../src/records/record-validation-error.js';
import { toWireRecord } from '../../src/records/validate-record.js';
import { checkPutEvents } from '../../src/transport/memory/check-wire-records.js';
import type { WireEvent } from '../../src/transport/transport.js';

// The 10 KB limit is on one Event, the member of `PutEvents.eventList` (see MAX_EVENT_BYTES); the call's sessionId and
// userId are not in it. The writer must not refuse an event that the service, and the fake modelled on it, accept.
describe('the 10 KB limit of one event', () => {
  const sentAt = new Date('2026-01-02T03:04:05.500Z');
  const call = { trackingId: 't', sessionId: 's'.repeat(256), userId: 'u'.repeat(256) };
  const event = (note: string) => ({
    eventType: 'click',
    eventId: 'e1',
    sentAt,
    impression: Array.from({ length: 25 }, (_, i) => `${i}`.padStart(256, 'x')),
    metricAttribution: { eventAttributionSource: 'm'.repeat(1024) },
    properties: { note },
  });
  const fakeAccepts = (note: string) => {
    const { properties, ...rest } = event(note);
    const wire: WireEvent = { ...rest, properties: JSON.stringify(properties) };
    return checkPutEvents({ ...call, eventList: [wire] }) === undefined;
  };

  it('is measured as the fake measures it: on the event, without the call’s session and user', () => {
    let edge = 0;
    while (fakeAccepts('€'.repeat(edge + 1))) edge += 1;
    expect(edge).toBeGreaterThan(0);
    expect(edge).toBeLessThan(1000); // the edge is the size limit, not the properties' length limit
    const record = (note: string) => ({ sessionId: call.sessionId, userId: call.userId, ...event(note) });
    expect(() => toWireRecord('event', record('€'.repeat(edge)), () => 'id')).not.toThrow();
    const refused = (() => {
      try {
        toWireRecord('event', record('€'.repeat(edge + 1)), () => 'id');
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refused).toBeInstanceOf(RecordValidationError);
    expect((refused as RecordValidationError).issues[0]?.rule).toBe(`max ${MAX_EVENT_BYTES} bytes`);
  });
});
