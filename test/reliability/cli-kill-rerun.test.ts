/**
 * The CLI under kill and re-run: `put events` of a file without eventIds, against the local endpoint over a
 * MemoryTransport held by this process, is SIGKILLed a few times once its checkpoint has moved, and re-run with the
 * same checkpoint until it finishes. Every line of the file must end up stored under its one derived eventId, and
 * every copy a resend left is the same event: the service keeps the first event of an eventId, so each is stored
 * once. The runs after a kill must resume (start after the checkpoint), not start over.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalEndpoint, startLocalEndpoint } from '../../src/local-endpoint/local-endpoint.js';
import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { seededRandom } from '../../src/util/seeded-random.js';
import { ensureBuilt, finished, startCli } from '../cli/built-cli.js';

const LINES = 3000;
const KILLS = 3;
const TRACKER = 'kill-tracker';

let dir: string;
let backing: MemoryTransport;
let endpoint: LocalEndpoint;

beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'cli-kill-rerun-'));
  // A little latency per call keeps a run going long enough to be killed in the middle.
  backing = new MemoryTransport({ latencyMs: 20 });
  backing.addTracker(TRACKER, backing.createDatasetGroup({ name: 'kill' }));
  endpoint = await startLocalEndpoint({ backing });
}, 120_000);

afterAll(async () => {
  await endpoint?.close();
});

function checkpointLine(path: string): number {
  if (!existsSync(path)) return 0;
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { line: number }).line;
  } catch {
    return 0;
  }
}

/** Resolves once the checkpoint has moved past `after`, or the child has exited. */
async function progressed(child: ChildProcess, path: string, after: number): Promise<void> {
  while (child.exitCode === null && child.signalCode === null && checkpointLine(path) <= after) await delay(10);
}

describe('put killed and re-run (SIGKILL)', () => {
  it('stores every line of the file exactly once, and resumes after the checkpoint', async () => {
    const lines = Array.from({ length: LINES }, (_, i) =>
      JSON.stringify({ sessionId: `s${i % 7}`, eventType: 'click', itemId: `item-${i + 1}`, sentAt: 1735689600 + i }),
    );
    const file = join(dir, 'events.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const checkpoint = join(dir, 'events.checkpoint.json');
    const rejected = join(dir, 'events.rejected.jsonl');
    const args = ['--json', '--endpoint', endpoint.url, 'put', 'events', '--file', file];
    const run = () =>
      startCli([...args, '--tracking-id', TRACKER, '--checkpoint', checkpoint, '--rejected', rejected, '--rate', '50']);
    const random = seededRandom(7);
    const resumedAt: number[] = [];
    for (let kill = 0; kill < KILLS; kill += 1) {
      const before = checkpointLine(checkpoint);
      const child = run();
      const done = finished(child);
      // Kill once the checkpoint has moved a random stretch, so each re-run has something to resume from.
      await progressed(child, checkpoint, before + 100 + Math.floor(random() * 500));
      // A random point after the checkpoint moved: mid-call, mid-write, between writes.
      await delay(Math.floor(random() * 150));
      child.kill('SIGKILL');
      const killed = await done;
      if (killed.code === 0) break;
      resumedAt.push(checkpointLine(checkpoint));
    }
    const last = await finished(run());
    expect(last.stderr).not.toMatch(/error/);
    expect(last.code).toBe(0);
    const result = JSON.parse(last.stdout) as { ok: boolean; resumedAfterLine?: number; checkpoint: { line: number } };
    expect(result).toMatchObject({ ok: true, checkpoint: { line: LINES } });
    // The kills came after progress, so each re-run resumed rather than started over.
    expect(resumedAt.length).toBeGreaterThan(0);
    expect(resumedAt.every((line, i) => line > (resumedAt[i - 1] ?? 0) + 100)).toBe(true);
    expect(result.resumedAfterLine).toBeGreaterThan(300);

    const stored = backing.events(TRACKER);
    const byId = new Map<string, Set<string>>();
    for (const event of stored) {
      const id = String(event.eventId);
      byId.set(id, (byId.get(id) ?? new Set()).add(JSON.stringify({ ...event, eventId: undefined })));
    }
    // One eventId per line of the file, and every copy of one id is the same event.
    expect(byId.size).toBe(LINES);
    for (const copies of byId.values()) expect(copies.size).toBe(1);
    const items = new Set(stored.map((event) => event.itemId));
    expect(items.size).toBe(LINES);
    // Resends are bounded by what was in flight at each kill, not the whole file each time.
    expect(stored.length).toBeLessThan(LINES * 2);
  }, 30_000);
});
