/**
 * The stand-in service in a child process (`endpoint-child.ts`), behind the same `BenchService` interface as the
 * in-process one.
 * @module
 */
import { type ChildProcess, fork } from 'node:child_process';
import type { LocalEndpointStats } from '../src/testing.js';
import { type BenchService, type ServiceConditions, type ServiceOutcome, startBenchService } from './bench-endpoint.js';

/** A request to the child. */
export type ChildRequest =
  | { id: number; type: 'start'; conditions: ServiceConditions; seed: number }
  | { id: number; type: 'stats' }
  | { id: number; type: 'finish' };

/** The child's answer to a request with the same `id`. */
export type ChildReply =
  | { id: number; type: 'ready'; url: string }
  | { id: number; type: 'stats'; stats: LocalEndpointStats }
  | { id: number; type: 'outcome'; outcome: ServiceOutcome }
  | { id: number; type: 'error'; message: string };

type Request = ChildRequest extends infer R ? (R extends ChildRequest ? Omit<R, 'id'> : never) : never;

class ChildChannel {
  #nextId = 0;
  readonly #pending = new Map<number, { resolve: (reply: ChildReply) => void; reject: (error: Error) => void }>();

  constructor(readonly child: ChildProcess) {
    child.on('message', (reply: ChildReply) => {
      const pending = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      if (reply.type === 'error') pending?.reject(new Error(`endpoint child: ${reply.message}`));
      else pending?.resolve(reply);
    });
    child.on('exit', (code) => {
      for (const pending of this.#pending.values()) pending.reject(new Error(`endpoint child exited (${code})`));
      this.#pending.clear();
    });
  }

  ask(request: Request): Promise<ChildReply> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.child.send({ ...request, id });
    });
  }
}

function expect<T extends ChildReply['type']>(reply: ChildReply, type: T): Extract<ChildReply, { type: T }> {
  if (reply.type !== type) throw new Error(`endpoint child: expected ${type}, got ${reply.type}`);
  return reply as Extract<ChildReply, { type: T }>;
}

/** Starts a fresh service in a child process running `childScript` (the bundled `endpoint-child.ts`). */
export async function startRemoteService(
  childScript: URL,
  conditions: ServiceConditions,
  seed: number,
): Promise<BenchService> {
  const child = fork(childScript, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const channel = new ChildChannel(child);
  try {
    const { url } = expect(await channel.ask({ type: 'start', conditions, seed }), 'ready');
    return {
      url,
      stats: async () => expect(await channel.ask({ type: 'stats' }), 'stats').stats,
      async finish() {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        const { outcome } = expect(await channel.ask({ type: 'finish' }), 'outcome');
        // The child ends once its server is closed and the channel gone; make sure it does.
        const timer = setTimeout(() => child.kill(), 5000);
        await exited;
        clearTimeout(timer);
        return outcome;
      },
    };
  } catch (error) {
    child.kill();
    throw error;
  }
}

/** Starts a stand-in service for one run. */
export type ServiceStarter = (conditions: ServiceConditions, seed: number) => Promise<BenchService>;

/** The service in a child process (the default), or in this process when `inline`. */
export function serviceStarter(inline: boolean): ServiceStarter {
  if (inline) return startBenchService;
  // Next to the bundled benchmark: `npm run bench:writer` builds both entries into the same directory.
  const childScript = new URL('./endpoint-child.js', import.meta.url);
  return (conditions, seed) => startRemoteService(childScript, conditions, seed);
}
