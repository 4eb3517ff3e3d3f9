/**
 * The error a record that breaks a rule of the service is refused with, before any call.
 * @module
 */
import { PersonalizeImportError } from '../errors.js';
import { showValue } from '../util/cut-value.js';
import type { RecordKind } from './kinds.js';

/** Details of a record that failed local validation. */
export interface RecordValidationIssue {
  /** Path of the field within the record, e.g. `properties` or `impression[3]`. */
  field: string;
  /** What rule it broke, e.g. `max length 256`. */
  rule: string;
  /** The size of the value that broke it (characters, bytes or items, as the rule says), when a size applies. */
  actual?: number;
  /** A sentence a person can act on. */
  message: string;
}

/** A record broke a rule of the service; it was refused before any call. */
export class RecordValidationError extends PersonalizeImportError {
  /**
   * Always `'RECORD_VALIDATION'`: the stable value to switch on. A `RecordWriter` `put*` call rejects with it, before
   * any service call, when the record breaks a rule of the Personalize Events API (a length, a required field, a
   * forbidden `properties` key); the record is not buffered. Sending it again unchanged fails the same way.
   */
  override readonly code = 'RECORD_VALIDATION' as const;
  /** The kind of the refused record: `'event'` for `putEvent`, `'user'` for `putUser`, and so on. */
  readonly kind: RecordKind;
  /** The record exactly as it was given (not a copy), so that a caller can log it or send it again once fixed. */
  readonly record: unknown;
  /** The record's id when it has one (`eventId`, `userId`, `itemId`, `actionId`), for the message. */
  readonly recordId: string | undefined;
  /** Every rule it broke; the first is the message's. */
  readonly issues: readonly RecordValidationIssue[];
  /** `issues[0].field`: the path of the first field at fault, e.g. `properties` or `impression[3]`. */
  readonly field: string;
  /** `issues[0].rule`: the first rule broken, e.g. `max length 256` or `required`. */
  readonly rule: string;

  constructor(kind: RecordKind, record: unknown, recordId: string | undefined, issues: RecordValidationIssue[]) {
    const first = issues[0] ?? { field: '(record)', rule: 'valid record', message: 'is not a valid record' };
    const who = recordId === undefined ? kind : `${kind} ${showValue(recordId)}`;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more issue${issues.length > 2 ? 's' : ''})` : '';
    super(`Invalid ${who}: \`${first.field}\` ${first.message}${more}`);
    this.name = 'RecordValidationError';
    this.kind = kind;
    this.record = record;
    this.recordId = recordId;
    this.issues = issues;
    this.field = first.field;
    this.rule = first.rule;
  }
}
