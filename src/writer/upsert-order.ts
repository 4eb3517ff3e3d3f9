/**
 * PutUsers, PutItems and PutActions replace the record of an id: the call that lands last wins. Two calls holding
 * one id must therefore land in the order their records were put, which calls in flight together, or a call retried
 * after a later one went out, do not promise. `UpsertOrder` holds a call back until every earlier call holding any of
 * its ids has settled (delivered, rejected or given up). Calls with no id in common go as they would.
 *
 * A chunk's records are all put after those of every chunk sealed before it in its lane (the buffer fills one chunk
 * of a group at a time), so ordering calls by the order their chunks were sealed orders every id's records: the
 * lane closes an upsert chunk when it is sealed, so that its ids are known before it waits.
 * @module
 */
import type { RecordKind } from '../records/kinds.js';
import type { WireAction, WireItem, WireUser } from '../transport/transport.js';
import type { Entry } from './chunk.js';

/** The id an upsert of `kind` replaces the record of; undefined for the kinds that append (events, action interactions). */
export function upsertIdOf(kind: RecordKind, wire: Entry['wire']): string | undefined {
  switch (kind) {
    case 'user':
      return (wire as WireUser).userId;
    case 'item':
      return (wire as WireItem).itemId;
    case 'action':
      return (wire as WireAction).actionId;
    default:
      return undefined;
  }
}

/** A call's place in the order: what it waits for, and how it says it settled. */
export interface UpsertTurn {
  /** Settles once every earlier call holding one of its ids has settled; undefined when there is none. */
  readonly before: Promise<unknown> | undefined;
  /** Called once the call's records have all settled: later calls holding its ids may go. */
  settled(): void;
}

/** The latest unsettled call of each id, for one lane. */
export class UpsertOrder {
  readonly #latest = new Map<string, Promise<void>>();

  /** Takes the next place for a call of `kind` holding `wires`, in the order calls are delivered. */
  enter(kind: RecordKind, wires: readonly Entry['wire'][]): UpsertTurn {
    let settle!: () => void;
    const mine = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const earlier = new Set<Promise<void>>();
    const ids: string[] = [];
    for (const wire of wires) {
      const id = upsertIdOf(kind, wire);
      if (id === undefined) continue;
      const previous = this.#latest.get(id);
      if (previous !== undefined && previous !== mine) earlier.add(previous);
      this.#latest.set(id, mine);
      ids.push(id);
    }
    return {
      before: earlier.size > 0 ? Promise.all(earlier) : undefined,
      settled: () => {
        for (const id of ids) if (this.#latest.get(id) === mine) this.#latest.delete(id);
        settle();
      },
    };
  }
}
