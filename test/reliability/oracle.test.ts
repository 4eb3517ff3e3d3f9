import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { ManualClock } from '../../src/util/manual-clock.js';
import type { RejectedRecord, WriterReport } from '../../src/writer/report.js';
import { checkConservation } from './support/oracle.js';
import { setUp } from './support/run-mix.js';

function report(parts: Partial<Pick<WriterReport, 'rejected' | 'undelivered'>> & { users?: number; accepted: number }) {
  return {
    delivered: { events: 0, users: parts.users ?? 0, items: 0, actions: 0, actionInteractions: 0 },
    rejected: parts.rejected ?? [],
    undelivered: parts.undelivered ?? [],
    stats: {
      accepted: parts.accepted,
      refused: 0,
      buffered: 0,
      inFlight: 0,
      calls: 0,
      retried: 0,
      throttled: 0,
      bisectionCalls: 0,
    },
  } as WriterReport;
}

const user = (userId: string, code: string): RejectedRecord => ({
  kind: 'user',
  record: { userId },
  code,
  message: '',
});

async function stored(...ids: string[][]) {
  const transport = new MemoryTransport({ clock: new ManualClock() });
  const { datasets } = setUp(transport);
  for (const users of ids)
    await transport.putUsers({ datasetArn: datasets.users, users: users.map((userId) => ({ userId })) });
  return { transport, datasets };
}

describe('the conservation oracle finds each kind of violation', () => {
  it('passes a run that kept the contract', async () => {
    const { transport, datasets } = await stored(['u1']);
    transport.rejectRecords((r) => ((r as { userId: string }).userId === 'u2' ? 'no' : undefined));
    await expect(transport.putUsers({ datasetArn: datasets.users, users: [{ userId: 'u2' }] })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    const accepted = new Set(['user:u1', 'user:u2', 'user:u3']);
    const reports = [
      report({
        users: 1,
        accepted: 3,
        rejected: [user('u2', 'INVALID_INPUT')],
        undelivered: [user('u3', 'THROTTLED')],
      }),
    ];
    expect(checkConservation({ transport, datasets, accepted, reports })).toEqual([]);
  });

  it('a record delivered by count but never stored is lost; one stored but never accepted is named', async () => {
    const { transport, datasets } = await stored(['u9']);
    const violations = checkConservation({
      transport,
      datasets,
      accepted: new Set(['user:u1']),
      reports: [report({ users: 1, accepted: 1 })],
    });
    expect(violations.map((v) => v.kind).sort()).toEqual(['lost', 'storedNotAccepted']);
  });

  it('a rejected record never refused alone (refused in a pair) is wrongly blamed', async () => {
    const { transport, datasets } = await stored(['u1']);
    transport.rejectRecords(() => 'no');
    await expect(
      transport.putUsers({ datasetArn: datasets.users, users: [{ userId: 'u1' }, { userId: 'u2' }] }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    const accepted = new Set(['user:u1', 'user:u2']);
    const reports = [report({ users: 1, accepted: 2, rejected: [user('u2', 'INVALID_INPUT')] })];
    expect(checkConservation({ transport, datasets, accepted, reports }).map((v) => v.kind)).toEqual(['wronglyBlamed']);
  });

  it('undelivered but stored breaks the rule unless the code is OUTCOME_UNKNOWN', async () => {
    const { transport, datasets } = await stored(['u1'], ['u2']);
    const accepted = new Set(['user:u1', 'user:u2']);
    const reports = [report({ accepted: 2, undelivered: [user('u1', 'ABORTED'), user('u2', 'OUTCOME_UNKNOWN')] })];
    const violations = checkConservation({ transport, datasets, accepted, reports });
    expect(violations).toEqual([
      { kind: 'undeliveredButStored', detail: 'user:u1 reported undelivered:ABORTED but was stored' },
    ]);
  });

  it('an event stored twice is duplicated; a record reported twice is miscounted', async () => {
    const transport = new MemoryTransport({ clock: new ManualClock() });
    const { datasets } = setUp(transport);
    const event = { eventId: 'e1', eventType: 'view', sentAt: new Date(0) };
    for (let n = 0; n < 2; n += 1)
      await transport.putEvents({ trackingId: 'tracking-1', sessionId: 's', eventList: [event] });
    const twice = {
      ...report({ accepted: 1 }),
      delivered: { events: 1, users: 0, items: 0, actions: 0, actionInteractions: 0 },
    };
    const kinds = checkConservation({ transport, datasets, accepted: new Set(['event:e1']), reports: [twice] }).map(
      (v) => v.kind,
    );
    expect(kinds).toEqual(['duplicated']);
    const { transport: t2, datasets: d2 } = await stored();
    const both = [report({ accepted: 1, undelivered: [user('u1', 'THROTTLED'), user('u1', 'TRANSIENT')] })];
    expect(
      checkConservation({ transport: t2, datasets: d2, accepted: new Set(['user:u1']), reports: both }).map(
        (v) => v.kind,
      ),
    ).toContain('countMismatch');
  });
});
