/**
 * The writer measures an event's size only when a cheap upper bound says it might be over 10 KB. The bound must never
 * be below the real size: for any event, the writer refuses it exactly when its serialised wire form is too large.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_EVENT_BYTES } from '../../src/limits.js';
import { RecordValidationError } from '../../src/records/record-validation-error.js';
import { toWireRecord } from '../../src/records/validate-record.js';

const sentAt = new Date('2026-01-02T03:04:05.500Z');

function exactSize(wire: object): number {
  return Buffer.byteLength(JSON.stringify({ ...wire, sentAt: sentAt.getTime() / 1000 }));
}

describe('the event size bound', () => {
  it('never lets through an event over the limit, nor refuses one under it', () => {
    const sizes: number[] = [];
    let refused = 0;
    // Text of every kind: ASCII, control characters (escaped as \u00XX), 3-byte and 4-byte UTF-8.
    const unit = fc.constantFrom('a', 'b', '\u0001', '"', '€', '😀', '\\');
    const id = fc.string({ unit, minLength: 200, maxLength: 256 }).filter((value) => /[ab€]/.test(value));
    const note = fc.string({ unit, maxLength: 120 });
    fc.assert(
      fc.property(note, note, fc.array(id, { minLength: 5, maxLength: 25 }), (note, more, impression) => {
        const record = {
          sessionId: 's',
          eventType: 'click',
          eventId: 'e1',
          sentAt,
          impression,
          properties: { note, more },
        };
        let wire: object | undefined;
        try {
          wire = toWireRecord('event', record, () => 'x');
        } catch (error) {
          if (!(error instanceof RecordValidationError)) throw error;
          // Refused for another rule only: then nothing is said about its size.
          if (!error.issues.some((found) => found.rule === `max ${MAX_EVENT_BYTES} bytes`)) return;
          const issue = error.issues.find((found) => found.rule === `max ${MAX_EVENT_BYTES} bytes`);
          expect(issue?.actual).toBeGreaterThan(MAX_EVENT_BYTES);
          refused += 1;
          return;
        }
        expect(exactSize(wire)).toBeLessThanOrEqual(MAX_EVENT_BYTES);
        sizes.push(exactSize(wire));
      }),
      { numRuns: 300 },
    );
    // The runs straddle the limit: some accepted events are large, and some were refused for their size.
    expect(Math.max(...sizes)).toBeGreaterThan(MAX_EVENT_BYTES / 2);
    expect(refused).toBeGreaterThan(0);
  });

  it('holds on the quick path too (everyday fields only): the bound there is read member by member', () => {
    const sizes: number[] = [];
    const unit = fc.constantFrom('a', '\u0001', '"', '€', '😀');
    // Ids of 256 units and properties of up to 1,024 characters of JSON keep such an event under 10 KB (about 9 KB at
    // worst), so none may be refused for its size; the bound must still exceed the real size to skip the measure.
    const note = fc.string({ unit, minLength: 50, maxLength: 200 });
    const id = fc.string({ unit, minLength: 200, maxLength: 256 });
    fc.assert(
      fc.property(note, id, id, id, (note, eventId, eventType, itemId) => {
        const record = { sessionId: 's', eventId, eventType, itemId, eventValue: 1.5, sentAt, properties: { note } };
        let wire: object;
        try {
          wire = toWireRecord('event', record, () => 'generated-id');
        } catch (error) {
          if (!(error instanceof RecordValidationError)) throw error;
          expect(error.issues.map((found) => found.rule)).not.toContain(`max ${MAX_EVENT_BYTES} bytes`);
          return;
        }
        expect(exactSize(wire)).toBeLessThanOrEqual(MAX_EVENT_BYTES);
        sizes.push(exactSize(wire));
      }),
      { numRuns: 300 },
    );
    expect(Math.max(...sizes)).toBeGreaterThan(2000);
  });
});
