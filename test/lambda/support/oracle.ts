// The properties a consumer must keep over a run, checked as the event source acknowledges messages and at the end:
// nothing acknowledged before its good records are stored and its poison heard by onRejected, no message
// acknowledged twice, every good record stored under exactly one event id, every poison record heard exactly once,
// no message lost (every message acknowledged by the end).
import type { MessageSpec, World } from './world.js';

export class Oracle {
  readonly #world: World;
  readonly #messages = new Map<string, MessageSpec>();
  readonly #acked = new Set<string>();
  readonly violations: string[] = [];

  constructor(world: World) {
    this.#world = world;
  }

  /** The producer sent `spec` as message `id`. */
  sent(id: string, spec: MessageSpec): void {
    this.#messages.set(id, spec);
  }

  get sentCount(): number {
    return this.#messages.size;
  }

  get ackedCount(): number {
    return this.#acked.size;
  }

  /** The event source acknowledges message `id` (deletes it, or checkpoints past it). */
  acked(id: string): void {
    const spec = this.#messages.get(id);
    if (spec === undefined || this.#acked.has(id)) {
      this.#violate(spec === undefined ? `acknowledged an unknown message ${id}` : `acknowledged message ${id} twice`);
      return;
    }
    this.#acked.add(id);
    if ('undecodable' in spec) {
      if (!this.#heard(`message:${id}:TO_RECORDS_FAILED`))
        this.#violate(`acknowledged undecodable ${id} before onRejected`);
      return;
    }
    for (const record of spec.records) {
      if (record.fate === 'good' && !this.#world.stored(record))
        this.#violate(`acknowledged ${id} before its ${record.kind} ${record.key} was stored`);
      if (record.fate !== 'good' && !this.#heard(record.key))
        this.#violate(`acknowledged ${id} before onRejected heard ${record.key}`);
    }
  }

  #heard(key: string): boolean {
    return (this.#world.told.get(key) ?? 0) > 0;
  }

  #violate(text: string): void {
    if (this.violations.length < 20) this.violations.push(text);
  }

  /** The end-of-run properties; an empty list when they all hold. */
  finalCheck(): string[] {
    const problems = [...this.violations];
    const say = (text: string) => problems.length < 30 && problems.push(text);
    const poison = new Set<string>();
    let good = 0;
    for (const [id, spec] of this.#messages) {
      if (!this.#acked.has(id)) say(`message ${id} never acknowledged (lost or stuck)`);
      if ('undecodable' in spec) {
        poison.add(`message:${id}:TO_RECORDS_FAILED`);
        continue;
      }
      for (const record of spec.records) {
        if (record.fate !== 'good') {
          poison.add(record.key);
          if (this.#world.stored(record)) say(`poison ${record.key} was stored`);
          continue;
        }
        good += 1;
        if (record.kind === 'event') {
          const ids = this.#world.storedEvents.get(record.key);
          if (ids === undefined || ids.size !== 1) say(`event ${record.key} stored under ${ids?.size ?? 0} event ids`);
          if (record.eventId !== undefined && ids !== undefined && !ids.has(record.eventId))
            say(`event ${record.key} lost its source eventId`);
        } else if (!this.#world.storedUsers.has(record.key)) say(`user ${record.key} not stored`);
      }
    }
    for (const key of poison) {
      const times = this.#world.told.get(key) ?? 0;
      if (times !== 1) say(`onRejected heard ${key} ${times} times`);
    }
    for (const key of this.#world.told.keys()) if (!poison.has(key)) say(`onRejected heard good ${key}`);
    if (good === 0) say('the run sent no good record');
    return problems;
  }
}
