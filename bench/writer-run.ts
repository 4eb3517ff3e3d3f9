/**
 * One run of the `RecordWriter` on `AwsTransport` against a fresh stand-in service: every event put (awaiting each
 * `putEvent`, so backpressure applies), then `close()`. A sampler records the writer's rate and the endpoint's
 * counters over time, to show where throttles happen (the opening burst or the steady state).
 * @module
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { RecordWriter, type RecordWriterOptions } from '../src/index.js';
import { AwsTransport } from '../src/transport/aws/aws-transport.js';
import { type ServiceConditions, startBenchService } from './bench-endpoint.js';
import { checkDelivery, checkRejections } from './delivery-check.js';
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
  /** How late the event loop ran during the run (writer, SDK and endpoint share one process), in ms. */
  eventLoopDelayMs: { mean: number; p99: number; max: number };
}

const SAMPLE_EVERY_MS = 250;

/** Runs the writer over the whole workload. `index` varies the service's fault dice between repeated runs. */
export async function runWriter(
  workload: Workload,
  conditions: ServiceConditions,
  tuning: WriterTuning,
  index: number,
): Promise<WriterRun> {
  const service = await startBenchService(conditions, workload.seed + index);
  const transport = new AwsTransport({
    region: 'us-east-1',
    endpoint: service.url,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  let maxRecordsPerCall = 0;
  const writer = new RecordWriter({
    ...tuning,
    transport,
    trackingId: BENCH_TRACKING_ID,
    onBatch: (info) => {
      maxRecordsPerCall = Math.max(maxRecordsPerCall, info.records);
    },
  });
  const timeline: TimelineSample[] = [];
  const start = performance.now();
  const sample = () => {
    const stats = service.stats();
    const calls = stats.byCall.putEvents;
    const { buffered, inFlight } = writer.stats;
    timeline.push({
      t: Math.round(performance.now() - start),
      rate: writer.rates.putEvents,
      requests: calls?.requests ?? 0,
      throttled: calls?.throttled ?? 0,
      held: buffered + inFlight,
      endpointInFlight: stats.inFlight,
    });
  };
  const sampler = setInterval(sample, SAMPLE_EVERY_MS);
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  try {
    for (const event of workload.events) await writer.putEvent(event.record);
    const report = await writer.close();
    const wallMs = performance.now() - start;
    sample();
    return {
      raw: {
        name: 'RecordWriter',
        budgeted: false,
        eventsSent: workload.events.length,
        wallMs,
        endpoint: service.stats(),
        delivery: checkDelivery(
          workload,
          service.backing,
          workload.events.map((event) => event.key),
        ),
        rejections: checkRejections(workload, report.rejected),
        maxRecordsPerCall: Math.max(maxRecordsPerCall, maxStoredCall(service.backing)),
        bisectionCalls: report.stats.bisectionCalls,
        undelivered: report.undelivered.length,
      },
      timeline,
      finalRate: writer.rates.putEvents,
      eventLoopDelayMs: {
        mean: loopDelay.mean / 1e6,
        p99: loopDelay.percentile(99) / 1e6,
        max: loopDelay.max / 1e6,
      },
    };
  } finally {
    clearInterval(sampler);
    loopDelay.disable();
    transport.destroy();
    await service.close();
  }
}

/** The largest PutEvents call that reached the backing (whatever its outcome). */
function maxStoredCall(backing: Awaited<ReturnType<typeof startBenchService>>['backing']): number {
  return Math.max(0, ...backing.callsOf('putEvents').map((call) => call.input.eventList.length));
}
