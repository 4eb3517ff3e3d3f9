import { describe, expect, it } from 'vitest';
import { withEventId } from '../../src/lambda/with-event-id.js';

describe('withEventId', () => {
  it('copies the own enumerable members and adds eventId, leaving the record as it was', () => {
    const sentAt = new Date(0);
    const record = { sessionId: 's', eventType: 'click', sentAt, eventId: undefined };
    const copy = withEventId(record, 'm1#0');
    expect(copy).toEqual({ sessionId: 's', eventType: 'click', sentAt, eventId: 'm1#0' });
    expect(Object.keys(copy)).toEqual(['sessionId', 'eventType', 'sentAt', 'eventId']);
    expect(record.eventId).toBeUndefined();
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  });

  it('copies no inherited member, and keeps a `__proto__` key a member rather than the prototype', () => {
    const inherited = Object.assign(Object.create({ userId: 'inherited' }), { sessionId: 's' });
    expect(withEventId(inherited, 'e')).toEqual({ sessionId: 's', eventId: 'e' });
    const parsed = JSON.parse('{"sessionId":"s","__proto__":{"polluted":true}}') as object;
    const copy = withEventId(parsed, 'e') as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.hasOwn(copy, '__proto__')).toBe(true);
    expect(copy.polluted).toBeUndefined();
  });
});
