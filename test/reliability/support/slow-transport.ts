/**
 * A `Transport` wrapper that slows chosen data-plane calls on the clock, for the reliability suite: a slow request
 * (waits before it is sent, honouring the abort signal: never sent when aborted), a slow response (sent first, then
 * waits: the outcome is unknown to a caller that gives up), or a response that ignores the abort signal.
 * @module
 */
import type { Transport } from '../../../src/transport/transport.js';
import type { Clock } from '../../../src/util/clock.js';

/** How one call is slowed. */
export interface Slowdown {
  /** `request`: wait, then send; `response`: send, then wait; `deaf`: send, then wait ignoring the abort signal. */
  mode: 'request' | 'response' | 'deaf';
  /** How long, in ms on the clock. */
  ms: number;
}

const DATA_PLANE = ['putEvents', 'putUsers', 'putItems', 'putActions', 'putActionInteractions'] as const;

/** Wraps `inner`: the n-th data-plane call (0-based, across all types) is slowed by `slowdowns.get(n)`. */
export function slowTransport(inner: Transport, clock: Clock, slowdowns: ReadonlyMap<number, Slowdown>): Transport {
  let calls = 0;
  const wrapped = Object.create(inner) as Transport;
  for (const name of DATA_PLANE) {
    const original = inner[name].bind(inner) as (input: unknown, options?: { signal?: AbortSignal }) => Promise<void>;
    (wrapped as unknown as Record<string, unknown>)[name] = async (
      input: unknown,
      options?: { signal?: AbortSignal },
    ) => {
      const slow = slowdowns.get(calls++);
      if (slow === undefined) return original(input, options);
      if (slow.mode === 'request') {
        await clock.sleep(slow.ms, options?.signal);
        return original(input, options);
      }
      await original(input, options);
      await clock.sleep(slow.ms, slow.mode === 'deaf' ? undefined : options?.signal);
    };
  }
  return wrapped;
}
