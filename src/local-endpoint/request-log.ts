/**
 * The request log of the local endpoint: one entry per answered request (the operation, the HTTP status, the error
 * name, the milliseconds it took), for `onRequest` and `serve --verbose`.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONTROL_PLANE_TARGET_PREFIX } from './control-plane-routes.js';
import { errorNameOf } from './http-io.js';

/** One answered request, as `onRequest` hears it. */
export interface RequestLogEntry {
  /**
   * The operation: the control plane's from `x-amz-target` (e.g. `CreateDatasetGroup`), the Events API's from the
   * path (e.g. `PutEvents`), else the method and path (e.g. `GET /_fake/state`).
   */
  readonly operation: string;
  /** The HTTP status of the reply. */
  readonly status: number;
  /** The error's name (e.g. `ResourceNotFoundException`), when the reply is an error. */
  readonly errorName?: string;
  /** Milliseconds from the request's arrival to the end of the reply, real time. */
  readonly ms: number;
}

const EVENTS_OPERATIONS: Readonly<Record<string, string>> = {
  '/events': 'PutEvents',
  '/users': 'PutUsers',
  '/items': 'PutItems',
  '/actions': 'PutActions',
  '/action-interactions': 'PutActionInteractions',
};

function operationOf(req: IncomingMessage): string {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') {
    return target.startsWith(CONTROL_PLANE_TARGET_PREFIX) ? target.slice(CONTROL_PLANE_TARGET_PREFIX.length) : target;
  }
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  return EVENTS_OPERATIONS[path] ?? `${req.method ?? 'GET'} ${path}`;
}

/** The log entry of a request whose reply has been sent. */
export function requestLogEntry(req: IncomingMessage, res: ServerResponse, ms: number): RequestLogEntry {
  const errorName = errorNameOf(res);
  return {
    operation: operationOf(req),
    status: res.statusCode,
    ...(errorName !== undefined && { errorName }),
    ms: Math.round(ms * 10) / 10,
  };
}
