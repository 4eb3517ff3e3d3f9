/**
 * One request through the local endpoint: route it by protocol, wait out the latency, apply the quota and the
 * injected faults, forward it to the backing transport, and answer as the service would.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { InvalidInputError } from '../errors.js';
import type { RequestQuota } from '../transport/memory/service-conditions.js';
import type { CallOptions, DataPlaneCall, Transport } from '../transport/transport.js';
import type { BodyBudget } from './body-budget.js';
import { CONTROL_PLANE_TARGET_PREFIX, controlPlaneOperation } from './control-plane-routes.js';
import type { EndpointCounters, Outcome } from './endpoint-stats.js';
import { EVENTS_ROUTES } from './events-routes.js';
import { FAKE_PATH_PREFIX, serveFakePage } from './fake-pages.js';
import { BodyRefusedError, type Protocol, readBody, sendError, sendOk, sendRefusal } from './http-io.js';
import type { ResolvedLocalEndpointOptions } from './local-endpoint-options.js';
import { requestLogEntry } from './request-log.js';
import { handleS3Request } from './s3/s3-handler.js';
import { isS3Request } from './s3/s3-routing.js';
import type { S3Service } from './s3/s3-service.js';
import { type JsonObject, parseJsonObject } from './wire-decode.js';
import { type EndpointPlane, faultReply, throttledReply, toWireError, type WireError } from './wire-errors.js';

/** A request matched to an operation. */
interface Routed {
  protocol: Protocol;
  /** The transport method's name, as stats count it. */
  call: string;
  /** Set for the five Events calls: they have quotas. */
  dataPlaneCall?: DataPlaneCall;
  run(backing: Transport, body: JsonObject, options: CallOptions): Promise<object | undefined>;
}

type Routing = Routed | { protocol: Protocol; unknown: WireError };

function route(req: IncomingMessage, backing: Transport): Routing {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') {
    const op = target.startsWith(CONTROL_PLANE_TARGET_PREFIX) ? target.slice(CONTROL_PLANE_TARGET_PREFIX.length) : '';
    const r = req.method === 'POST' ? controlPlaneOperation(op, backing) : undefined;
    if (r === undefined || 'refused' in r) {
      const message = r === undefined ? target : r.refused;
      return { protocol: 'awsJson1_1', unknown: { status: 400, name: 'UnknownOperationException', message } };
    }
    return { protocol: 'awsJson1_1', call: r.call, run: r.run };
  }
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const r = req.method === 'POST' ? EVENTS_ROUTES.get(path) : undefined;
  if (r === undefined) {
    const message = `No operation at ${req.method} ${path}`;
    return { protocol: 'restJson1', unknown: { status: 404, name: 'UnknownOperationException', message } };
  }
  const run = async (backing: Transport, body: JsonObject, options: CallOptions) => {
    await r.run(backing, body, options);
    return undefined;
  };
  return { protocol: 'restJson1', call: r.call, dataPlaneCall: r.call, run };
}

function planeOf(protocol: Protocol): EndpointPlane {
  return protocol === 'restJson1' ? 'events' : 'control';
}

/** What a request handler needs from the endpoint. */
export interface HandlerContext {
  options: ResolvedLocalEndpointOptions;
  quota: RequestQuota;
  counters: EndpointCounters;
  /** The body bytes all requests hold together (`maxConcurrentBodyBytes`). */
  budget: BodyBudget;
  /** Aborted when the endpoint closes: pending latency waits end. */
  closing: AbortSignal;
  /** The backing's S3, served on the same port; `undefined` when the backing is not a `MemoryTransport`. */
  s3: S3Service | undefined;
}

/** Decides what a routed request gets before it reaches the backing: a throttle, a fault, or nothing. */
function gate(ctx: HandlerContext, routed: Routed): { outcome: Outcome; reply: WireError } | undefined {
  const { options } = ctx;
  if (routed.dataPlaneCall !== undefined && !ctx.quota.take(routed.dataPlaneCall)) {
    return { outcome: 'throttled', reply: throttledReply(options.throttleStatus) };
  }
  const faultable = options.faultScope === 'all' || routed.dataPlaneCall !== undefined;
  if (faultable && options.transientFaultRate > 0 && options.random() < options.transientFaultRate) {
    return { outcome: 'faults', reply: faultReply() };
  }
  return undefined;
}

async function answer(ctx: HandlerContext, req: IncomingMessage, res: ServerResponse, routing: Routing) {
  const { options } = ctx;
  const body = await readBody(req, {
    maxBodyBytes: options.maxBodyBytes,
    budget: ctx.budget,
    timeoutMs: options.bodyTimeoutMs,
    clock: options.clock,
  });
  try {
    return await answerRead(ctx, res, routing, body.text);
  } finally {
    // Held until the reply: the body, its string and its decoded form all live that long.
    body.release();
  }
}

async function answerRead(ctx: HandlerContext, res: ServerResponse, routing: Routing, body: string) {
  if (ctx.options.latencyMs > 0) await ctx.options.clock.sleep(ctx.options.latencyMs, ctx.closing);
  if ('unknown' in routing) {
    sendError(res, routing.protocol, routing.unknown);
    return 'errors';
  }
  const gated = gate(ctx, routing);
  if (gated !== undefined) {
    sendError(res, routing.protocol, gated.reply);
    return gated.outcome;
  }
  try {
    const result = await routing.run(ctx.options.backing, parseJsonObject(body), { signal: ctx.closing });
    sendOk(res, routing.protocol, result);
    return 'ok';
  } catch (error) {
    sendError(res, routing.protocol, toWireError(error, ctx.options.throttleStatus, planeOf(routing.protocol)));
    return 'errors';
  }
}

/** Handles one request to the end; never rejects. */
export async function handleRequest(ctx: HandlerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { onRequest } = ctx.options;
  if (onRequest !== undefined) {
    const startedAt = performance.now();
    res.once('finish', () => onRequest(requestLogEntry(req, res, performance.now() - startedAt)));
  }
  // Before S3: an unsigned GET /_fake/state would otherwise be read as S3's GetObject of bucket `_fake`.
  if (req.url?.startsWith(FAKE_PATH_PREFIX)) return serveFakePage(ctx.options.backing, req, res);
  if (isS3Request(req)) return handleS3Request(ctx, req, res);
  const routing = route(req, ctx.options.backing);
  const call = 'unknown' in routing ? 'unknown' : routing.call;
  ctx.counters.begin();
  let outcome: Outcome = 'errors';
  try {
    outcome = await answer(ctx, req, res, routing);
  } catch (error) {
    // The body could not be read, or the endpoint closed during the latency wait.
    if (ctx.closing.aborted) res.destroy();
    else if (error instanceof BodyRefusedError) sendRefusal(res, routing.protocol, error);
    else sendError(res, routing.protocol, toWireError(new InvalidInputError(String(error)), 400, 'control'));
  } finally {
    ctx.counters.end(call, outcome);
  }
}
