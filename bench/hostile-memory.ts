/**
 * Peak memory of the readers on hostile input: each case runs in a fresh child process (heap capped at 512 MB) and
 * reports its wall time, its peak resident set (`process.resourceUsage().maxRSS`) and the codes it ended with.
 *
 *   npx tsup bench/hostile-memory.ts --no-config --format esm --target node20 --out-dir .tmp/bench --silent \
 *     && node .tmp/bench/hostile-memory.js
 * @module
 */
import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { validateCsv } from '../src/csv/validate-csv.js';
import { startLocalEndpoint } from '../src/local-endpoint/local-endpoint.js';
import { MemoryTransport } from '../src/transport/memory/memory-transport.js';

const MIB = 1024 * 1024;
const HEADER = 'USER_ID,ITEM_ID,EVENT_TYPE,EVENT_VALUE,TIMESTAMP\n';
const ROW = 'u1,i1,View,1,1700000000\n';
const schema = {
  type: 'record',
  name: 'Interactions',
  fields: [
    { name: 'USER_ID', type: 'string' },
    { name: 'ITEM_ID', type: 'string' },
    { name: 'EVENT_TYPE', type: 'string' },
    { name: 'EVENT_VALUE', type: ['null', 'float'] },
    { name: 'TIMESTAMP', type: 'long' },
  ],
};

function* bytes(head: string, fill: string, total: number, tail: string): Generator<Buffer> {
  yield Buffer.from(head);
  const chunk = Buffer.alloc(MIB, fill);
  for (let sent = 0; sent < total; sent += MIB) yield chunk.subarray(0, Math.min(MIB, total - sent));
  yield Buffer.from(tail);
}

async function csv(chunks: Iterable<Buffer>): Promise<string[]> {
  const report = await validateCsv(Readable.from(chunks), { schema, datasetType: 'Interactions', minInteractions: 0 });
  return [...new Set(report.errors.map((e) => e.code))];
}

/** 120 concurrent 15 MB bodies (one shared client buffer), as in the issue. */
async function endpointLoad(): Promise<string[]> {
  const endpoint = await startLocalEndpoint({ backing: new MemoryTransport() });
  const url = new URL(endpoint.url);
  const body = Buffer.alloc(15 * MIB, ' ');
  const statuses = await Promise.all(
    Array.from(
      { length: 120 },
      () =>
        new Promise<string>((resolve) => {
          const req = request(
            { host: url.hostname, port: url.port, path: '/events', method: 'POST', agent: false },
            (res) => {
              res.resume();
              res.on('end', () => resolve(String(res.statusCode)));
            },
          );
          req.on('error', () => resolve('reset'));
          req.setHeader('content-length', body.length);
          req.end(body);
        }),
    ),
  );
  await endpoint.close();
  const counts = new Map<string, number>();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${status}×${n}`);
}

const CASES: Record<string, () => Promise<string[]>> = {
  'header of 15 MB of commas': () => csv(bytes('', ',', 15 * MIB, `\n${ROW}`)),
  'row of 16 M commas': () => csv(bytes(HEADER, ',', 16 * MIB - 2, `\n${ROW}`)),
  'line of 100 MB, no line break': () => csv(bytes(HEADER, 'x', 100 * MIB, '\n')),
  'unclosed quote before 100 MB of rows': () => csv(bytes(`${HEADER}u1,"i1,View,1,1\n`, ROW, 100 * MIB, '')),
  'endpoint: 120 concurrent 15 MB bodies': endpointLoad,
};

const [, , name] = process.argv;
if (name !== undefined) {
  const run = CASES[name];
  if (run === undefined) throw new Error(`no case ${name}`);
  const start = performance.now();
  const codes = await run();
  const ms = Math.round(performance.now() - start);
  const maxRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify({ case: name, ms, maxRssMB, codes })}\n`);
} else {
  const self = fileURLToPath(import.meta.url);
  for (const each of Object.keys(CASES)) {
    process.stdout.write(
      execFileSync(process.execPath, ['--max-old-space-size=512', self, each], { encoding: 'utf8' }),
    );
  }
}
