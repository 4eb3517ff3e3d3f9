/**
 * `npm run bench`: every benchmark in one command, one table each on stdout, the library beside its baselines in
 * the same run. A quick form by default (a few minutes); `-- --full` for the long one; `-- --json` for one JSON
 * document of every figure instead of tables.
 *
 * In this process: throughput at the documented quota (`documented-quota.ts`), the writer's CPU per record
 * (`cpu-per-record.ts`), its memory under backpressure (`backpressure-memory.ts`), the importer's polling
 * (`polling.ts`), and the Lambda handlers' cost per record and a batch of 10,000 SQS messages at the quota
 * (`lambda-handler.ts`). As child programs, with their own tables: the writer under throttling
 * (`writer-throttling.ts`), CSV validation (`validate-csv.bench.ts`), the endpoint's throughput
 * (`endpoint-throughput.ts`) and many writer processes sharing one quota (`multi-writer.ts`).
 * @module
 */
import { spawnSync } from 'node:child_process';
import { measureBackpressure } from './backpressure-memory.js';
import { measureCpuPerRecord } from './cpu-per-record.js';
import { measureDocumentedQuota, type QuotaRun } from './documented-quota.js';
import { checkIssueNine } from './issue-targets.js';
import { measureLambdaBatch, measureLambdaCpu } from './lambda-handler.js';
import { measurePolling } from './polling.js';
import { median } from './run-metrics.js';

const full = process.argv.includes('--full');
const json = process.argv.includes('--json');
const here = new URL('./', import.meta.url);

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

function table(title: string, header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [`### ${title}`, '', line(header), line(header.map(() => '---')), ...rows.map(line), ''].join('\n');
}

function quotaTable(title: string, runs: readonly QuotaRun[]): string {
  const names = [...new Set(runs.map((run) => run.name))];
  const rows = names.map((name) => {
    const mine = runs.filter((run) => run.name === name);
    const m = (pick: (run: QuotaRun) => number) => median(mine.map(pick));
    return [
      `${name} (median of ${mine.length})`,
      m((r) => r.eventsPerSecond).toFixed(0),
      m((r) => r.shareOfLimit).toFixed(2),
      String(m((r) => r.lost)),
      String(m((r) => r.duplicated)),
      pct(m((r) => r.throttledShare)),
      m((r) => r.clientCpuPerCallMs).toFixed(2),
      `${m((r) => r.recordsPerCall).toFixed(2)} (${pct(m((r) => r.shareOfIdealFill))} of ideal)`,
      m((r) => r.firstAnswerSeconds).toFixed(2),
      pct(m((r) => r.throttledFirst5s)),
    ];
  });
  const writer = median(runs.filter((r) => r.name.startsWith('RecordWriter')).map((r) => r.eventsPerSecond));
  const raw = median(runs.filter((r) => r.name.startsWith('raw SDK')).map((r) => r.eventsPerSecond));
  return `${table(
    title,
    [
      'writer',
      'events/s',
      'share of the limit (10 × requests/s)',
      'lost',
      'dup',
      'throttled',
      'client CPU/call ms',
      'records/call (of the ideal)',
      'first answer s',
      'throttled in first 5 s',
    ],
    rows,
  )}\nRecordWriter / raw SDK: ${(writer / raw).toFixed(2)}×\n`;
}

async function main(): Promise<void> {
  const results: Record<string, unknown> = { full, node: process.version };
  const say = (text: string) => {
    if (!json) console.log(text);
  };
  const quota = await measureDocumentedQuota(new URL('events-sink-child.js', here), {
    events: full ? 50_000 : 20_000,
    runs: full ? 3 : 1,
  });
  results.documentedQuota = quota;
  say(quotaTable('Throughput at the documented quota (1,000 PutEvents/s, 25 ms, endpoint in its own process)', quota));
  // The same traffic where the quota binds: calls queue in the limiter, and a queued chunk keeps taking records.
  const binding = await measureDocumentedQuota(new URL('events-sink-child.js', here), {
    events: full ? 50_000 : 20_000,
    runs: full ? 3 : 1,
    requestsPerSecond: 200,
  });
  results.bindingQuota = binding;
  say(quotaTable('Where the quota binds (200 PutEvents/s, 25 ms): how full the calls are', binding));
  const cpu = await measureCpuPerRecord({ records: full ? 100_000 : 30_000, rounds: full ? 5 : 3 });
  results.cpuPerRecord = cpu;
  say(
    table(
      `The writer's CPU per record (${cpu.records} events, 2,000 sessions, into a sink with no I/O)`,
      ['', 'µs per record'],
      [
        ['floor loop (group, id, serialise)', cpu.floorMicros.toFixed(2)],
        ['RecordWriter', cpu.writerMicros.toFixed(2)],
        ['ratio', `${cpu.ratio.toFixed(2)}×`],
        ['heap per held record', `${cpu.heapPerHeldRecord.toFixed(0)} bytes`],
      ],
    ),
  );
  const memory = [];
  for (const records of full ? [100_000, 1_000_000] : [100_000, 300_000])
    memory.push(await measureBackpressure(records));
  results.backpressureMemory = memory;
  say(
    table(
      'Memory under backpressure (maxBufferedRecords 10,000; a transport that answers on the next turn)',
      ['records put', 'heap retained MiB (after GC)', 'peak heap MiB (garbage too)', 'peak RSS MiB', 'seconds'],
      memory.map((run) => [
        String(run.records),
        run.peakRetainedHeapMiB.toFixed(1),
        run.peakHeapMiB.toFixed(0),
        run.peakRssMiB.toFixed(0),
        run.seconds.toFixed(1),
      ]),
    ),
  );
  const polling = await measurePolling({ jobMinutes: [1, 10, 60, 300], seeds: full ? 101 : 31 });
  results.polling = polling;
  say(
    table(
      "Polling an import job on the fake's clock (DescribeDatasetImportJob calls; delay from the job's end to its notice)",
      ['poller', 'job', 'calls (median)', 'delay s (median)', 'delay s (p90)'],
      polling.map((row) => [
        row.poller,
        row.jobMinutes >= 60 ? `${row.jobMinutes / 60} h` : `${row.jobMinutes} min`,
        String(row.calls),
        row.medianDelaySeconds.toFixed(1),
        row.p90DelaySeconds.toFixed(1),
      ]),
    ),
  );
  const lambdaCpu = await measureLambdaCpu({ records: full ? 100_000 : 30_000, rounds: full ? 7 : 5 });
  const batches = [];
  for (const sessions of [1000, 10_000]) batches.push(await measureLambdaBatch({ messages: 10_000, sessions }));
  results.lambda = { cpu: lambdaCpu, batches };
  say(
    table(
      `The SQS handler's CPU per record against the writer's alone (${lambdaCpu.records} events, batches of 10,000 messages, a sink with no I/O)`,
      ['', 'µs per record'],
      [
        ['RecordWriter, events without eventId (it makes UUIDs)', lambdaCpu.writerNoIdMicros.toFixed(2)],
        ['RecordWriter, the same events with the eventIds the handler derives', lambdaCpu.writerMicros.toFixed(2)],
        ['createSqsHandler (one event a message, batches of 10,000)', lambdaCpu.handlerMicros.toFixed(2)],
        ['handler / writer with the same ids', `${lambdaCpu.ratio.toFixed(2)}×`],
        ['the handler over a stub writer (its own work)', lambdaCpu.ownMicros.toFixed(2)],
        [
          'writer + own work, over the writer',
          `${((lambdaCpu.writerMicros + lambdaCpu.ownMicros) / lambdaCpu.writerMicros).toFixed(2)}×`,
        ],
      ],
    ),
  );
  say(
    table(
      "A batch of 10,000 SQS messages at the documented quota (1,000 PutEvents/s, 25 ms), on the fake's clock",
      [
        'sessions',
        'answered after (fake s)',
        'of a 60 s function',
        'calls',
        'records/call',
        'throttled',
        'listed',
        'stored',
        'wall s',
      ],
      batches.map((run) => [
        String(run.sessions),
        (run.fakeClockMs / 1000).toFixed(2),
        pct(run.fakeClockMs / run.functionTimeoutMs),
        String(run.calls),
        run.recordsPerCall.toFixed(2),
        String(run.throttled),
        String(run.failures),
        String(run.stored),
        (run.wallMs / 1000).toFixed(2),
      ]),
    ),
  );
  const children: Array<[string, string, string[]]> = [
    ['writerThrottling', 'writer-throttling.js', full ? [] : ['--runs', '1']],
    ['validateCsv', 'validate-csv.bench.js', full ? ['--mb', '1024', '--runs', '1'] : ['--mb', '100', '--runs', '1']],
    ['endpointThroughput', 'endpoint-throughput.js', full ? ['--runs', '3'] : ['--runs', '1', '--seconds', '3']],
    ['multiWriter', 'multi-writer.js', full ? ['--full'] : []],
  ];
  let failed = false;
  const childOutput: Record<string, string> = {};
  for (const [name, script, args] of children) {
    const run = spawnSync(process.execPath, ['--expose-gc', new URL(script, here).pathname, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    childOutput[name] = run.stdout;
    if (!json) process.stdout.write(run.stdout);
    results[name] = { exitCode: run.status, ...(json ? { output: run.stdout } : {}) };
    failed ||= run.status !== 0;
  }
  const issueNine = checkIssueNine({
    documentedQuota: quota,
    bindingQuota: binding,
    cpuPerRecord: cpu,
    backpressure: memory,
    polling,
    childOutput,
  });
  results.issueNineTargets = issueNine;
  say(
    [
      `### Issue 9's targets, on this run${full ? '' : ' (the quick form: smaller inputs; the issue counts the full run)'}`,
      '',
      ...issueNine.map((t) => `${t.pass ? 'PASS' : 'FAIL'}  ${t.target}: ${t.measured}`),
      '',
    ].join('\n'),
  );
  if (json) console.log(JSON.stringify(results, null, 2));
  if (failed) process.exitCode = 1;
}

await main();
