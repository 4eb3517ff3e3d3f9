import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { checkFile } from '../../src/csv/file-checks.js';
import { IssueCollector } from '../../src/csv/report.js';
import { validateCsv } from '../../src/csv/validate-csv.js';
import { resolveValidateCsvOptions } from '../../src/csv/validate-options.js';
import { AbortedError, InvalidOptionsError } from '../../src/errors.js';
import { HEADER, interactionLines, interactionsCsv, interactionsSchema, itemsSchema, validateText } from './helpers.js';

const codesAt = (issues: { line: number; code: string; column?: string }[]) =>
  issues.map(({ line, code, column }) => (column === undefined ? { line, code } : { line, code, column }));

describe('validateCsv: a valid file', () => {
  it('reports no issue, the counts, and the event types', async () => {
    const report = await validateText(interactionsCsv(1000));
    expect(report).toMatchObject({ valid: true, rows: 1000, lines: 1001, errors: [], warnings: [], errorCount: 0 });
    expect(report.columns).toEqual(HEADER.split(','));
    expect(report.eventTypes).toEqual({ View: 500, Purchase: 500 });
    expect(report.trainingUsers).toEqual({ count: 25, exact: true });
  });

  it('reads a path and a stream cut into 7-byte chunks alike', async () => {
    const text = interactionsCsv(1000, { 9: 'u1,i1,View,1,1700000000000' });
    const path = join(tmpdir(), `validate-csv-${process.pid}.csv`);
    await writeFile(path, text);
    const fromPath = await validateCsv(path, {
      schema: JSON.stringify(interactionsSchema),
      datasetType: 'Interactions',
    });
    const fromStream = await validateText(text, {}, 7);
    expect(codesAt(fromPath.errors)).toEqual([{ line: 9, code: 'TIMESTAMP_IN_MILLISECONDS', column: 'TIMESTAMP' }]);
    expect(fromStream).toEqual(fromPath);
  });
});

describe('validateCsv: sources and line endings', () => {
  it('reads a Readable of strings and CRLF line endings', async () => {
    const text = interactionsCsv(1000, { 7: 'u1,i1,View,1,1700000000000' }).replaceAll('\n', '\r\n');
    const report = await validateCsv(Readable.from([text.slice(0, 1000), text.slice(1000)]), {
      schema: interactionsSchema,
      datasetType: 'Interactions',
    });
    expect(codesAt(report.errors)).toEqual([{ line: 7, code: 'TIMESTAMP_IN_MILLISECONDS', column: 'TIMESTAMP' }]);
    expect(report.rows).toBe(1000);
  });

  it('gives the same report whatever the chunk size, with quoted and escaped values', async () => {
    const lines = [
      'ITEM_ID,PRICE,CATEGORY_L1,IN_STOCK,STOCK,PRODUCT_DESCRIPTION,CREATION_TIMESTAMP',
      'i1,9.99,"shoes|red",true,3,"A \\"good\\" shoe, \\\\ size 42",1700000000',
      'i2,x,"a\nb",yes,,"",1700000000123',
      `i3,1,${'c'.repeat(1001)},false,1,"${'d'.repeat(20_001)}",1`,
    ];
    const text = `${lines.join('\r\n')}\r\n`;
    const options = { schema: itemsSchema, datasetType: 'Items' as const };
    const whole = await validateText(text, options);
    for (const size of [1, 2, 3, 5, 64]) expect(await validateText(text, options, size)).toEqual(whole);
    expect(codesAt(whole.errors)).toEqual([
      { line: 3, code: 'NOT_A_NUMBER', column: 'PRICE' },
      { line: 3, code: 'MULTILINE_RECORD', column: 'CATEGORY_L1' },
      { line: 3, code: 'INVALID_BOOLEAN', column: 'IN_STOCK' },
      { line: 3, code: 'TIMESTAMP_IN_MILLISECONDS', column: 'CREATION_TIMESTAMP' },
      { line: 5, code: 'CATEGORICAL_VALUE_TOO_LONG', column: 'CATEGORY_L1' },
    ]);
    expect(codesAt(whole.warnings)).toEqual([
      { line: 5, code: 'TEXTUAL_VALUE_TRUNCATED', column: 'PRODUCT_DESCRIPTION' },
    ]);
  });
});

describe('validateCsv: the classic mistakes, with their exact line', () => {
  it.each([
    ['u1,i1,View,1,1700000000123', 'TIMESTAMP_IN_MILLISECONDS', 'TIMESTAMP'],
    ['u1,,View,1,1700000000', 'EMPTY_REQUIRED_VALUE', 'ITEM_ID'],
    ['u1,i1,View,abc,1700000000', 'NOT_A_NUMBER', 'EVENT_VALUE'],
    ['u1,i1,View,1,2023-11-14', 'NOT_AN_INTEGER', 'TIMESTAMP'],
    [`${'u'.repeat(257)},i1,View,1,1700000000`, 'ID_TOO_LONG', 'USER_ID'],
    ['u1,i1,View,1,-5', 'TIMESTAMP_NEGATIVE', 'TIMESTAMP'],
    ['u1,i1,View,1,99999999999999999999', 'INTEGER_OUT_OF_RANGE', 'TIMESTAMP'],
    ['u1,"i\n1",View,1,1700000000', 'MULTILINE_RECORD', 'ITEM_ID'],
    ['u1,"i1"x,View,1,1700000000', 'MALFORMED_QUOTE', 'ITEM_ID'],
  ])('%j → %s', async (line, code, column) => {
    const report = await validateText(interactionsCsv(1000, { 42: line }));
    expect(report.valid).toBe(false);
    expect(codesAt(report.errors)).toEqual([{ line: 42, code, column }]);
  });

  it('an id of 256 characters (multi-byte ones included) is fine; 257 is not', async () => {
    const report = await validateText(
      interactionsCsv(1000, { 2: `${'é'.repeat(256)},i1,View,1,1700000000`, 3: `u1,${'日'.repeat(257)},View,1,1` }),
    );
    expect(codesAt(report.errors)).toEqual([{ line: 3, code: 'ID_TOO_LONG', column: 'ITEM_ID' }]);
    expect(report.errors[0]?.message).toContain('257 characters');
  });

  it('an empty value is allowed in a ["null", …] field', async () => {
    const report = await validateText(interactionsCsv(1000, { 2: 'u1,i1,View,,1700000000' }));
    expect(report.valid).toBe(true);
  });

  it('flags a wrong number of fields and blank lines, and counts only records', async () => {
    const report = await validateText(interactionsCsv(1001, { 3: 'u1,i1,View,1', 4: '' }));
    expect(codesAt(report.errors)).toEqual([{ line: 3, code: 'WRONG_FIELD_COUNT' }]);
    expect(codesAt(report.warnings)).toEqual([{ line: 4, code: 'BLANK_LINE' }]);
    expect(report.rows).toBe(1000);
  });

  it('warns about timestamps after 2100', async () => {
    const report = await validateText(interactionsCsv(1000, { 5: 'u1,i1,View,1,5000000000' }));
    expect(codesAt(report.warnings)).toEqual([{ line: 5, code: 'TIMESTAMP_IMPLAUSIBLE', column: 'TIMESTAMP' }]);
    expect(report.valid).toBe(true);
  });

  it('flags a line that is not UTF-8', async () => {
    const text = Buffer.concat([
      Buffer.from(`${HEADER}\n${interactionLines(3).join('\n')}\nu`),
      Buffer.from([0xff]),
      Buffer.from(',i1,View,1,1700000000\n'),
    ]);
    const report = await validateText(text, { minInteractions: 0 });
    expect(codesAt(report.errors)).toEqual([{ line: 5, code: 'INVALID_UTF8' }]);
  });
});

describe('validateCsv: the header', () => {
  it('flags a missing required column, an unknown one and a duplicate', async () => {
    const text = `USER_ID,ITEM_ID,COLOR,USER_ID,TIMESTAMP\nu1,i1,red,u1,1700000000\n`;
    const report = await validateText(text, { minInteractions: 0 });
    expect(codesAt(report.errors)).toEqual([
      { line: 1, code: 'UNKNOWN_COLUMN', column: 'COLOR' },
      { line: 1, code: 'DUPLICATE_COLUMN', column: 'USER_ID' },
      { line: 1, code: 'MISSING_COLUMN', column: 'EVENT_TYPE' },
    ]);
  });

  it('allows leaving out a nullable column, and still checks the others by name', async () => {
    const text = `TIMESTAMP,USER_ID,ITEM_ID,EVENT_TYPE\n1700000000123,u1,i1,View\n`;
    const report = await validateText(text, { minInteractions: 0 });
    expect(codesAt(report.errors)).toEqual([{ line: 2, code: 'TIMESTAMP_IN_MILLISECONDS', column: 'TIMESTAMP' }]);
  });

  it('warns about a case mismatch and a BOM, and refuses a quoted header', async () => {
    const text = `\ufeffuser_id,"ITEM_ID",EVENT_TYPE,TIMESTAMP\nu1,i1,View,1700000000\n`;
    const report = await validateText(text, { minInteractions: 0 });
    expect(codesAt(report.errors)).toEqual([{ line: 1, code: 'QUOTED_HEADER', column: 'ITEM_ID' }]);
    expect(codesAt(report.warnings).map((w) => w.code)).toEqual(
      expect.arrayContaining(['HEADER_CASE_MISMATCH', 'BYTE_ORDER_MARK']),
    );
  });

  it('reports an empty file', async () => {
    const report = await validateText('');
    expect(codesAt(report.errors)).toEqual([{ line: 0, code: 'EMPTY_FILE' }]);
  });
});

describe('validateCsv: Items values', () => {
  const items = (line: string) =>
    validateText(`ITEM_ID,PRICE,CATEGORY_L1,IN_STOCK,STOCK,PRODUCT_DESCRIPTION,CREATION_TIMESTAMP\n${line}\n`, {
      schema: itemsSchema,
      datasetType: 'Items',
    });

  it('accepts a good row with a quoted, escaped textual value', async () => {
    const report = await items('i1,9.99,shoes|red,true,3,"A \\"good\\" shoe, size 42",1700000000');
    expect(report).toMatchObject({ valid: true, warningCount: 0, rows: 1 });
  });

  it.each([
    [`i1,1,${'x'.repeat(1001)},,,,1700000000`, 'CATEGORICAL_VALUE_TOO_LONG', 'CATEGORY_L1'],
    ['i1,1,a,True,,,1700000000', 'INVALID_BOOLEAN', 'IN_STOCK'],
    ['i1,1,a,,3000000000,,1700000000', 'INTEGER_OUT_OF_RANGE', 'STOCK'],
    ['i1,1.5.2,a,,,,1700000000', 'NOT_A_NUMBER', 'PRICE'],
    ['i1,1,a,,,,1700000000000', 'TIMESTAMP_IN_MILLISECONDS', 'CREATION_TIMESTAMP'],
  ])('%# → %s', async (line, code, column) => {
    const report = await items(line);
    expect(codesAt(report.errors)).toEqual([{ line: 2, code, column }]);
  });

  it('checks each |-separated categorical value on its own', async () => {
    const report = await items(`i1,1,${'x'.repeat(1000)}|${'y'.repeat(1000)},,,,1700000000`);
    expect(report.valid).toBe(true);
  });

  it('warns when a textual value will be truncated (7,000 characters for Japanese)', async () => {
    const long = await items(`i1,1,a,,,"${'w'.repeat(20_001)}",1700000000`);
    const japanese = await items(`i1,1,a,,,"${'日'.repeat(7001)}",1700000000`);
    expect(codesAt(long.warnings)).toEqual([
      { line: 2, code: 'TEXTUAL_VALUE_TRUNCATED', column: 'PRODUCT_DESCRIPTION' },
    ]);
    expect(japanese.warnings[0]?.message).toContain('first 7000');
  });
});

describe('validateCsv: the file as a whole', () => {
  it('needs 1,000 interactions, unless told otherwise', async () => {
    const short = await validateText(interactionsCsv(999));
    expect(codesAt(short.errors)).toEqual([{ line: 0, code: 'TOO_FEW_INTERACTIONS' }]);
    expect((await validateText(interactionsCsv(999), { minInteractions: 0 })).valid).toBe(true);
  });

  it('refuses an INCREMENTAL file over 1 GiB and a FULL one over 100 GiB', () => {
    const check = (mode: 'FULL' | 'INCREMENTAL', bytes: number) => {
      const issues = new IssueCollector(10);
      const options = resolveValidateCsvOptions({ schema: interactionsSchema, datasetType: 'Items', mode });
      checkFile({ rows: 5, bytes }, options, issues);
      return issues.errors.map((e) => e.code);
    };
    expect(check('INCREMENTAL', 1024 ** 3)).toEqual([]);
    expect(check('INCREMENTAL', 1024 ** 3 + 1)).toEqual(['FILE_TOO_LARGE']);
    expect(check('FULL', 1024 ** 3 + 1)).toEqual([]);
    expect(check('FULL', 100 * 1024 ** 3 + 1)).toEqual(['FILE_TOO_LARGE']);
  });

  it('warns when an ECOMMERCE use case lacks View events, and hints at case', async () => {
    const lines = [HEADER, ...interactionLines(2500, ['view', 'Purchase'])];
    const report = await validateText(`${lines.join('\n')}\n`, { domain: 'ECOMMERCE' });
    expect(report.valid).toBe(true);
    expect(codesAt(report.warnings)).toEqual([{ line: 0, code: 'USE_CASE_EVENTS_SHORT', column: 'EVENT_TYPE' }]);
    expect(report.warnings[0]?.message).toMatch(/^0 "View" events \(1250 more differ only in case/);
    expect(report.warnings[0]?.message).toContain('Most viewed');
  });

  it('warns about VIDEO_ON_DEMAND Watch events', async () => {
    const report = await validateText(interactionsCsv(1000), { domain: 'VIDEO_ON_DEMAND' });
    expect(report.warnings.map((w) => w.message)).toEqual([expect.stringContaining('0 "Watch" events')]);
  });

  it('warns when fewer than 25 users have 2 interactions; says nothing when it could not tell', async () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `u${i < 20 ? i % 10 : i},i1,View,1,1700000000`);
    const text = `${[HEADER, ...lines].join('\n')}\n`;
    const report = await validateText(text);
    expect(report.trainingUsers).toEqual({ count: 10, exact: true });
    expect(codesAt(report.warnings)).toEqual([{ line: 0, code: 'TRAINING_USERS_SHORT', column: 'USER_ID' }]);
    const bounded = await validateText(text, { maxTrackedUsers: 5 });
    expect(bounded.trainingUsers).toEqual({ count: 5, exact: false });
    expect(bounded.warnings).toEqual([]);
  });

  it('checks the domain schema', async () => {
    const schema = { ...interactionsSchema, fields: interactionsSchema.fields.filter((f) => f.name !== 'EVENT_TYPE') };
    const report = await validateText(interactionsCsv(1000), { schema, domain: 'ECOMMERCE' });
    expect(codesAt(report.errors)).toContainEqual({ line: 0, code: 'DOMAIN_FIELD_MISSING', column: 'EVENT_TYPE' });
    const actions = await validateText('ACTION_ID\na1\n', {
      schema: { type: 'record', fields: [{ name: 'ACTION_ID', type: 'string' }] },
      datasetType: 'Actions',
      domain: 'VIDEO_ON_DEMAND',
    });
    expect(codesAt(actions.errors)).toEqual([{ line: 0, code: 'DATASET_TYPE_NOT_IN_DOMAIN' }]);
  });
});

describe('validateCsv: the cap, options and abort', () => {
  it('lists at most maxIssues and counts the rest', async () => {
    const bad = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [i + 2, 'u1,i1,View,1,1700000000000']));
    const report = await validateText(interactionsCsv(1000, bad), { maxIssues: 5 });
    expect(report.errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6]);
    expect(report).toMatchObject({ errorCount: 30, truncated: true, valid: false });
  });

  it('stops at a record over maxRecordBytes (an unclosed quote)', async () => {
    const text = `${interactionsCsv(10)}u1,"i1,View,1,1\n${'u1,i1,View,1,1700000000\n'.repeat(200)}`;
    const report = await validateText(text, { maxRecordBytes: 1024 }, 512);
    expect(codesAt(report.errors)).toContainEqual({ line: 12, code: 'UNCLOSED_QUOTE' });
  });

  it('rejects bad options before reading', async () => {
    await expect(validateText('', { maxIssues: -1 })).rejects.toThrow(
      'Expected `maxIssues` to be an integer >= 0, got `-1`',
    );
    await expect(validateText('', { datasetType: 'Clicks' as 'Items' })).rejects.toThrow(InvalidOptionsError);
    await expect(
      validateText('', { schema: '{"type":"record","fields":[{"name":"A","type":"bytes"}]}' }),
    ).rejects.toThrow(/field `A` has type "bytes"/);
  });

  it('stops on abort and reports progress', async () => {
    const controller = new AbortController();
    const progress: number[] = [];
    const run = validateText(
      interactionsCsv(2000),
      {
        signal: controller.signal,
        onProgress: (bytes) => {
          progress.push(bytes);
          if (progress.length === 2) controller.abort();
        },
      },
      1000,
    );
    await expect(run).rejects.toThrow(AbortedError);
    expect(progress).toEqual([1000, 2000]);
  });
});
