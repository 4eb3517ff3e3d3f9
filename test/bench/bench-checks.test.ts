// The writer benchmark's judges: if these said PASS on a broken run, the benchmark would prove nothing.
import { describe, expect, it } from 'vitest';
import { checkDelivery, checkRejections } from '../../bench/delivery-check.js';
import { median, type RunMetrics } from '../../bench/run-metrics.js';
import { checkTargets } from '../../bench/targets.js';
import { eventKey, makeWorkload, rejectionOf } from '../../bench/workload.js';
import type { RejectedRecord } from '../../src/index.js';

const workload = makeWorkload({ events: 2000, sessions: 50, seed: 7 });

function storeOf(keys: string[]): Map<string, number> {
  const store = new Map<string, number>();
  for (const key of keys) store.set(key, (store.get(key) ?? 0) + 1);
  return store;
}

function rejectedOf(keys: string[], message?: string): RejectedRecord[] {
  return workload.events
    .filter((event) => keys.includes(event.key))
    .map((event) => ({
      kind: 'event' as const,
      record: event.record,
      code: 'INVALID_INPUT',
      message: message ?? event.rejection ?? '',
    }));
}

describe('workload', () => {
  it('is the same for the same seed, and refuses about 0.5% of events by item id', () => {
    const again = makeWorkload({ events: 2000, sessions: 50, seed: 7 });
    expect(again.events.map((event) => event.key)).toEqual(workload.events.map((event) => event.key));
    expect(workload.good.size + workload.bad.size).toBe(2000);
    const big = makeWorkload({ events: 12_000, sessions: 300, seed: 2 });
    expect(big.bad.size / 12_000).toBeGreaterThan(0.003);
    expect(big.bad.size / 12_000).toBeLessThan(0.007);
    for (const event of workload.events) expect(event.rejection).toBe(rejectionOf(event.record.itemId));
  });

  it('gives every event a key of its own, stable through whole epoch seconds', () => {
    expect(new Set(workload.events.map((event) => event.key)).size).toBe(2000);
    const first = workload.events[0]?.record;
    if (first === undefined) throw new Error('empty workload');
    const wire = new Date(Math.round(first.sentAt.getTime() / 1000) * 1000);
    expect(eventKey(first.sessionId, wire)).toBe(workload.events[0]?.key);
  });
});

describe('checkDelivery', () => {
  const good = [...workload.good];
  const bad = [...workload.bad.keys()];

  it('finds lost, duplicated and unexpected events', () => {
    // The first good event is lost, the second stored twice, a refused one stored anyway.
    const [, twice, ...rest] = good;
    const stored = storeOf([...rest, twice as string, twice as string, bad[0] as string]);
    const check = checkDelivery(workload, stored, [...good, ...bad]);
    expect(check).toEqual({
      goodSent: good.length,
      deliveredOnce: good.length - 2,
      lost: 1,
      duplicated: 1,
      unexpected: 1,
    });
  });

  it('counts only what was sent, for runs on a time budget', () => {
    const sent = good.slice(0, 10);
    expect(checkDelivery(workload, storeOf(sent), sent)).toMatchObject({ goodSent: 10, deliveredOnce: 10, lost: 0 });
  });
});

describe('checkRejections', () => {
  const bad = [...workload.bad.keys()];

  it('wants every refused event, with the service message', () => {
    expect(checkRejections(workload, rejectedOf(bad))).toMatchObject({ missing: 0, wronglyReported: 0 });
    expect(checkRejections(workload, rejectedOf(bad.slice(1)))).toMatchObject({ missing: 1 });
    expect(checkRejections(workload, rejectedOf(bad, 'Invalid input'))).toMatchObject({
      reportedWithMessage: 0,
      wronglyReported: bad.length,
    });
  });

  it('counts a good event reported as rejected against the run', () => {
    const good = [...workload.good][0] as string;
    expect(checkRejections(workload, rejectedOf([good], 'whatever')).wronglyReported).toBe(1);
  });
});

describe('checkTargets', () => {
  const passing: RunMetrics = {
    name: 'RecordWriter',
    budgeted: false,
    eventsSent: 100,
    wallSeconds: 10,
    eventsPerSecond: 10,
    goodSent: 99,
    goodDeliveredOnce: 99,
    goodLost: 0,
    goodDuplicated: 0,
    unexpectedStored: 0,
    rejectedExpected: 1,
    rejectedReported: 1,
    rejectedWronglyReported: 0,
    undelivered: 0,
    maxRecordsPerCall: 10,
    calls: 1000,
    throttled: 50,
    faults: 30,
    throttledShare: 0.05,
    quotaUtilisation: 0.95,
    quotaUtilisationWithBurst: 0.9,
    recordsPerDeliveredCall: 8,
    extraCallsPerRejected: 5,
  };
  const verdicts = (runs: RunMetrics[]) => checkTargets(runs).map((target) => target.pass);

  it('passes a run that meets all six', () => {
    expect(verdicts([passing, passing, passing])).toEqual([true, true, true, true, true, true]);
  });

  it('fails correctness when a single run loses, misreports or oversizes', () => {
    expect(verdicts([passing, { ...passing, goodLost: 1, goodDeliveredOnce: 98 }, passing])[0]).toBe(false);
    expect(verdicts([passing, passing, { ...passing, undelivered: 1 }])[0]).toBe(false);
    expect(verdicts([passing, { ...passing, rejectedReported: 0 }, passing])[1]).toBe(false);
    expect(verdicts([{ ...passing, maxRecordsPerCall: 11 }, passing, passing])[2]).toBe(false);
  });

  it('judges the rates on the median', () => {
    const throttly = { ...passing, throttledShare: 0.17 };
    expect(verdicts([passing, throttly, passing])[3]).toBe(true);
    expect(verdicts([throttly, throttly, passing])[3]).toBe(false);
    expect(verdicts([{ ...passing, quotaUtilisation: 0.89 }])[4]).toBe(false);
    expect(verdicts([{ ...passing, extraCallsPerRejected: 8.5 }])[5]).toBe(false);
  });

  it('takes the median of an even count as the mean of the middle two', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
