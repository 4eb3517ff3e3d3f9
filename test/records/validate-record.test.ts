import { describe, expect, it } from 'vitest';
import { toWireRecord } from '../../src/records/validate-record.js';
import { generatedId, refusal } from './refusal.js';

const id = generatedId;

describe('toWireRecord', () => {
  const sentAt = new Date('2026-01-02T03:04:05.500Z');

  it('turns an event into its wire form, assigning an eventId and serialising properties', () => {
    const wire = toWireRecord(
      'event',
      { sessionId: 's1', userId: 'u1', eventType: 'click', sentAt, properties: { numRatings: 3, genres: ['a', 'b'] } },
      id,
    );
    expect(wire).toEqual({
      eventType: 'click',
      sentAt,
      eventId: 'generated-id',
      properties: '{"numRatings":3,"genres":"a|b"}',
    });
  });

  it('keeps an eventId the caller gave', () => {
    expect(toWireRecord('event', { sessionId: 's', eventType: 't', sentAt, eventId: 'mine' }, id).eventId).toBe('mine');
  });

  it('names the field, the rule and the size of an id over 256 characters', () => {
    const error = refusal('user', { userId: 'x'.repeat(257) });
    expect(error.code).toBe('RECORD_VALIDATION');
    expect(error.kind).toBe('user');
    expect(error.field).toBe('userId');
    expect(error.rule).toBe('max 256');
    expect(error.issues[0]?.actual).toBe(257);
    expect(error.message).toContain('userId');
  });

  it.each(['undefined', 'null'])('refuses the placeholder id %j', (placeholder) => {
    const error = refusal('item', { itemId: placeholder });
    expect(error.field).toBe('itemId');
    expect(error.message).toContain('interpolation');
  });

  it('refuses a reserved property key in an event, whatever its case', () => {
    const error = refusal('event', { sessionId: 's', eventType: 't', sentAt, properties: { UserId: 'u' } });
    expect(error.field).toBe('properties.UserId');
    expect(error.rule).toBe('reserved key');
  });

  it('refuses a reserved property key in an action interaction, naming the record and the field', () => {
    const record = { eventId: 'ai-1', actionId: 'a', sessionId: 's', eventType: 'Taken', timestamp: sentAt };
    for (const key of ['userId', 'sessionId', 'EventType', 'timestamp', 'recommendationId', 'impression']) {
      const error = refusal('actionInteraction', { ...record, properties: { [key]: 'x', numberOfActions: 1 } });
      expect([error.field, error.rule]).toEqual([`properties.${key}`, 'reserved key']);
      expect(error.message).toContain('Invalid actionInteraction "ai-1"');
      expect(error.message).toContain(`\`properties.${key}\``);
      expect(error.message).toContain('action interactions may not have properties named');
    }
    const fine = toWireRecord('actionInteraction', { ...record, properties: { numberOfActions: 1 } }, id);
    expect(fine.properties).toBe('{"numberOfActions":1}');
  });

  it.each(['', ' ', '   '])(
    'refuses the eventAttributionSource %j: it needs a character that is not a space',
    (source) => {
      const error = refusal('event', {
        eventId: 'e1',
        sessionId: 's',
        eventType: 't',
        sentAt,
        metricAttribution: { eventAttributionSource: source },
      });
      expect(error.field).toBe('metricAttribution.eventAttributionSource');
      expect(error.message).toContain('Invalid event "e1"');
      expect(error.message).toContain('at least one character that is not a space');
    },
  );

  it('accepts an eventAttributionSource with spaces around printable characters', () => {
    const metricAttribution = { eventAttributionSource: ' my source ' };
    const wire = toWireRecord('event', { sessionId: 's', eventType: 't', sentAt, metricAttribution }, id);
    expect(wire.metricAttribution).toEqual(metricAttribution);
  });

  it('measures properties after serialisation against the limit of the kind', () => {
    const ok = { userId: 'u', properties: { bio: 'x'.repeat(23_000) } };
    expect(() => toWireRecord('user', ok, id)).not.toThrow();
    const error = refusal('event', { sessionId: 's', eventType: 't', sentAt, properties: { bio: 'x'.repeat(1020) } });
    expect(error.field).toBe('properties');
    expect(error.rule).toBe('max length 1024');
    expect(error.issues[0]?.actual).toBe(1030);
  });

  it('refuses recommendationId over 40, impression over 25 ids, an invalid date and unknown keys', () => {
    expect(refusal('event', { sessionId: 's', eventType: 't', sentAt, recommendationId: 'r'.repeat(41) }).field).toBe(
      'recommendationId',
    );
    const impression = Array.from({ length: 26 }, (_, i) => `i${i}`);
    const tooMany = refusal('event', { sessionId: 's', eventType: 't', sentAt, impression });
    expect([tooMany.field, tooMany.issues[0]?.actual]).toEqual(['impression', 26]);
    expect(refusal('event', { sessionId: 's', eventType: 't', sentAt: new Date('nope') }).field).toBe('sentAt');
    expect(refusal('user', { userId: 'u', userID: 'u' }).field).toBe('userID');
  });

  it('says a missing required field is required', () => {
    const error = refusal('actionInteraction', { actionId: 'a', eventType: 'Taken', timestamp: sentAt });
    expect([error.field, error.rule]).toEqual(['sessionId', 'required']);
  });

  it('refuses an event over 10 KB as sent', () => {
    const impression = Array.from({ length: 25 }, (_, i) => `${i}`.padStart(256, 'x'));
    const properties = { note: '€'.repeat(1000) }; // 1,011 characters, 3,011 bytes
    const metricAttribution = { eventAttributionSource: 'm'.repeat(1024) };
    const error = refusal('event', {
      sessionId: 's',
      eventType: 't',
      sentAt,
      impression,
      properties,
      metricAttribution,
    });
    expect(error.field).toBe('(record)');
    expect(error.rule).toBe('max 10240 bytes');
  });
});
