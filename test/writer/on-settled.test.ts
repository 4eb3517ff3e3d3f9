import { describe, expect, it } from 'vitest';
import type { SettledInfo } from '../../src/writer/report.js';
import { drive, writerFixture } from './writer-fixture.js';

describe('RecordWriter: onSettled', () => {
  it('hands over each settled record itself, as put, with how it ended, and survives a throwing hook', async () => {
    const settled: { outcome: SettledInfo['outcome']; users: string[] }[] = [];
    const { clock, transport, writer } = writerFixture({
      maxBatchSize: 2,
      onSettled: (info) => {
        settled.push({
          outcome: info.outcome,
          users: info.records.map((record) => (record as { userId: string }).userId),
        });
        throw new Error('hook failed');
      },
    });
    transport.rejectRecords((record) => ('userId' in record && record.userId === 'bad' ? 'Invalid userId' : undefined));
    const tag = Symbol('line');
    const first = { userId: 'u1', [tag]: 1 };
    let firstSeen: unknown;
    const again = writerFixture({ onSettled: (info) => (firstSeen = info.records[0]) });
    await again.writer.putUser(first);
    await drive(again.clock, again.writer.flush());
    expect(firstSeen).toBe(first);
    for (const userId of ['u1', 'u2', 'bad', 'u4']) await writer.putUser({ userId });
    await drive(clock, writer.flush());
    expect(settled).toEqual([
      { outcome: 'delivered', users: ['u1', 'u2'] },
      { outcome: 'rejected', users: ['bad'] },
      { outcome: 'delivered', users: ['u4'] },
    ]);
  });
});
