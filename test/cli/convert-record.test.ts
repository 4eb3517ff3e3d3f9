import { describe, expect, it } from 'vitest';
import { toDate, toRecord } from '../../src/cli/convert-record.js';
import { MIN_MILLISECOND_TIMESTAMP as EPOCH_MILLISECONDS_FROM } from '../../src/limits.js';
import { RecordValidationError } from '../../src/records/record-validation-error.js';

describe('toDate', () => {
  it('reads ISO 8601 with a zone, epoch seconds and epoch milliseconds, as numbers or text', () => {
    const at = Date.UTC(2025, 0, 1, 10);
    expect(toDate('sentAt', '2025-01-01T10:00:00Z').getTime()).toBe(at);
    expect(toDate('sentAt', '2025-01-01T12:00:00+02:00').getTime()).toBe(at);
    expect(toDate('sentAt', at / 1000).getTime()).toBe(at);
    expect(toDate('sentAt', String(at / 1000)).getTime()).toBe(at);
    expect(toDate('sentAt', at).getTime()).toBe(at);
    expect(toDate('sentAt', 1735725600.5).getTime()).toBe(1735725600500);
  });

  it('splits seconds from milliseconds at 1e11', () => {
    expect(toDate('t', EPOCH_MILLISECONDS_FROM - 1).getTime()).toBe((EPOCH_MILLISECONDS_FROM - 1) * 1000);
    expect(toDate('t', EPOCH_MILLISECONDS_FROM).getTime()).toBe(EPOCH_MILLISECONDS_FROM);
  });

  it('refuses a date without a zone, words and negative numbers', () => {
    for (const value of ['2025-01-01', '2025-01-01T10:00:00', 'yesterday', -5, true]) {
      expect(() => toDate('sentAt', value)).toThrow(/ISO 8601|must be a time/);
    }
  });
});

describe('toRecord', () => {
  it('converts CSV cells: JSON properties, | lists, numbers; drops empty cells', () => {
    const record = toRecord(
      'event',
      {
        sessionId: 's',
        eventType: 'click',
        sentAt: '1735725600',
        properties: '{"a":1}',
        impression: 'i1|i2',
        eventValue: '4.5',
        userId: '',
      },
      true,
    );
    expect(record).toEqual({
      sessionId: 's',
      eventType: 'click',
      sentAt: new Date(1735725600000),
      properties: { a: 1 },
      impression: ['i1', 'i2'],
      eventValue: 4.5,
    });
  });

  it('keeps JSON values as they are, converting the time field of action interactions', () => {
    const record = toRecord(
      'actionInteraction',
      { actionId: 'a', sessionId: 's', eventType: 'Taken', timestamp: 1735725600 },
      false,
    );
    expect(record.timestamp).toEqual(new Date(1735725600000));
  });

  it('throws RecordValidationError naming the field on a value it cannot convert', () => {
    const attempt = () => toRecord('user', { userId: 'u1', properties: '{not json' }, true);
    expect(attempt).toThrow(RecordValidationError);
    try {
      attempt();
    } catch (error) {
      expect((error as RecordValidationError).field).toBe('properties');
      expect((error as RecordValidationError).recordId).toBe('u1');
    }
  });

  it("names a record by its kind's own id field, as the writer's validation does", () => {
    const refusal = (kind: 'event' | 'actionInteraction', fields: Record<string, unknown>) => {
      try {
        toRecord(kind, fields, false);
      } catch (error) {
        return error as RecordValidationError;
      }
      throw new Error('converted');
    };
    const event = { sessionId: 's', userId: 'u1', eventType: 'click', sentAt: 'yesterday' };
    expect(refusal('event', event).recordId).toBeUndefined(); // u1 is the user's id, not the event's
    expect(refusal('event', { ...event, eventId: 'e1' }).recordId).toBe('e1');
    const taken = { actionId: 'a1', sessionId: 's', eventType: 'Taken', timestamp: 'soon', eventId: 'e2' };
    expect(refusal('actionInteraction', taken).recordId).toBe('e2');
  });
});
