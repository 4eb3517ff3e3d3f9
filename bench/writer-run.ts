/**
 * One run of the `RecordWriter` on `AwsTransport` against a fresh stand-in service: every event put (awaiting each
 * `putEvent`, so backpressure applies), then `close()`. A sampler records the writer's rate and the endpoint's
 * counters over time, to show where throttles happen (the opening burst or the steady state).
 * @module
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { AwsTransport, RecordWriter, type RecordWriterOptions, type WriterReport } from '../src/index.js';
import type { BenchService, ServiceConditions, ServiceOutcome } from './bench-endpoint.js';
import { checkDelivery, checkRejections } from './delivery-check.js';
import type { ServiceStarter } from './remote-service.js';
import type { RunRaw } from './run-metrics.js';
import { BENCH_TRACKING_ID, type Workload } from './workload.js';

/** Writer options the benchmark may vary (everything but the transport and the tracking id). */
export type WriterTuning = Omit<RecordWriterOptions, 'transport' | 'trackingId' | 'onBatch'>;

/** One sample of the run's timeline. */
export interface TimelineSample {
  /** Milliseconds since the first put. */
  t: number;
  /** The writer's PutEvents rate, requests/s. */
  rate: number | undefined;
  /** PutEvents requests answered by the endpoint so far. */
  requests: number;
  throttled: number;
  /** Records the writer holds (buffered + in flight). */
  held: number;
  /** Requests the endpoint is handling right now. */
  endpointInFlight: number;
}

/** A writer run: the raw figures and the timeline. */
export interface WriterRun {
  raw: RunRaw;
  timeline: TimelineSample[];
  /** `writer.rates.putEvents` after close. */
  finalRate: number | undefined;
  /** From the first put to the end of the first call (its answer), in ms: `onBatch`'s first report. */
  firstAnswerMs: number | undefined;
  /** From the first put to the first call's first attempt (its answer less its `durationMs`), in ms. */
  firstSentMs: number | undefined;
  /** How late this process's event loop ran during the run (writer and SDK), in ms. */
  eventLoopDelayMs: { mean: number; p99: number; max: number };
}

const SAMPLE_EVERY_MS = 250;

/** What `onBatch` saw: the largest call, and delivered calls by their number of records. */
interface Batches {
  /** When the first call ended, `performance.now()`, and how long it had taken. */
  firstAt: number | undefined;
  firstDurationMs: number;
  max: number;
  deliveredSizes: number[];
}

/** Samples the writer and the endpoint every `SAMPLE_EVERY_MS` until stopped. */
class Sampler {
  readonly samples: TimelineSample[] = [];
  readonly #timer: NodeJS.Timeout;
  readonly #start = performance.now();

  constructor(
    private readonly writer: RecordWriter,
    private readonly service: BenchService,
  ) {
    this.#timer = setInterval(() => void this.sample(), SAMPLE_EVERY_MS);
  }

  async sample(): Promise<void> {
    const t = Math.round(performance.now() - this.#start);
    const { buffered, inFlight } = this.writer.stats;
    const rate = this.writer.rates.putEvents;
    const stats = await this.service.stats().catch(() => undefined);
    if (stats === undefined) return;
    const calls = stats.byCall.putEvents;
    const held = buffered + inFlight;
    const { requests = 0, throttled = 0 } = calls ?? {};
    this.samples.push({ t, rate, requests, throttled, held, endpointInFlight: stats.inFlight });
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}

function rawOf(
  workload: Workload,
  report: WriterReport,
  outcome: ServiceOutcome,
  wallMs: number,
  batches: Batches,
): RunRaw {
  return {
    name: 'RecordWriter',
    budgeted: false,
    eventsSent: workload.events.length,
    wallMs,
    endpoint: outcome.stats,
    delivery: checkDelivery(
      workload,
      new Map(outcome.stored),
      workload.events.map((event) => event.key),
    ),
    rejections: checkRejections(workload, report.rejected),
    maxRecordsPerCall: Math.max(batches.max, outcome.maxCallRecords),
    bisectionCalls: report.stats.bisectionCalls,
    undelivered: report.undelivered.length,
    deliveredCallSizes: batches.deliveredSizes,
  };
}

/** Runs the writer over the whole workload. `index` varies the service's fault dice between repeated runs. */
export async function runWriter(
  workload: Workload,
  conditions: ServiceConditions,
  tuning: WriterTuning,
  index: number,
  startService: ServiceStarter,
): Promise<WriterRun> {
  const service = await startService(conditions, workload.seed + index);
  const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };
  const transport = new AwsTransport({ region: 'us-east-1', endpoint: service.url, credentials });
  const batches: Batches = { firstAt: undefined, firstDurationMs: 0, max: 0, deliveredSizes: [] };
  const writer = new RecordWriter({
    ...tuning,
    transport,
    trackingId: BENCH_TRACKING_ID,
    onBatch: (info) => {
      if (batches.firstAt === undefined) {
        batches.firstAt = performance.now();
        batches.firstDurationMs = info.durationMs;
      }
      batches.max = Math.max(batches.max, info.records);
      if (info.outcome === 'delivered') {
        batches.deliveredSizes[info.records] = (batches.deliveredSizes[info.records] ?? 0) + 1;
      }
    },
  });
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const start = performance.now();
  const sampler = new Sampler(writer, service);
  let finished = false;
  try {
    for (const event of workload.events) await writer.putEvent(event.record);
    const report = await writer.close();
    const wallMs = performance.now() - start;
    await sampler.sample();
    sampler.stop();
    finished = true;
    const outcome = await service.finish();
    return {
      raw: rawOf(workload, report, outcome, wallMs, batches),
      timeline: sampler.samples,
      finalRate: writer.rates.putEvents,
      firstAnswerMs: batches.firstAt === undefined ? undefined : batches.firstAt - start,
      firstSentMs: batches.firstAt === undefined ? undefined : batches.firstAt - batches.firstDurationMs - start,
      eventLoopDelayMs: { mean: loopDelay.mean / 1e6, p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
    };
  } finally {
    sampler.stop();
    loopDelay.disable();
    transport.destroy();
    if (!finished) await service.finish().catch(() => undefined);
  }
}
