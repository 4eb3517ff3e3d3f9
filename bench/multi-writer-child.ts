/**
 * One writer process of `multi-writer.ts`: a `RecordWriter` over `AwsTransport` against the shared endpoint. It gets
 * ready (writer built, one warm-up call made), waits for `go`, puts events from its own sessions as fast as backpressure lets it
 * for the measured window, then closes (every record settled) and reports over IPC what it delivered in the window
 * and in all.
 * @module
 */
import { AwsTransport, RecordWriter } from '../src/index.js';
import { seededRandom } from '../src/util/seeded-random.js';
import { BENCH_TRACKING_ID, rejectionOf } from './workload.js';

/** What the parent starts a child with (JSON in argv[2]). */
export interface WriterChildSettings {
  url: string;
  /** This writer's number: its sessions are `w<index>-s<k>`. */
  index: number;
  /** The measured window, in ms from `go`. */
  windowMs: number;
  sessions: number;
  seed: number;
  /** `maxBufferedRecords`: small enough that the drain after the window is short at a small share of the quota. */
  maxBufferedRecords: number;
}

/** The child's report. */
export interface WriterChildReport {
  index: number;
  /** Events put (all of them settled by `close()`). */
  put: number;
  /** Events delivered within the window (by `onBatch`). */
  deliveredInWindow: number;
  /** Events the final report says were delivered. */
  delivered: number;
  undelivered: number;
  rejected: number;
  /** Throttled attempts the writer counted. */
  throttled: number;
  /** The writer's PutEvents rate at the end of the window. */
  rateAtEnd: number | undefined;
  /** From `go` to the end of `close()`, in ms. */
  wallMs: number;
}

const FIRST_SENT_AT_MS = Date.UTC(2026, 0, 1);

async function run(settings: WriterChildSettings, go: Promise<void>): Promise<WriterChildReport> {
  const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };
  const transport = new AwsTransport({ region: 'us-east-1', endpoint: settings.url, credentials });
  let deliveredInWindow = 0;
  let windowOpen = true;
  const writer = new RecordWriter({
    transport,
    trackingId: BENCH_TRACKING_ID,
    maxBufferedRecords: settings.maxBufferedRecords,
    onBatch: (info) => {
      if (windowOpen && info.outcome === 'delivered') deliveredInWindow += info.records;
    },
  });
  const random = seededRandom(settings.seed + settings.index * 7919);
  // One call before `go`, so that the window measures pacing and not the first call's cost (loading the transport's
  // code, the connection): with 16 processes loading at once on 2 cores, nothing was sent in the first 5 s.
  await transport.putEvents({
    trackingId: BENCH_TRACKING_ID,
    sessionId: `warm-up-${settings.index}`,
    eventList: [{ eventId: `warm-up-${settings.index}`, eventType: 'View', sentAt: new Date(FIRST_SENT_AT_MS) }],
  });
  process.send?.({ type: 'ready' });
  await go;
  const start = performance.now();
  const end = start + settings.windowMs;
  let put = 0;
  let rateAtEnd: number | undefined;
  const closeWindow = setTimeout(() => {
    windowOpen = false;
    rateAtEnd = writer.rates.putEvents;
  }, settings.windowMs);
  try {
    while (performance.now() < end) {
      const session = Math.floor(random() * settings.sessions);
      let itemId = `w${settings.index}-item-${Math.floor(random() * 1e9)}`;
      // The endpoint's backing refuses some items (bench-endpoint.ts); this benchmark measures pacing, not them.
      while (rejectionOf(itemId) !== undefined) itemId = `${itemId}x`;
      await writer.putEvent({
        sessionId: `w${settings.index}-s${session}`,
        userId: `w${settings.index}-u${session}`,
        eventType: 'View',
        itemId,
        // One second apart, so (sessionId, sentAt) identifies an event in the endpoint's store.
        sentAt: new Date(FIRST_SENT_AT_MS + put * 1000),
      });
      put += 1;
    }
    const report = await writer.close();
    return {
      index: settings.index,
      put,
      deliveredInWindow,
      delivered: report.delivered.events,
      undelivered: report.undelivered.length,
      rejected: report.rejected.length,
      throttled: report.stats.throttled,
      rateAtEnd,
      wallMs: performance.now() - start,
    };
  } finally {
    clearTimeout(closeWindow);
    transport.destroy();
  }
}

const settings = JSON.parse(process.argv[2] ?? '{}') as WriterChildSettings;
const go = new Promise<void>((resolve) => {
  process.on('message', (message: { type: string }) => {
    if (message.type === 'go') resolve();
  });
});
run(settings, go).then(
  (report) => process.send?.({ type: 'report', report }, undefined, undefined, () => process.disconnect()),
  (error: unknown) =>
    process.send?.(
      { type: 'error', message: error instanceof Error ? error.message : String(error) },
      undefined,
      undefined,
      () => process.disconnect(),
    ),
);
