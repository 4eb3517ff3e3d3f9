import { describe, expect, it } from 'vitest';
import { interactionsCsv, validateText } from './helpers.js';

const ROW = 'u1,i1,View,1,1700000000\n';
const codes = (issues: { line: number; code: string }[]) => issues.map(({ line, code }) => ({ line, code }));

describe('an unclosed quote (fault 11)', () => {
  it('is UNCLOSED_QUOTE on the line it opened, naming the lines it swallowed to the end of the file', async () => {
    const text = `${interactionsCsv(1000)}u1,"i1,View,1,1700000000\n${ROW.repeat(5)}`;
    const report = await validateText(text, { minInteractions: 0 });
    expect(codes(report.errors)).toEqual([{ line: 1002, code: 'UNCLOSED_QUOTE' }]);
    expect(report.errors[0]?.message).toContain('lines 1002–1007 (6 lines)');
    expect(report.lines).toBe(1007);
  });

  it('is UNCLOSED_QUOTE when a later quote "closes" it, not WRONG_FIELD_COUNT', async () => {
    const text = `${interactionsCsv(1000)}u1,"i1,View,1,1700000000\n${ROW.repeat(3)}u3,"i3",View,1,1700000000\n${ROW}`;
    const report = await validateText(text, { minInteractions: 0 });
    expect(codes(report.errors)).toEqual([{ line: 1002, code: 'UNCLOSED_QUOTE' }]);
    expect(report.errors[0]?.message).toContain('lines 1002–1006 (5 lines)');
  });

  it('is UNCLOSED_QUOTE, bounded by maxRecordBytes, when it swallows more than that', async () => {
    const text = `${interactionsCsv(10)}u1,"i1,View,1,1\n${ROW.repeat(200)}`;
    const report = await validateText(text, { maxRecordBytes: 1024 }, 512);
    expect(codes(report.errors)).toContainEqual({ line: 12, code: 'UNCLOSED_QUOTE' });
    expect(report.errors.find((e) => e.code === 'UNCLOSED_QUOTE')?.message).toContain('1024 bytes');
  });

  it('a long line with no quote open is still RECORD_TOO_LARGE', async () => {
    const text = `${interactionsCsv(10)}u1,${'i'.repeat(5000)},View,1,1700000000\n`;
    const report = await validateText(text, { maxRecordBytes: 1024 }, 512);
    expect(codes(report.errors)).toContainEqual({ line: 12, code: 'RECORD_TOO_LARGE' });
  });

  it('a closed multi-line quoted value is still MULTILINE_RECORD', async () => {
    const text = interactionsCsv(1000, { 3: 'u1,"i\n1",View,1,1700000000' });
    const report = await validateText(text);
    expect(codes(report.errors)).toEqual([{ line: 3, code: 'MULTILINE_RECORD' }]);
  });
});
