// MemoryTransport's import jobs check what their files hold as the service does (validateCsv's checks against the
// dataset's schema), and fail with a failureReason naming the file, the line and the problem.
import { beforeEach, describe, expect, it } from 'vitest';
import { UnreadImportJobError } from '../../src/transport/memory/memory-errors.js';
import type { MemoryTransportOptions } from '../../src/transport/memory/memory-options.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import type { CreateImportJobInput, ImportJob } from '../../src/transport/transport.js';
import { ManualClock } from '../../src/util/manual-clock.js';
import { interactionsCsv, type Shop, setUpShop } from './memory-fixtures.js';

const roleArn = 'arn:aws:iam::123456789012:role/PersonalizeS3';

/** A Users schema with a field of every type the service has, and a categorical one. */
const membersSchema = {
  type: 'record',
  name: 'Users',
  namespace: 'com.amazonaws.personalize.schema',
  fields: [
    { name: 'USER_ID', type: 'string' },
    { name: 'AGE', type: 'int' },
    { name: 'VISITS', type: ['null', 'long'] },
    { name: 'SCORE', type: ['null', 'double'] },
    { name: 'VIP', type: ['null', 'boolean'] },
    { name: 'TIER', type: ['null', 'string'], categorical: true },
  ],
  version: '1.0',
};
const MEMBERS_HEADER = 'USER_ID,AGE,VISITS,SCORE,VIP,TIER';

let clock: ManualClock;
let transport: MemoryTransport;
let shop: Shop;
let membersArn: string;
let serial = 0;

function build(options: MemoryTransportOptions = {}): void {
  clock = new ManualClock();
  transport = new MemoryTransport({ clock, jobTimings: { pendingMs: 1_000, inProgressMs: 4_000 }, ...options });
  shop = setUpShop(transport);
  const datasetGroupArn = transport.createDatasetGroup({ name: 'members' });
  membersArn = transport.createDataset({ datasetGroupArn, datasetType: 'Users', schema: membersSchema }).datasetArn;
}

/** Stores `body` at `s3://data/<key>`, runs an import job of it to its end and answers the finished job. */
async function importText(
  key: string,
  body: string,
  overrides: Partial<CreateImportJobInput> = {},
  on: MemoryTransport = transport,
): Promise<ImportJob> {
  on.putObject({ bucket: 'data', key }, body);
  return runJob({ dataLocation: `s3://data/${key}`, ...overrides }, on);
}

async function runJob(overrides: Partial<CreateImportJobInput>, on: MemoryTransport = transport): Promise<ImportJob> {
  const { jobArn } = await on.createDatasetImportJob({
    jobName: `job-${++serial}`,
    datasetArn: membersArn,
    dataLocation: 's3://data/members.csv',
    roleArn,
    importMode: 'FULL',
    ...overrides,
  });
  await clock.advance(5_000);
  return on.describeDatasetImportJob(jobArn);
}

beforeEach(() => build());

describe('the checks of validateCsv, on every file of the job', () => {
  it('imports a file that passes every check', async () => {
    const body = `${MEMBERS_HEADER}\nu1,31,7,4.5,true,gold|silver\nu2,40,,,,\n`;
    expect(await importText('members.csv', body)).toMatchObject({ status: 'ACTIVE' });
    expect(transport.bulkRows(membersArn)).toEqual([
      { USER_ID: 'u1', AGE: '31', VISITS: '7', SCORE: '4.5', VIP: 'true', TIER: 'gold|silver' },
      { USER_ID: 'u2', AGE: '40', VISITS: '', SCORE: '', VIP: '', TIER: '' },
    ]);
  });

  it.each([
    ['abc in an int field', 'u1,31,,,,\nu2,abc,,,,', 3, 'AGE', 'NOT_AN_INTEGER'],
    ['a decimal in a long field', 'u1,31,1.5,,,', 2, 'VISITS', 'NOT_AN_INTEGER'],
    ['an int out of range', 'u1,2147483648,,,,', 2, 'AGE', 'INTEGER_OUT_OF_RANGE'],
    ['a word in a double field', 'u1,31,,high,,', 2, 'SCORE', 'NOT_A_NUMBER'],
    ['an uppercase boolean', 'u1,31,,,TRUE,', 2, 'VIP', 'INVALID_BOOLEAN'],
    ['an empty USER_ID', 'u1,31,,,,\n,32,,,,', 3, 'USER_ID', 'EMPTY_REQUIRED_VALUE'],
    ['a null in a field that is not a union with null', 'u1,,,,,', 2, 'AGE', 'EMPTY_REQUIRED_VALUE'],
    ['a 300-character USER_ID', `${'u'.repeat(300)},31,,,,`, 2, 'USER_ID', 'ID_TOO_LONG'],
    [
      'a 1,001-character categorical value',
      `u1,31,,,,gold|${'x'.repeat(1001)}`,
      2,
      'TIER',
      'CATEGORICAL_VALUE_TOO_LONG',
    ],
    ['a row with a missing field', 'u1,31,,,', 2, undefined, 'WRONG_FIELD_COUNT'],
  ])('fails the job on %s, naming the file, the line and the problem', async (_what, rows, line, column, code) => {
    const done = await importText('members.csv', `${MEMBERS_HEADER}\n${rows}\n`);
    expect(done.status).toBe('CREATE FAILED');
    const where = column === undefined ? `line ${line}` : `line ${line}, column ${column}`;
    expect(done.failureReason).toContain(`Invalid CSV s3://data/members.csv, ${where}: `);
    expect(done.failureReason).toContain(`(${code})`);
    expect(transport.bulkRows(membersArn)).toEqual([]);
  });

  it.each([
    ['a quoted header', `"USER_ID",AGE,VISITS,SCORE,VIP,TIER\nu1,31,,,,\n`, 'QUOTED_HEADER'],
    ['an extra column', `${MEMBERS_HEADER},NICKNAME\nu1,31,,,,,bob\n`, 'UNKNOWN_COLUMN'],
    ['a missing required column', 'USER_ID,VISITS\nu1,3\n', 'MISSING_COLUMN'],
    ['a column twice', 'USER_ID,AGE,AGE\nu1,3,3\n', 'DUPLICATE_COLUMN'],
  ])('fails the job on %s, at line 1', async (_what, body, code) => {
    const done = await importText('members.csv', body);
    expect(done.status).toBe('CREATE FAILED');
    expect(done.failureReason).toMatch(
      new RegExp(`^Invalid CSV s3://data/members\\.csv, line 1, column .+\\(${code}\\)\\.$`),
    );
  });

  it('names the column a header problem is about', async () => {
    const done = await importText('members.csv', `${MEMBERS_HEADER},NICKNAME\nu1,31,,,,,bob\n`);
    expect(done.failureReason).toContain('column NICKNAME: Column "NICKNAME" is not a field of the schema');
  });

  it('fails the job on an unclosed quote and on an empty file', async () => {
    const unclosed = await importText('a.csv', `${MEMBERS_HEADER}\nu1,31,,,,"gold\nu2,32,,,,\n`);
    expect(unclosed.failureReason).toMatch(/^Invalid CSV s3:\/\/data\/a\.csv, line 2.*\(UNCLOSED_QUOTE\)\.$/);
    const empty = await importText('b.csv', '');
    expect(empty.failureReason).toMatch(/^Invalid CSV s3:\/\/data\/b\.csv: The file is empty.*\(EMPTY_FILE\)\.$/);
  });

  it('fails the job on a TIMESTAMP that is not a number', async () => {
    const lines = interactionsCsv(1_000).split('\n');
    lines[500] = 'u1,i1,yesterday,View,';
    const done = await importText('i.csv', lines.join('\n'), { datasetArn: shop.interactionsArn });
    expect(done.status).toBe('CREATE FAILED');
    expect(done.failureReason).toMatch(
      /^Invalid CSV s3:\/\/data\/i\.csv, line 501, column TIMESTAMP: .*\(NOT_AN_INTEGER\)/,
    );
    expect(transport.bulkRows(shop.interactionsArn)).toEqual([]);
  });

  it('imports a header whose case differs from the schema (a warning), under the schema’s names', async () => {
    const done = await importText('m.csv', 'user_id,AGE\nu1,31\n');
    expect(done.status).toBe('ACTIVE');
    expect(transport.bulkRows(membersArn)).toEqual([{ USER_ID: 'u1', AGE: '31' }]);
  });

  it('names the file of a folder that fails, and stores nothing of the files that passed', async () => {
    transport.putObject({ bucket: 'data', key: 'f/a.csv' }, `${MEMBERS_HEADER}\nu1,31,,,,\n`);
    transport.putObject({ bucket: 'data', key: 'f/b.csv' }, `${MEMBERS_HEADER}\nu2,31,,,,\nu3,x,,,,\n`);
    const done = await runJob({ dataLocation: 's3://data/f/' });
    expect(done.failureReason).toMatch(/^Invalid CSV s3:\/\/data\/f\/b\.csv, line 3, column AGE: /);
    expect(transport.bulkRows(membersArn)).toEqual([]);
  });

  it('keeps the rows of the last good import when a FULL import fails', async () => {
    await importText('good.csv', `${MEMBERS_HEADER}\nu1,31,,,,\n`);
    const failed = await importText('bad.csv', `${MEMBERS_HEADER}\nu9,old,,,,\n`);
    expect(failed.status).toBe('CREATE FAILED');
    expect(transport.bulkRows(membersArn)).toEqual([expect.objectContaining({ USER_ID: 'u1' })]);
  });

  it('names the line of an error deep in a large object', async () => {
    const rows = Array.from({ length: 40_000 }, (_, n) => `user-${n},${n % 90},${n},,,`);
    rows[39_000] = 'user-x,,,,,';
    const done = await importText('big.csv', `${MEMBERS_HEADER}\n${rows.join('\n')}\n`);
    expect(done.failureReason).toContain('big.csv, line 39002, column AGE');
  });
});

describe('rejectMillisecondTimestamps', () => {
  const millisecondRows = () => interactionsCsv(1_000).replace(/,(17\d{8}),/g, ',$1000,');

  it('by default fails a job whose TIMESTAMP is in milliseconds', async () => {
    const done = await importText('ms.csv', millisecondRows(), { datasetArn: shop.interactionsArn });
    expect(done.status).toBe('CREATE FAILED');
    expect(done.failureReason).toMatch(/line 2, column TIMESTAMP: .*milliseconds.*\(TIMESTAMP_IN_MILLISECONDS\)/);
  });

  it('with false, imports the value as it is, and still fails other problems', async () => {
    build({ rejectMillisecondTimestamps: false });
    const done = await importText('ms.csv', millisecondRows(), { datasetArn: shop.interactionsArn });
    expect(done.status).toBe('ACTIVE');
    expect(transport.bulkRows(shop.interactionsArn)[0]).toMatchObject({ TIMESTAMP: '1700000000000' });
    const negative = await importText('neg.csv', millisecondRows().replace('1700000000000', '-5'), {
      datasetArn: shop.interactionsArn,
    });
    expect(negative.failureReason).toContain('(TIMESTAMP_NEGATIVE)');
  });
});

describe('importSubfolders', () => {
  beforeEach(() => {
    transport.putObject({ bucket: 'data', key: 'f/a.csv' }, `${MEMBERS_HEADER}\nu1,31,,,,\n`);
    transport.putObject({ bucket: 'data', key: 'f/2026/b.csv' }, `${MEMBERS_HEADER}\nu2,32,,,,\n`);
  });

  it('by default reads the CSV objects of the folder’s sub-folders too', async () => {
    expect((await runJob({ dataLocation: 's3://data/f/' })).status).toBe('ACTIVE');
    expect(transport.bulkRows(membersArn).map((row) => row.USER_ID)).toEqual(['u2', 'u1']);
  });

  it('with false, reads only the objects directly in the folder', async () => {
    build({ importSubfolders: false });
    transport.putObject({ bucket: 'data', key: 'f/a.csv' }, `${MEMBERS_HEADER}\nu1,31,,,,\n`);
    transport.putObject({ bucket: 'data', key: 'f/2026/b.csv' }, `${MEMBERS_HEADER}\nu2,32,,,,\n`);
    expect((await runJob({ dataLocation: 's3://data/f/' })).status).toBe('ACTIVE');
    expect(transport.bulkRows(membersArn).map((row) => row.USER_ID)).toEqual(['u1']);
    const nested = await runJob({ dataLocation: 's3://data/f/2026/' });
    expect(nested.status).toBe('ACTIVE');
    transport.putObject({ bucket: 'data', key: 'g/2026/c.csv' }, `${MEMBERS_HEADER}\nu3,33,,,,\n`);
    expect((await runJob({ dataLocation: 's3://data/g/' })).failureReason).toBe('No CSV files found in s3://data/g/.');
  });
});

describe('rejectConcurrentImports', () => {
  it('by default accepts a second job on a busy dataset; the jobs finish in the order they fell due', async () => {
    transport.putObject({ bucket: 'data', key: 'a.csv' }, `${MEMBERS_HEADER}\nu1,31,,,,\n`);
    transport.putObject({ bucket: 'data', key: 'b.csv' }, `${MEMBERS_HEADER}\nu2,32,,,,\n`);
    const base = { datasetArn: membersArn, roleArn, importMode: 'FULL' } as const;
    const first = await transport.createDatasetImportJob({ ...base, jobName: 'a', dataLocation: 's3://data/a.csv' });
    await clock.advance(1_000);
    const second = await transport.createDatasetImportJob({ ...base, jobName: 'b', dataLocation: 's3://data/b.csv' });
    await clock.advance(5_000);
    expect((await transport.describeDatasetImportJob(first.jobArn)).status).toBe('ACTIVE');
    expect((await transport.describeDatasetImportJob(second.jobArn)).status).toBe('ACTIVE');
    // FULL replaced: the later job's rows are what the dataset holds.
    expect(transport.bulkRows(membersArn).map((row) => row.USER_ID)).toEqual(['u2']);
  });

  it('with true, refuses the second job as IN_USE until the first has finished', async () => {
    build({ rejectConcurrentImports: true });
    transport.putObject({ bucket: 'data', key: 'a.csv' }, `${MEMBERS_HEADER}\nu1,31,,,,\n`);
    const base = { datasetArn: membersArn, roleArn, importMode: 'FULL', dataLocation: 's3://data/a.csv' } as const;
    await transport.createDatasetImportJob({ ...base, jobName: 'a' });
    await expect(transport.createDatasetImportJob({ ...base, jobName: 'b' })).rejects.toMatchObject({
      code: 'CONFLICT',
      reason: 'IN_USE',
    });
    await clock.advance(5_000);
    await expect(transport.createDatasetImportJob({ ...base, jobName: 'b' })).resolves.toHaveProperty('jobArn');
  });
});

describe('INCREMENTAL: at least 1,000 new interaction records', () => {
  const interactions = (overrides: Partial<CreateImportJobInput> = {}) => ({
    datasetArn: shop.interactionsArn,
    ...overrides,
  });
  const sameRow = (count: number) => `USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n${'u1,i1,1700000000,View\n'.repeat(count)}`;

  beforeEach(async () => {
    expect((await importText('first.csv', interactionsCsv(1_000), interactions())).status).toBe('ACTIVE');
  });

  it('fails 1,000 identical rows: they are one record', async () => {
    const done = await importText('same.csv', sameRow(1_000), interactions({ importMode: 'INCREMENTAL' }));
    expect(done.status).toBe('CREATE FAILED');
    expect(done.failureReason).toMatch(/fewer than 1000 new interaction records \(1 found in 1000 rows/);
    expect(transport.bulkRows(shop.interactionsArn)).toHaveLength(1_000);
  });

  it('fails 1,000 rows the dataset already holds', async () => {
    const done = await importText('again.csv', interactionsCsv(1_000), interactions({ importMode: 'INCREMENTAL' }));
    expect(done.failureReason).toMatch(/\(0 found in 1000 rows/);
  });

  it('counts a row as new when it differs in any column, an optional one included', async () => {
    const distinct = interactionsCsv(1_000).replace(/View,\n/g, 'View,1\n');
    const done = await importText('values.csv', distinct, interactions({ importMode: 'INCREMENTAL' }));
    expect(done.status).toBe('ACTIVE');
    expect(transport.bulkRows(shop.interactionsArn)).toHaveLength(2_000);
  });

  it('fails 999 new records among 1,500 rows, and passes 1,000', async () => {
    const mixed = `${interactionsCsv(999, 1_000)}${interactionsCsv(501).split('\n').slice(1).join('\n')}`;
    const short = await importText('mixed.csv', mixed, interactions({ importMode: 'INCREMENTAL' }));
    expect(short.failureReason).toMatch(/\(999 found in 1500 rows/);
    const enough = await importText(
      'new.csv',
      interactionsCsv(1_000, 1_000),
      interactions({ importMode: 'INCREMENTAL' }),
    );
    expect(enough.status).toBe('ACTIVE');
    expect(transport.bulkRows(shop.interactionsArn)).toHaveLength(2_000);
  });

  it('counts the new records of every file of a folder together', async () => {
    transport.putObject({ bucket: 'data', key: 'inc/a.csv' }, interactionsCsv(600, 1_000));
    transport.putObject({ bucket: 'data', key: 'inc/b.csv' }, interactionsCsv(600, 2_000));
    const done = await runJob(interactions({ importMode: 'INCREMENTAL', dataLocation: 's3://data/inc/' }));
    expect(done.status).toBe('ACTIVE');
  });

  it('keeps identical rows once, in FULL too', async () => {
    const dupes = `${interactionsCsv(1_000)}${'u1,i1,1700000000,View,\n'.repeat(5)}`;
    const done = await importText('dupes.csv', dupes, interactions());
    expect(done.status).toBe('ACTIVE');
    expect(transport.bulkRows(shop.interactionsArn)).toHaveLength(1_001);
  });

  it('applies to Action interactions too, which need no minimum in FULL', async () => {
    const header = 'USER_ID,ACTION_ID,TIMESTAMP,EVENT_TYPE';
    const rows = (count: number, from = 0) =>
      `${header}\n${Array.from({ length: count }, (_, n) => `u${n % 7},a${n % 30},${1_700_000_000 + from + n},Taken`).join('\n')}\n`;
    const target = { datasetArn: shop.actionInteractionsArn };
    expect((await importText('ai.csv', rows(10), target)).status).toBe('ACTIVE');
    const short = await importText('ai-2.csv', rows(999, 10), { ...target, importMode: 'INCREMENTAL' });
    expect(short.failureReason).toMatch(/fewer than 1000 new action interaction records \(999 found/);
    expect((await importText('ai-3.csv', rows(1_000, 10), { ...target, importMode: 'INCREMENTAL' })).status).toBe(
      'ACTIVE',
    );
  });
});

describe('when a job reads its files', () => {
  it('reads them once its time has come and a call reads the job, not before', async () => {
    transport.putObject({ bucket: 'data', key: 'members.csv' }, `${MEMBERS_HEADER}\nu1,31,,,,\n`);
    const { jobArn } = await transport.createDatasetImportJob({
      jobName: 'late',
      datasetArn: membersArn,
      dataLocation: 's3://data/members.csv',
      roleArn,
      importMode: 'FULL',
    });
    await clock.advance(4_999);
    // Replaced before the job reads it: the job sees the new content.
    transport.putObject({ bucket: 'data', key: 'members.csv' }, `${MEMBERS_HEADER}\nu1,young,,,,\n`);
    await clock.advance(1);
    // Due, but not read yet: bulkRows says so rather than answer the rows of before.
    expect(() => transport.bulkRows(membersArn)).toThrow(UnreadImportJobError);
    const [described, listed] = await Promise.all([
      transport.describeDatasetImportJob(jobArn),
      transport.listDatasetImportJobs({ datasetArn: membersArn }),
    ]);
    expect(described.status).toBe('CREATE FAILED');
    expect(listed.items[0]?.failureReason).toBe(described.failureReason);
  });
});

describe('a dataset whose schema the checks cannot read', () => {
  it('fails the job (the call that reads it still answers)', async () => {
    const datasetGroupArn = transport.createDatasetGroup({ name: 'odd' });
    const schema = { type: 'record', name: 'Users', fields: [{ name: 'USER_ID', type: 'bytes' }] };
    const { datasetArn } = transport.createDataset({ datasetGroupArn, datasetType: 'Users', schema });
    const done = await importText('odd.csv', 'USER_ID\nu1\n', { datasetArn });
    expect(done.status).toBe('CREATE FAILED');
    expect(done.failureReason).toMatch(/^The dataset's schema cannot be read: Invalid Avro schema: field `USER_ID`/);
  });
});

describe('a job reading a large object', () => {
  it('lets other work run between its chunks', async () => {
    const rows = Array.from({ length: 50_000 }, (_, n) => `user-${n},${n % 90},${n},,,`);
    transport.putObject({ bucket: 'data', key: 'large.csv' }, `${MEMBERS_HEADER}\n${rows.join('\n')}\n`); // 1.3 MB: two chunks
    const { jobArn } = await transport.createDatasetImportJob({
      jobName: 'large',
      datasetArn: membersArn,
      dataLocation: 's3://data/large.csv',
      roleArn,
      importMode: 'FULL',
    });
    await clock.advance(5_000);
    let turned = false;
    setImmediate(() => {
      turned = true;
    });
    const job = await transport.describeDatasetImportJob(jobArn);
    expect(job.status).toBe('ACTIVE');
    expect(turned).toBe(true);
    expect(transport.bulkRows(membersArn)).toHaveLength(50_000);
  });
});
