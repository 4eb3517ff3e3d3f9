import { describe, expect, it } from 'vitest';
import {
  EventTypeCounter,
  MAX_EVENT_TYPES,
  OTHER_EVENT_TYPES,
  TrainingUserCounter,
} from '../../src/csv/interaction-stats.js';

const add = (counter: EventTypeCounter, name: string) => {
  const buf = Buffer.from(`xx${name}yy`);
  counter.add(buf, 2, buf.length - 2);
};

describe('EventTypeCounter', () => {
  it('counts by exact bytes, multi-byte names included', () => {
    const counter = new EventTypeCounter();
    for (const name of ['View', 'view', 'View', 'Achat réglé', 'Achat réglé', 'View']) add(counter, name);
    expect(counter.counts()).toEqual({ View: 3, view: 1, 'Achat réglé': 2 });
  });

  it('keeps at most MAX_EVENT_TYPES names and sums the rest', () => {
    const counter = new EventTypeCounter();
    for (let i = 0; i < MAX_EVENT_TYPES + 5; i++) add(counter, `t${i}`);
    add(counter, 't0');
    const counts = counter.counts();
    expect(Object.keys(counts)).toHaveLength(MAX_EVENT_TYPES + 1);
    expect(counts[OTHER_EVENT_TYPES]).toBe(5);
    expect(counts.t0).toBe(2);
  });
});

describe('TrainingUserCounter', () => {
  it('stops and forgets every user once 25 have two interactions', () => {
    const counter = new TrainingUserCounter(1000);
    for (let i = 0; i < 25; i++) counter.add(`u${i}`);
    for (let i = 0; i < 24; i++) counter.add(`u${i}`);
    expect(counter.done).toBe(false);
    counter.add('u24');
    expect(counter.done).toBe(true);
    expect(counter.result()).toEqual({ count: 25, exact: true });
  });

  it('never remembers more than maxTrackedUsers users, and then says the count is a lower bound', () => {
    const counter = new TrainingUserCounter(3);
    for (const user of ['a', 'b', 'c', 'd', 'd', 'a']) counter.add(user);
    expect(counter.result()).toEqual({ count: 1, exact: false });
  });
});
