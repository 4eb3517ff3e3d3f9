/**
 * The buffer keeps one flush timer for its oldest open chunk rather than one per chunk: every partial chunk must
 * still leave exactly `flushIntervalMs` after its first record, whichever chunks opened or left before it.
 */
import { describe, expect, it } from 'vitest';
import { event, writerFixture } from './writer-fixture.js';

const sent = (history: readonly { call: string; input: unknown }[]) =>
  history
    .filter((record) => record.call === 'putEvents')
    .map((record) => {
      const input = record.input as { sessionId: string; eventList: unknown[] };
      return `${input.sessionId}:${input.eventList.length}`;
    });

describe('RecordWriter: the flush interval of each chunk', () => {
  it('seals each partial chunk at its own deadline, the later ones after the oldest left', async () => {
    const { clock, transport, writer } = writerFixture({ flushIntervalMs: 1000 });
    await writer.putEvent(event('a', 0));
    await clock.advance(300);
    await writer.putEvent(event('b', 0));
    await clock.advance(300);
    await writer.putEvent(event('c', 0));
    await clock.advance(399);
    expect(sent(transport.history)).toEqual([]);
    await clock.advance(1);
    expect(sent(transport.history)).toEqual(['a:1']);
    await clock.advance(299);
    expect(sent(transport.history)).toEqual(['a:1']);
    await clock.advance(1);
    expect(sent(transport.history)).toEqual(['a:1', 'b:1']);
    await clock.advance(300);
    expect(sent(transport.history)).toEqual(['a:1', 'b:1', 'c:1']);
  });

  it('keeps the deadline of a later chunk when the oldest left full before its own', async () => {
    const { clock, transport, writer } = writerFixture({ flushIntervalMs: 1000 });
    await writer.putEvent(event('a', 0));
    await clock.advance(500);
    await writer.putEvent(event('b', 0));
    for (let n = 1; n < 10; n += 1) await writer.putEvent(event('a', n)); // full: a leaves now
    await clock.advance(0);
    expect(sent(transport.history)).toEqual(['a:10']);
    await clock.advance(999);
    expect(sent(transport.history)).toEqual(['a:10']);
    await clock.advance(1);
    expect(sent(transport.history)).toEqual(['a:10', 'b:1']);
  });
});
