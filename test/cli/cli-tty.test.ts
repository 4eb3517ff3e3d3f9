import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, cliEnv, ensureBuilt, fakeTransportHook } from './built-cli.js';
import { screen } from './terminal-screen.js';

// `script` (util-linux) runs the CLI under a pseudo-terminal, so stderr is a TTY as in a person's shell.
const hasScript = spawnSync('script', ['--version']).status === 0;

describe.runIf(hasScript)('on a terminal', () => {
  let dir: string;
  beforeAll(async () => {
    await ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'cli-tty-'));
    const rows = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE'];
    for (let i = 0; i < 1200; i++) rows.push(`user-${i % 40},item-${i % 60},${1735689600 + i},View`);
    writeFileSync(join(dir, 'interactions.csv'), `${rows.join('\n')}\n`);
    writeFileSync(
      join(dir, 'schema.json'),
      JSON.stringify({
        type: 'record',
        name: 'Interactions',
        fields: [
          { name: 'USER_ID', type: 'string' },
          { name: 'ITEM_ID', type: 'string' },
          { name: 'TIMESTAMP', type: 'long' },
          { name: 'EVENT_TYPE', type: 'string' },
        ],
      }),
    );
  }, 120_000);

  it('draws a progress bar (not plain lines) on stderr', () => {
    const command = `${process.execPath} ${CLI} validate interactions.csv --schema schema.json --dataset-type Interactions`;
    const out = execFileSync('script', ['-qec', command, '/dev/null'], { cwd: dir, env: cliEnv(), encoding: 'utf8' });
    expect(out).toContain('validate [');
    expect(out).toMatch(/\u2588/); // a filled cell of the bar
    expect(out).toContain('ETA');
    expect(out).not.toMatch(/^validate: 100%/m); // the plain, non-terminal form
    expect(out).toContain('interactions.csv: valid, 1,200 rows');
  });

  it('prints warnings above the bar, and the summary under them without overwriting any', () => {
    const hook = fakeTransportHook();
    const lines: string[] = [];
    for (let i = 1; i <= 300; i++) {
      lines.push(
        i % 100 === 0
          ? `broken line ${i}`
          : JSON.stringify({ sessionId: `s${i}`, eventType: 'click', sentAt: 1735725600 + i }),
      );
    }
    writeFileSync(join(dir, 'events.jsonl'), `${lines.join('\n')}\n`);
    const command = `${process.execPath} ${CLI} put events --file events.jsonl --tracking-id shop-tracker`;
    const env = cliEnv(hook);
    const result = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: dir, env, encoding: 'utf8' });
    expect(result.status).toBe(1);
    const shown = screen(result.stdout);
    const warnings = shown.filter((line) => line.startsWith('warning: '));
    // Each warning whole, on its own line, none overwritten by the bar or the summary.
    expect(warnings).toEqual([
      expect.stringMatching(/^warning: line 100: UNREADABLE: the line is not [a-z ]*JSON$/),
      expect.stringMatching(/^warning: line 200: UNREADABLE: the line is not [a-z ]*JSON$/),
      expect.stringMatching(/^warning: line 300: UNREADABLE: the line is not [a-z ]*JSON$/),
    ]);
    const summary = shown.findIndex((line) => line.startsWith('events: 300 read, 297 delivered, 3 invalid'));
    expect(summary).toBeGreaterThan(shown.indexOf(warnings[2] as string));
    expect(shown.filter((line) => line.startsWith('put events ['))).toHaveLength(1);
  });
});
