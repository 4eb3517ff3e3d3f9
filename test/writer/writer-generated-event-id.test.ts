/** Issue 7 fault 10: ids from `generateEventId` meet the rule of a hand-given `eventId`. */
import { describe, expect, it } from 'vitest';
import { RecordValidationError } from '../../src/records/record-validation-error.js';
import { event, writerFixture } from './writer-fixture.js';

describe('RecordWriter: generateEventId is checked (issue 7 fault 10)', () => {
  it.each([
    ['a 300-character id', 'x'.repeat(300)],
    ['the string "undefined"', 'undefined'],
  ])('refuses %s from generateEventId before any call', async (_name, id) => {
    const { transport, writer } = writerFixture({ generateEventId: () => id });
    const put = writer.putEvent(event('s', 1));
    await expect(put).rejects.toBeInstanceOf(RecordValidationError);
    await expect(put).rejects.toMatchObject({ field: 'eventId', message: expect.stringContaining('generateEventId') });
    expect(transport.history).toHaveLength(0);
    expect(writer.stats).toMatchObject({ accepted: 0, refused: 1 });
  });
});
