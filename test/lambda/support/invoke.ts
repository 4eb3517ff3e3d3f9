// One invocation as Lambda runs it: the handler gets the event and a context whose remaining time runs on the
// world's clock; the clock moves timer by timer until the handler answers, or until the function's timeout, where
// Lambda stops the invocation (the answer, if any comes later, is never read).
import type { BatchResponse, LambdaContext } from '../../../src/lambda/event-types.js';
import { flushPromises } from '../../../src/util/manual-clock.js';
import { lambdaContext } from './payloads.js';
import type { World } from './world.js';

/** How an invocation ended, as the event source sees it. */
export type Outcome = { answered: BatchResponse } | { threw: unknown } | { timedOut: true };

export async function invoke<E>(
  world: World,
  handler: (event: E, context: LambdaContext) => Promise<BatchResponse>,
  event: E,
  timeoutMs: number,
): Promise<Outcome> {
  const clock = world.clock;
  const end = clock.now() + timeoutMs;
  let outcome: Outcome | undefined;
  handler(event, lambdaContext(clock, timeoutMs)).then(
    (answered) => {
      outcome ??= { answered };
    },
    (threw: unknown) => {
      outcome ??= { threw };
    },
  );
  for (;;) {
    // One turn is enough here: the clock's advance below lets promise callbacks run around every timer.
    await flushPromises(1);
    if (outcome !== undefined) return outcome;
    const next = clock.nextTimerAt;
    if (clock.now() >= end) break;
    await clock.advance(Math.max(0, Math.min(next ?? end, end) - clock.now()));
  }
  await flushPromises();
  // Lambda stops the invocation at its timeout: a late answer is never read.
  if (outcome !== undefined && clock.now() <= end) return outcome;
  outcome = { timedOut: true };
  return outcome;
}
