/**
 * Scripted faults of `MemoryTransport` (like undici's MockAgent interceptors): throttle or fail the next calls,
 * reject records as the service would, and the request-rate quota.
 * @module
 */
import type { ThrottledError, TransportError } from '../../errors.js';
import { expectInteger } from '../../util/expect.js';
import type {
  DataPlaneCall,
  PutActionInteractionsInput,
  PutActionsInput,
  PutEventsInput,
  PutItemsInput,
  PutUsersInput,
  WireAction,
  WireActionInteraction,
  WireEvent,
  WireItem,
  WireUser,
} from '../transport.js';
import type { TransportCallName } from './call-history.js';
import { internalFailure, throttlingError } from './service-conditions.js';

/** Removes the scripted rule it was returned for; calling it twice is harmless. */
export type RemoveScript = () => void;

/** Makes the error a failed call rejects with. */
export type ErrorFactory = (call: TransportCallName) => TransportError;

/** Which calls a scripted fault applies to. */
export interface ScriptScope {
  /** Only calls of this method; every method when absent. */
  call?: TransportCallName;
}

/** What `failNext(count, options)` fails: which calls (`call`), and with which error. */
export interface FailNextOptions extends ScriptScope {
  /**
   * The error each failed call rejects with, or a function that makes one per call (it gets the method's name).
   * @default a `TransientError` like the service's `InternalFailure` (status 500)
   */
  error?: TransportError | ((call: TransportCallName) => TransportError);
}

/** A record of any data-plane call, in its wire form. */
export type WireRecord = WireEvent | WireUser | WireItem | WireAction | WireActionInteraction;

/** The input of any data-plane call. */
export type DataPlaneInput =
  | PutEventsInput
  | PutUsersInput
  | PutItemsInput
  | PutActionsInput
  | PutActionInteractionsInput;

/**
 * Decides whether the service would reject `record` (an event, user, item, action or action interaction in its wire
 * form) of a data-plane `call`: answers the service's message to reject the whole call with, or `undefined` to
 * accept it. `input` is the whole call's input.
 */
export type RecordRejecter = (
  record: WireEvent | WireUser | WireItem | WireAction | WireActionInteraction,
  call: DataPlaneCall,
  input: PutEventsInput | PutUsersInput | PutItemsInput | PutActionsInput | PutActionInteractionsInput,
) => string | undefined;

/** The throttling error the fake answers with (the name AWS's common errors use). */
export function throttledError(call: string): ThrottledError {
  return throttlingError(`Rate exceeded for ${call}`);
}

interface FaultRule {
  remaining: number;
  readonly call: TransportCallName | undefined;
  readonly make: ErrorFactory;
}

/** Throws `InvalidOptionsError` unless `count` is an integer >= 1. */
export function expectCount(count: number): void {
  expectInteger('count', count, 1, Number.POSITIVE_INFINITY);
}

/** The scripted faults of one transport. */
export class ScriptedFaults {
  #rules: FaultRule[] = [];
  #rejecters: RecordRejecter[] = [];

  /** Throttles the next `count` calls (of `scope.call` only, when given). */
  throttleNext(count: number, scope: ScriptScope = {}): RemoveScript {
    return this.#addRule(count, scope.call, throttledError);
  }

  /** Fails the next `count` calls (of `options.call` only, when given) with `options.error`. */
  failNext(count: number, options: FailNextOptions = {}): RemoveScript {
    const { error } = options;
    const make: ErrorFactory =
      error === undefined ? () => internalFailure() : typeof error === 'function' ? error : () => error;
    return this.#addRule(count, options.call, make);
  }

  /** Rejects every call that holds a record `rejecter` answers a message for. */
  rejectRecords(rejecter: RecordRejecter): RemoveScript {
    this.#rejecters.push(rejecter);
    return () => {
      this.#rejecters = this.#rejecters.filter((other) => other !== rejecter);
    };
  }

  /** Consumes the first rule that applies to `call` and answers its error. */
  takeFault(call: TransportCallName): TransportError | undefined {
    const rule = this.#rules.find((candidate) => candidate.call === undefined || candidate.call === call);
    if (rule === undefined) return undefined;
    rule.remaining -= 1;
    if (rule.remaining === 0) this.#rules = this.#rules.filter((other) => other !== rule);
    return rule.make(call);
  }

  /** The message of the first record a rejecter refuses, or `undefined`. */
  rejection(call: DataPlaneCall, input: DataPlaneInput, records: readonly WireRecord[]): string | undefined {
    for (const record of records) {
      for (const rejecter of this.#rejecters) {
        const message = rejecter(record, call, input);
        if (message !== undefined) return message;
      }
    }
    return undefined;
  }

  /** Removes every scripted rule. */
  clear(): void {
    this.#rules = [];
    this.#rejecters = [];
  }

  #addRule(count: number, call: TransportCallName | undefined, make: ErrorFactory): RemoveScript {
    expectCount(count);
    const rule: FaultRule = { remaining: count, call, make };
    this.#rules.push(rule);
    return () => {
      this.#rules = this.#rules.filter((other) => other !== rule);
    };
  }
}
