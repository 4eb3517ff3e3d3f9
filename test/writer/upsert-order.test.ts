/**
 * A later put of the same user, item or action must not be overtaken by an earlier one: PutUsers, PutItems and
 * PutActions replace the record, so the call that lands last wins. Before `UpsertOrder`, a call that failed after
 * its latency was retried after a later call of the same item had landed, and the item kept its older version.
 */
import { describe, expect, it } from 'vitest';
import { drive, writerFixture } from './writer-fixture.js';

async function putTen(
  put: (id: string, version: number) => Promise<void>,
  firstId: string,
  version: number,
  prefix: string,
) {
  await put(firstId, version);
  for (let n = 0; n < 9; n += 1) await put(`${prefix}${n}`, 0);
}

describe('RecordWriter: upserts of one id land in put order', () => {
  it('a call failed after its latency and retried does not undo a later call of the same item', async () => {
    const { clock, transport, writer, datasets } = writerFixture({}, { latencyMs: 300 });
    transport.failNext(1, { call: 'putItems' });
    const put = (itemId: string, price: number) => writer.putItem({ itemId, properties: { price } });
    await putTen(put, 'x', 1, 'a');
    await clock.advance(1);
    await putTen(put, 'x', 2, 'b');
    const report = await drive(clock, writer.flush());
    expect(report.delivered.items).toBe(20);
    const x = transport.items(datasets.items).filter((item) => item.itemId === 'x');
    expect(x.map((item) => item.properties)).toEqual(['{"price":2}']);
    // The second call waited for the first one's retry to land.
    const calls = transport.history.filter((entry) => entry.call === 'putItems');
    expect(calls.map((entry) => entry.outcome)).toEqual(['error', 'ok', 'ok']);
    expect(calls[2]?.at).toBeGreaterThanOrEqual((calls[1]?.at ?? 0) + 300);
  });

  it('users and actions are ordered the same way', async () => {
    const { clock, transport, writer, datasets } = writerFixture({}, { latencyMs: 300 });
    transport.failNext(1, { call: 'putUsers' });
    transport.failNext(1, { call: 'putActions' });
    const putUser = (userId: string, tier: number) => writer.putUser({ userId, properties: { tier } });
    const putAction = (actionId: string, value: number) => writer.putAction({ actionId, properties: { value } });
    await putTen(putUser, 'u', 1, 'ua');
    await putTen(putAction, 'act', 1, 'aa');
    await clock.advance(1);
    await putTen(putUser, 'u', 2, 'ub');
    await putTen(putAction, 'act', 2, 'ab');
    await drive(clock, writer.flush());
    expect(
      transport
        .users(datasets.users)
        .filter((u) => u.userId === 'u')
        .map((u) => u.properties),
    ).toEqual(['{"tier":2}']);
    expect(
      transport
        .actions(datasets.actions)
        .filter((a) => a.actionId === 'act')
        .map((a) => a.properties),
    ).toEqual(['{"value":2}']);
  });

  it('calls with no id in common still go together', async () => {
    const { clock, transport, writer } = writerFixture({}, { latencyMs: 300 });
    const put = (itemId: string, price: number) => writer.putItem({ itemId, properties: { price } });
    await putTen(put, 'x', 1, 'a');
    await putTen(put, 'y', 1, 'b');
    await drive(clock, writer.flush());
    const calls = transport.history.filter((entry) => entry.call === 'putItems');
    expect(calls).toHaveLength(2);
    // The second went out before the first one's 300 ms were over.
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBeLessThan(300);
  });

  it('an earlier call given up releases the later one', async () => {
    const { clock, transport, writer, datasets } = writerFixture({ retry: { retries: 0 } }, { latencyMs: 300 });
    transport.failNext(1, { call: 'putItems' });
    const put = (itemId: string, price: number) => writer.putItem({ itemId, properties: { price } });
    await putTen(put, 'x', 1, 'a');
    await clock.advance(1);
    await putTen(put, 'x', 2, 'b');
    const report = await drive(clock, writer.flush());
    expect(report.delivered.items).toBe(10);
    expect(report.undelivered).toHaveLength(10);
    expect(transport.items(datasets.items).find((item) => item.itemId === 'x')?.properties).toBe('{"price":2}');
  });

  it('a close deadline while a call is held back settles every record of both calls', async () => {
    const { clock, transport, writer } = writerFixture({}, { latencyMs: 300 });
    transport.failNext(1, { call: 'putItems' });
    const put = (itemId: string, price: number) => writer.putItem({ itemId, properties: { price } });
    await putTen(put, 'x', 1, 'a');
    await clock.advance(1);
    await putTen(put, 'x', 2, 'b');
    // The first call's retry is in flight at 350..650 ms; the second is held back for it.
    const report = await drive(clock, writer.close({ timeoutMs: 500 }));
    const codes = report.undelivered.map((failure) => failure.code);
    expect(report.delivered.items + report.undelivered.length).toBe(20);
    expect(codes.filter((code) => code === 'OUTCOME_UNKNOWN')).toHaveLength(10);
    expect(codes.filter((code) => code === 'ABORTED')).toHaveLength(10);
    // The held-back call never went: only the first call and its retry reached the service.
    expect(transport.history.filter((entry) => entry.call === 'putItems')).toHaveLength(2);
  });
});
