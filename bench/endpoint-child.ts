/**
 * Runs the stand-in service in a child process, so that the service's work (HTTP, decoding, the fake's checks) does
 * not share the writer's event loop: against the real service it would not. Driven over IPC by `remote-service.ts`.
 * @module
 */
import { type BenchService, startBenchService } from './bench-endpoint.js';
import type { ChildReply, ChildRequest } from './remote-service.js';
import { warmStandInService } from './warm-endpoint.js';

let service: BenchService | undefined;

/** Resolves once the message is handed to the channel, so that a disconnect after it does not drop it. */
function reply(message: ChildReply): Promise<void> {
  return new Promise((resolve) => {
    if (process.send === undefined) resolve();
    else process.send(message, undefined, undefined, () => resolve());
  });
}

async function handle(request: ChildRequest): Promise<void> {
  switch (request.type) {
    case 'start':
      // A fresh process answers its first requests cold: warmed first, so that the writer's first call measures the
      // writer (bench/warm-endpoint.ts).
      await warmStandInService();
      service = await startBenchService(request.conditions, request.seed);
      await reply({ id: request.id, type: 'ready', url: service.url });
      return;
    case 'stats':
      if (service !== undefined) await reply({ id: request.id, type: 'stats', stats: await service.stats() });
      return;
    case 'finish':
      if (service !== undefined) await reply({ id: request.id, type: 'outcome', outcome: await service.finish() });
      process.disconnect?.();
      return;
  }
}

process.on('message', (request: ChildRequest) => {
  handle(request).catch((error: unknown) => {
    void reply({ id: request.id, type: 'error', message: error instanceof Error ? error.message : String(error) });
  });
});
