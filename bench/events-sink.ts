/**
 * Starts `events-sink-child.ts` (bundled beside this file) in its own process and reads its counts.
 * @module
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import type { SinkConditions, SinkStats } from './events-sink-child.js';

/** A running sink. */
export interface EventsSink {
  url: string;
  stats(): Promise<SinkStats>;
  stop(): Promise<void>;
}

/** Forks the sink with `conditions`. */
export async function startEventsSink(childScript: URL, conditions: SinkConditions): Promise<EventsSink> {
  const child = fork(childScript, [JSON.stringify(conditions)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [ready] = (await once(child, 'message')) as [{ type: 'ready'; url: string }];
  return {
    url: ready.url,
    async stats() {
      child.send({ type: 'stats' });
      const [reply] = (await once(child, 'message')) as [{ type: 'stats'; stats: SinkStats }];
      return reply.stats;
    },
    async stop() {
      const exited = once(child, 'exit');
      child.disconnect();
      await exited;
    },
  };
}
