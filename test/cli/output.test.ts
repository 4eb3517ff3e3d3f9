import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { byteRate, Output, type OutputStream } from '../../src/cli/output.js';
import { screen } from './terminal-screen.js';

function sink(isTTY: boolean): OutputStream & { text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      text += chunk.toString('utf8');
      callback();
    },
  }) as Writable & { isTTY?: boolean; columns?: number; text: () => string };
  stream.isTTY = isTTY;
  stream.columns = 100;
  stream.text = () => text;
  return stream;
}

describe('byteRate', () => {
  it('scales bytes per second to B, KB or MB', () => {
    expect(byteRate(512)).toBe('512 B/s');
    expect(byteRate(3.5 * 1024)).toBe('3.5 KB/s');
    expect(byteRate(12.75 * 1024 * 1024)).toBe('12.8 MB/s');
  });
});

describe('Output', () => {
  it('draws a bar with a percentage and ETA when stderr is a terminal', () => {
    const stderr = sink(true);
    const output = new Output({ stderr, stdout: sink(false) });
    const progress = output.progress('put events', 100);
    progress.update(50, '50 read');
    progress.stop('100 read');
    expect(stderr.text()).toMatch(/put events \[\u2588+\u2591+\] 50% \| [\d.]+ [KM]?B\/s \| ETA/);
    expect(stderr.text()).toContain('100 read');
  });

  it('prints plain lines at most once an interval when stderr is not a terminal, and a last line at stop', () => {
    const stderr = sink(false);
    let now = 0;
    const output = new Output({ stderr, stdout: sink(false), plainIntervalMs: 1000, now: () => now });
    const progress = output.progress('validate', 200);
    progress.update(10, 'a');
    now = 999;
    progress.update(20, 'b');
    now = 1000;
    progress.update(100, 'c');
    progress.stop('d');
    // 100 bytes in 1 s, then still 100 bytes at the stop (the clock did not move).
    expect(stderr.text()).toBe('validate: 50% | 100 B/s | c\nvalidate: 50% | 100 B/s | d\n');
  });

  it('--quiet draws nothing and keeps warnings and errors', () => {
    const stderr = sink(true);
    const output = new Output({ stderr, stdout: sink(false), quiet: true });
    output.progress('x', 10).update(5);
    output.info('hello');
    output.warn('careful');
    output.error('broken');
    expect(stderr.text()).toBe('warning: careful\nerror: broken\n');
  });

  it('--json writes one JSON document on stdout and no human lines there', () => {
    const stdout = sink(false);
    const output = new Output({ stderr: sink(false), stdout, json: true });
    output.result({ ok: true, n: 1 }, ['human line']);
    expect(JSON.parse(stdout.text())).toEqual({ ok: true, n: 1 });
    expect(stdout.text()).not.toContain('human line');
  });

  it('without --json writes the human lines on stdout', () => {
    const stdout = sink(false);
    new Output({ stderr: sink(false), stdout }).result({ ok: true }, ['one', 'two']);
    expect(stdout.text()).toBe('one\ntwo\n');
  });

  it('prints a warning above the bar and redraws the bar under it; the summary never overwrites the warning', () => {
    const stderr = sink(true);
    let now = 0;
    const output = new Output({ stderr, stdout: stderr, now: () => now });
    const progress = output.progress('put events', 100);
    progress.update(30, '30 read');
    output.warn('line 3: UNREADABLE: the line is not JSON');
    now = 1000;
    progress.update(60, '60 read');
    output.warn('line 7: INVALID_INPUT: bad item');
    progress.stop('100 read');
    output.result({}, ['events: 100 read, 98 delivered']);
    // No save and restore of the cursor (ESC 7, ESC 8).
    expect(stderr.text()).not.toContain('\u001b7');
    expect(stderr.text()).not.toContain('\u001b8');
    const lines = screen(stderr.text());
    expect(lines).toEqual([
      'warning: line 3: UNREADABLE: the line is not JSON',
      'warning: line 7: INVALID_INPUT: bad item',
      expect.stringMatching(/^put events \[\u2588+\u2591*\] \d+% \| .* \| 100 read$/),
      'events: 100 read, 98 delivered',
    ]);
  });

  it('folds, cuts and redacts every line it prints, and redacts every string of a JSON document', () => {
    const stderr = sink(false);
    const stdout = sink(false);
    const output = new Output({ stderr, stdout, json: true });
    output.warn(`service said:\n  id ${'x'.repeat(300)}\n  at http://user:hunter2@localhost:1`);
    output.error('a\u001b[2Jb');
    output.result({ ok: false, error: { message: 'got `http://user:hunter2@localhost:99999`' } }, []);
    expect(stderr.text()).toBe(
      `warning: service said: id ${'x'.repeat(199)}… (101 more characters) at http://[redacted]@localhost:1\nerror: a\\u001b[2Jb\n`,
    );
    expect(JSON.parse(stdout.text())).toEqual({
      ok: false,
      error: { message: 'got `http://[redacted]@localhost:99999`' },
    });
  });

  it('makes the label of a progress display safe too, on a terminal or not', () => {
    for (const isTTY of [false, true]) {
      const stderr = sink(isTTY);
      const output = new Output({ stderr, stdout: sink(false) });
      output.progress('upload s3://b/key\nhttp://u:hunter2@h', 10).stop('done');
      expect(stderr.text()).not.toContain('hunter2');
      expect(stderr.text()).toContain('upload s3://b/key http://[redacted]@h');
    }
  });
});
