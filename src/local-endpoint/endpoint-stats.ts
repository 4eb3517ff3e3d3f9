/**
 * What the local endpoint counts: requests, throttles, injected faults and backing errors, per call.
 * @module
 */

/** Counts for one call (or for all of them). */
export interface CallStats {
  /** Requests answered (whatever the answer). */
  requests: number;
  /** Answered `ThrottlingException` by the quota (throttles the backing raised count as `errors`). */
  throttled: number;
  /** Answered with an injected `InternalFailure`, not forwarded. */
  faults: number;
  /** Forwarded to the backing, which succeeded. */
  ok: number;
  /** Forwarded to the backing, which threw (or refused before it: a body that does not decode). */
  errors: number;
}

/** A snapshot of the endpoint's counters. */
export interface LocalEndpointStats extends CallStats {
  /** Per call, keyed by the transport method's name (`putEvents`, `createDatasetImportJob`, …; `unknown` else). */
  byCall: Record<string, CallStats>;
  /** Requests being handled right now. */
  inFlight: number;
  /** The most requests handled at once so far. */
  maxInFlight: number;
}

/** The outcome of one request, as counted. */
export type Outcome = 'throttled' | 'faults' | 'ok' | 'errors';

function zero(): CallStats {
  return { requests: 0, throttled: 0, faults: 0, ok: 0, errors: 0 };
}

/** Mutable counters behind `stats()`. */
export class EndpointCounters {
  private total = zero();
  private readonly byCall = new Map<string, CallStats>();
  private inFlight = 0;
  private maxInFlight = 0;

  /** Zeroes the counts (requests in flight stay in flight, and are counted when they end). */
  reset(): void {
    this.total = zero();
    this.byCall.clear();
    this.maxInFlight = this.inFlight;
  }

  /** A request arrived. */
  begin(): void {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
  }

  /** A request was answered. */
  end(call: string, outcome: Outcome): void {
    this.inFlight -= 1;
    let forCall = this.byCall.get(call);
    if (forCall === undefined) {
      forCall = zero();
      this.byCall.set(call, forCall);
    }
    for (const stats of [this.total, forCall]) {
      stats.requests += 1;
      stats[outcome] += 1;
    }
  }

  /** A copy, safe to keep. */
  snapshot(): LocalEndpointStats {
    return {
      ...this.total,
      byCall: Object.fromEntries([...this.byCall].map(([call, stats]) => [call, { ...stats }])),
      inFlight: this.inFlight,
      maxInFlight: this.maxInFlight,
    };
  }
}
