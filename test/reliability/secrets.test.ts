/**
 * Secrets never leave the CLI: credentials from the environment (access key id, secret key, session token) and the
 * password of an `--endpoint` URL (in its userinfo or in credential query parameters) appear in no line it prints,
 * no `--json` document and no `--rejected` report, across failing commands: an invalid endpoint, an unreachable
 * a hostile service that echoes the request's credentials in its error messages, a fatal service error, records
 * refused locally and by the service, without `--verbose`. Runs the built CLI, as users do, through the real AWS
 * SDK against `serve` (the local endpoint) and against the echoing service.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, ensureBuilt, finished, runCli, startCli, waitForOutput } from '../cli/built-cli.js';

const KEY_ID = 'AKIAQWERTYUIOP123456';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzSecretKey1';
const TOKEN = 'IQoJb3JpZ2luX2VjEHsaCXVzLWVhc3QtMSJHMEUCIQDsessionTokenZZ';
const URL_PASSWORD = 'hunter2-url-PASSWORD';
const SIGNATURE = '5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7';

/** Signatures the SDK computed for the echoing service: secrets too, known only once sent. */
const signatures: string[] = [];

/** Every form a secret could be printed in: as it is, URL-encoded, and its first 10 characters (a cut value). */
function forbidden(): string[] {
  return [KEY_ID, SECRET, TOKEN, URL_PASSWORD, SIGNATURE, ...signatures].flatMap((secret) => [
    secret,
    encodeURIComponent(secret),
    secret.slice(0, 10),
  ]);
}

const CREDENTIALS = { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN };

let dir: string;
let url: string;
let trackingId: string;
let serving: Promise<CliRun>;
let stopServe: () => void;
let echo: Server;
let echoUrl: string;

/**
 * A hostile service: refuses every call with AccessDenied, and puts in its message everything it was sent that
 * could carry a secret (the URL, the authorization header, the session token header), over several lines and with a
 * long value, as a careless proxy or a debugging service might.
 */
function startEcho(): Promise<void> {
  echo = createServer((request, response) => {
    const authorization = request.headers.authorization ?? '';
    const signature = /Signature=([0-9a-f]+)/.exec(authorization)?.[1];
    if (signature !== undefined) signatures.push(signature);
    const message = [
      `Access denied for ${request.url}`,
      `Authorization: ${authorization}`,
      `x-amz-security-token: ${String(request.headers['x-amz-security-token'] ?? '')}`,
      `padding ${'z'.repeat(5000)}`,
    ].join('\n');
    response.writeHead(403, {
      'content-type': 'application/x-amz-json-1.1',
      'x-amzn-errortype': 'AccessDeniedException',
    });
    response.end(JSON.stringify({ __type: 'AccessDeniedException', message }));
  });
  return new Promise((resolve) => {
    echo.listen(0, '127.0.0.1', () => {
      echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
      resolve();
    });
  });
}

/** The endpoint of `serve`, with a user and password in its URL. */
function withPassword(endpoint: string): string {
  return endpoint.replace('http://', `http://${KEY_ID}:${URL_PASSWORD}@`);
}

function leaks(text: string): string[] {
  return forbidden().filter((secret) => text.includes(secret));
}

/** Runs the CLI with the credentials in its environment, with and without `--json`; returns all it printed. */
async function printed(
  args: readonly string[],
  reports: readonly string[] = [],
): Promise<{ text: string; runs: CliRun[] }> {
  const runs = await Promise.all([
    runCli(['--json', ...args], { env: CREDENTIALS }),
    runCli(args, { env: CREDENTIALS }),
  ]);
  const files = reports.filter((path) => existsSync(path)).map((path) => readFileSync(path, 'utf8'));
  return { text: [...runs.flatMap((run) => [run.stdout, run.stderr]), ...files].join('\n'), runs };
}

beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'secrets-'));
  const child = startCli(['--json', 'serve', '--job-ms', '20']);
  serving = finished(child);
  stopServe = () => child.kill('SIGINT');
  const stdout = child.stdout ? await waitForOutput(child.stdout, /\n/) : '';
  const setup = JSON.parse(stdout) as { url: string; trackingId: string };
  url = setup.url;
  trackingId = setup.trackingId;
  await startEcho();
}, 120_000);

afterAll(async () => {
  stopServe?.();
  await serving;
  await new Promise((resolve) => echo?.close(resolve));
});

const JOB = 'arn:aws:personalize:us-east-1:123456789012:dataset-import-job/none';

describe('secrets never appear in what the CLI prints', () => {
  it('an invalid --endpoint with a password, with or without a scheme', async () => {
    for (const endpoint of [
      `http://${KEY_ID}:${URL_PASSWORD}@localhost:99999`,
      `http://${KEY_ID}:${URL_PASSWORD}@`,
      `//${KEY_ID}:${URL_PASSWORD}@localhost:99999`,
      `x://u:${URL_PASSWORD}@ `,
    ]) {
      const { text, runs } = await printed(['--endpoint', endpoint, 'jobs', 'describe', JOB]);
      expect(runs.map((run) => run.code)).toEqual([2, 2]);
      expect(JSON.parse(runs[0]?.stdout ?? '')).toMatchObject({ ok: false, error: { code: 'INVALID_OPTIONS' } });
      expect(leaks(text)).toEqual([]);
    }
  });

  it('a service that echoes the credentials, the signature and the URL in its errors', async () => {
    const query = `X-Amz-Credential=${KEY_ID}%2F20260101%2Fus-east-1&X-Amz-Security-Token=${TOKEN}&X-Amz-Signature=${SIGNATURE}`;
    const file = join(dir, 'echo.jsonl');
    writeFileSync(file, '{"sessionId":"s","eventType":"click","sentAt":1735689600}\n');
    const rejected = join(dir, 'echo-rejected.jsonl');
    for (const endpoint of [withPassword(echoUrl), `${echoUrl}/?${query}`]) {
      const jobs = await printed(['--endpoint', endpoint, 'jobs', 'describe', JOB]);
      expect(jobs.runs.map((run) => run.code)).toEqual([1, 1]);
      const put = await printed(
        ['--endpoint', endpoint, 'put', 'events', '--file', file, '--tracking-id', 't', '--rejected', rejected],
        [rejected],
      );
      expect(put.runs.map((run) => run.code)).toEqual([1, 1]);
      const text = jobs.text + put.text;
      expect(text).toMatch(/Access denied/);
      expect(leaks(text)).toEqual([]);
      // The service's 5,000-character value and its lines come out cut, one line a message.
      expect(jobs.runs[1]?.stderr.trim().split('\n')).toHaveLength(1);
      const lines = [...jobs.runs, ...put.runs].flatMap((run) => [run.stdout, run.stderr]).join('\n');
      expect(lines).not.toContain('z'.repeat(201));
    }
    expect(signatures.length).toBeGreaterThan(0);
  }, 60_000);

  it('a fatal service error (an unknown tracking id) over an endpoint with a password', async () => {
    const file = join(dir, 'one.jsonl');
    writeFileSync(file, '{"sessionId":"s","eventType":"click","sentAt":1735689600}\n');
    const rejected = join(dir, 'fatal-rejected.jsonl');
    const args = ['--endpoint', withPassword(url), 'put', 'events', '--file', file, '--tracking-id', 'nobody'];
    const { text, runs } = await printed([...args, '--rejected', rejected], [rejected]);
    expect(runs.map((run) => run.code)).toEqual([1, 1]);
    expect(text).toMatch(/NOT_FOUND/);
    expect(leaks(text)).toEqual([]);
  }, 60_000);

  it('records refused locally and by the service, without --verbose', async () => {
    const long = `http://bob:${URL_PASSWORD}@example.com/${'p'.repeat(400)}`;
    const lines = [
      JSON.stringify({ sessionId: 's1', eventType: 'click', sentAt: 1735689600 }),
      'not json',
      JSON.stringify({ sessionId: '', eventType: 'click', sentAt: 1735689600 }),
      JSON.stringify({ sessionId: 's2', eventType: 'click', itemId: long, sentAt: 1735689600 }),
      JSON.stringify({ sessionId: 's3', eventType: `secret=${URL_PASSWORD}`.repeat(20), sentAt: 1735689600 }),
      JSON.stringify({ sessionId: 's4', eventType: 'click', sentAt: 1735689600, properties: { token: TOKEN } }),
    ];
    const file = join(dir, 'events.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const args = ['--endpoint', withPassword(url), 'put', 'events', '--file', file, '--tracking-id', trackingId];
    const { text, runs } = await printed(args);
    expect(runs.map((run) => run.code)).toEqual([1, 1]);
    expect(JSON.parse(runs[0]?.stdout ?? '')).toMatchObject({ ok: false, invalid: expect.any(Number) });
    expect(leaks(text)).toEqual([]);
  }, 60_000);
});
