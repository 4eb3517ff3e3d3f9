import { describe, expect, it } from 'vitest';
import { cutLine, cutValue, MESSAGE_VALUE_MAX_CHARS, showValue } from '../../src/util/cut-value.js';
import { textLength } from '../../src/util/text-length.js';

const EMOJI = '\u{1F600}';

describe('cutting text for messages, the one way', () => {
  it('cuts a value to its bound in characters, `…` included, and says how many were left out', () => {
    expect(cutValue('x'.repeat(MESSAGE_VALUE_MAX_CHARS))).toBe('x'.repeat(MESSAGE_VALUE_MAX_CHARS));
    const cut = cutValue('x'.repeat(10_000));
    expect(cut).toBe(`${'x'.repeat(199)}… (9,801 more characters)`);
    // Cut again word by word (as the CLI does), nothing changes: the kept part is exactly the bound.
    expect(textLength(cut.split(' ')[0] ?? '')).toBe(MESSAGE_VALUE_MAX_CHARS);
    expect(
      cut
        .split(' ')
        .map((word) => cutValue(word))
        .join(' '),
    ).toBe(cut);
  });

  it('never splits a surrogate pair, and counts an emoji as one character', () => {
    expect(cutValue(`a${EMOJI.repeat(10)}`, 5)).toBe(`a${EMOJI.repeat(3)}… (7 more characters)`);
  });

  it('bounds a whole line, the note included', () => {
    const line = cutLine(`${EMOJI}${'y'.repeat(5000)}`, 100);
    expect(textLength(line)).toBe(100);
    expect(line.startsWith(EMOJI)).toBe(true);
    expect(line).toMatch(/… \(4,9\d\d more characters\)$/);
    expect(cutLine('short', 100)).toBe('short');
  });

  it('shows a value quoted, cut first', () => {
    expect(showValue('abc')).toBe('"abc"');
    expect(showValue(12)).toBe('12');
    expect(showValue('z'.repeat(300))).toBe(`"${'z'.repeat(199)}… (101 more characters)"`);
  });
});
