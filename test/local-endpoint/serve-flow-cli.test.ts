/**
 * This library's CLI against `personalize-import serve`: examples/local-endpoint/cli-session.sh (shown in
 * docs/local-endpoint.md) starts `serve` itself, imports a CSV with `import --file`, puts events and users, and reads
 * back GET /_fake/state. `personalize-import` is the built CLI (a shim on PATH); skipped without jq or curl.
 */
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, cliEnv, ensureBuilt } from '../cli/built-cli.js';
import { interactionsCsvOf } from './serve-process.js';

const run = promisify(execFile);
const script = new URL('../../examples/local-endpoint/cli-session.sh', import.meta.url).pathname;
const hasTools = ['jq', 'curl'].every((tool) => spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0);

let dir: string;
beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'serve-flow-cli-'));
  const shim = join(dir, 'personalize-import');
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(shim, 0o755);
}, 120_000);
afterAll(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasTools)('the CLI session against `serve`', () => {
  it('imports --file to ACTIVE, puts events and users, and reads them back', async () => {
    const csv = interactionsCsvOf(60_000);
    writeFileSync(join(dir, 'interactions.csv'), csv.text);
    const events = Array.from({ length: 12 }, (_, i) =>
      JSON.stringify({ sessionId: 's1', eventType: 'click', itemId: `i${i}`, sentAt: 1_735_689_600 + i }),
    );
    writeFileSync(join(dir, 'events.jsonl'), `${events.join('\n')}\n`);
    writeFileSync(join(dir, 'users.jsonl'), '{"userId":"u1"}\n{"userId":"u2"}\n');
    const env = cliEnv({ PATH: `${dir}:${process.env.PATH ?? ''}` });
    const { stdout } = await run('sh', [script, 'interactions.csv', 'events.jsonl', 'users.jsonl'], {
      cwd: dir,
      env,
      timeout: 60_000,
    });
    const last = stdout.trim().split('\n').at(-1) ?? '';
    expect(JSON.parse(last)).toEqual([
      { datasetType: 'Interactions', bulkRowCount: csv.rows, records: 0 },
      { datasetType: 'Users', bulkRowCount: 0, records: 2 },
      { datasetType: 'Items', bulkRowCount: 0, records: 0 },
    ]);
    expect(stdout).toMatch(/ACTIVE/);
    expect(stdout).toMatch(/12 delivered|delivered.*12/);
  }, 60_000);

  it('is in docs/local-endpoint.md as it is in examples/', () => {
    const docs = readFileSync(new URL('../../docs/local-endpoint.md', import.meta.url), 'utf8');
    expect(docs).toContain(`\`\`\`sh\n${readFileSync(script, 'utf8')}\`\`\``);
  });
});
