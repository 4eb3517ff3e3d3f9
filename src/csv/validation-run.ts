/**
 * One validation in progress: owns the tokenizer, reads the header, checks each record, and gathers what the
 * file-level checks need. Memory stays bounded: nothing here grows with the number of records.
 * @module
 */
import type { DatasetSchema } from './avro-schema.js';
import {
  type CsvRecord,
  CsvTokenizer,
  FIELD_ESCAPED,
  FIELD_MALFORMED,
  FIELD_QUOTED,
  FIELD_UNCLOSED,
  fieldText,
} from './csv-reader.js';
import { checkDomainSchema } from './domain-rules.js';
import { checkFile } from './file-checks.js';
import { type ColumnSpec, checkHeader } from './header-checks.js';
import { EventTypeCounter, TrainingUserCounter } from './interaction-stats.js';
import { PlainRowReader, type PlainRowTarget, plainRowsPossible } from './plain-rows.js';
import { type CsvValidationReport, IssueCollector } from './report.js';
import { checkRow } from './row-checks.js';
import type { ResolvedValidateCsvOptions } from './validate-options.js';
import type { CsvIssueCode } from './validation-codes.js';

/** Thrown from a record's callback when validation cannot go on (the issue is already reported). */
export class ValidationStopped extends Error {
  constructor() {
    super('Validation stopped');
    this.name = 'ValidationStopped';
  }
}

/**
 * What a reader other than `validateCsv` may ask of a run (`MemoryTransport`'s import jobs read the rows they check):
 * none of it is public.
 */
export interface ValidationHooks {
  /** Called with each data record whose field count matches the header, after its checks; valid during the call. */
  readonly onRow?: (record: CsvRecord, columns: readonly ColumnSpec[]) => void;
  /** Stop reading at the first error: the report then lists that one error (and the file-level checks). */
  readonly stopAtFirstError?: boolean;
  /** Issue codes not reported at all. */
  readonly ignore?: ReadonlySet<CsvIssueCode>;
}

/** Feeds chunks in with `push`, then `end`, then `finish` builds the report. */
export class ValidationRun implements PlainRowTarget {
  readonly tokenizer: CsvTokenizer;
  private readonly issues: IssueCollector;
  private columns: ColumnSpec[] | undefined;
  /** The header broke a bound: nothing after it was read. */
  private headerRefused = false;
  /** Data rows read so far (the fast path counts the rows it takes). */
  rows = 0;
  /** The last line read. */
  lines = 0;
  private eventTypeIndex = -1;
  private userIdIndex = -1;
  private readonly eventTypes: EventTypeCounter | undefined;
  private readonly users: TrainingUserCounter | undefined;

  constructor(
    private readonly schema: DatasetSchema,
    private readonly options: ResolvedValidateCsvOptions,
    private readonly hooks: ValidationHooks = {},
  ) {
    this.issues = new IssueCollector(options.maxIssues, hooks.ignore);
    this.tokenizer = new CsvTokenizer((record) => this.onRecord(record), options.maxRecordBytes, {
      maxHeaderBytes: options.maxHeaderBytes,
      // One more than a header may have, so that a header over the bound is seen as such.
      maxFields: options.maxHeaderFields + 1,
    });
    if (options.datasetType === 'Interactions') {
      this.eventTypes = new EventTypeCounter();
      this.users = new TrainingUserCounter(options.maxTrackedUsers);
    }
    if (options.domain !== undefined) checkDomainSchema(schema, options.domain, options.datasetType, this.issues);
  }

  /**
   * Validation stopped at a record larger than `maxRecordBytes` (or a header over `maxHeaderBytes`); `quoteOpen`
   * when it spans lines (a quote).
   */
  stopTooLarge(line: number, quoteOpen: boolean, header: boolean): void {
    const max = this.options.maxRecordBytes;
    if (header) {
      this.refuseHeader(`is over ${this.options.maxHeaderBytes} bytes (\`maxHeaderBytes\`)`);
      return;
    }
    if (quoteOpen) {
      this.issues.add('UNCLOSED_QUOTE', line, undefined, () => {
        return (
          `The quote opened on line ${line} is not closed within ${max} bytes (\`maxRecordBytes\`); validation ` +
          `stopped there: the lines from ${line} on were not checked. Close the quote (inside quotes, write \\" for a quote)`
        );
      });
      return;
    }
    this.issues.add('RECORD_TOO_LARGE', line, undefined, () => {
      return (
        `The record starting on line ${line} is over ${this.options.maxRecordBytes} bytes, most likely an unclosed ` +
        'quote; validation stopped there: close the quote (inside quotes, write \\" for a quote)'
      );
    });
  }

  private onRecord(record: CsvRecord): void {
    this.readRecord(record);
    if (this.hooks.stopAtFirstError && this.issues.errorCount > 0) throw new ValidationStopped();
  }

  private readRecord(record: CsvRecord): void {
    this.lines = record.line + record.lineCount - 1;
    if (!record.utf8) {
      this.issues.add('INVALID_UTF8', record.line, undefined, () => {
        return `Line ${record.line} is not valid UTF-8: save the file as UTF-8`;
      });
    }
    if (this.columns === undefined) {
      this.readHeader(record);
      return;
    }
    const blank =
      record.fieldCount === 1 && record.starts[0] === record.ends[0] && !((record.flags[0] ?? 0) & FIELD_QUOTED);
    if (blank) {
      this.issues.add('BLANK_LINE', record.line, undefined, () => `Line ${record.line} is empty: remove it`);
      return;
    }
    this.rows++;
    if (!record.utf8) return;
    if (this.unclosedQuote(record)) return;
    if (record.fieldCount !== this.columns.length) {
      const expected = this.columns.length;
      this.issues.add('WRONG_FIELD_COUNT', record.line, undefined, () => {
        return (
          `Line ${record.line} has ${record.fieldCount} fields; the header has ${expected}: quote values that hold ` +
          'a comma ("a,b") and give every column a value (empty for null)'
        );
      });
      return;
    }
    checkRow(record, this.columns, this.issues);
    this.observe(record);
    this.hooks.onRow?.(record, this.columns);
  }

  /**
   * Reports an unclosed quote: a quote never closed, or a record over several lines whose "closing" quote is a
   * later row's opening one (its field count is then wrong, or text follows the quote). The quote opened on the
   * record's first line: only a quoted field spans lines, and the first such field is where the record's lines
   * begin to run together.
   */
  private unclosedQuote(record: CsvRecord): boolean {
    let unclosed = false;
    let malformed = false;
    const stored = Math.min(record.fieldCount, this.options.maxHeaderFields + 1);
    for (let i = 0; i < stored; i++) {
      const flags = record.flags[i] ?? 0;
      if (flags & FIELD_UNCLOSED) unclosed = true;
      if (flags & FIELD_MALFORMED) malformed = true;
    }
    const spans = record.lineCount > 1;
    const wrongCount = record.fieldCount !== (this.columns?.length ?? 0);
    if (!unclosed && !(spans && (wrongCount || malformed))) return false;
    const first = record.line;
    const last = record.line + record.lineCount - 1;
    this.issues.add('UNCLOSED_QUOTE', first, undefined, () => {
      const swallowed = spans ? `lines ${first}–${last} (${record.lineCount} lines)` : `line ${first}`;
      const end = unclosed ? 'runs to the end of the file' : 'is closed only by a quote of a later line';
      return (
        `The quote opened on line ${first} ${end}: ${swallowed} were read as one record and not checked. ` +
        'Close the quote (inside quotes, write \\" for a quote)'
      );
    });
    return true;
  }

  private refuseHeader(what: string): void {
    this.headerRefused = true;
    this.issues.add('HEADER_TOO_LARGE', 1, undefined, () => {
      return (
        `The header row ${what}; validation stopped there and read no row. A header names the schema's fields, ` +
        'one per column: is this the right file, and is it CSV?'
      );
    });
  }

  private readHeader(record: CsvRecord): void {
    if (record.fieldCount > this.options.maxHeaderFields) {
      this.refuseHeader(`has ${record.fieldCount} fields, over ${this.options.maxHeaderFields} (\`maxHeaderFields\`)`);
      throw new ValidationStopped();
    }
    const columns = checkHeader(record, this.schema, this.issues);
    this.columns = columns;
    this.eventTypeIndex = columns.findIndex((column) => column.name === 'EVENT_TYPE');
    this.userIdIndex = columns.findIndex((column) => column.name === 'USER_ID');
    // A reader that sees every row (onRow) gets every record from the full path.
    if (this.hooks.onRow === undefined && plainRowsPossible(columns)) {
      this.tokenizer.plainLines = new PlainRowReader(columns, this, this.eventTypes, this.eventTypeIndex);
    }
  }

  /** True while user ids are being counted: every row then takes the full path, which reads its user id. */
  get countingUsers(): boolean {
    return this.users !== undefined && !this.users.done && this.userIdIndex >= 0;
  }

  private observe(record: CsvRecord): void {
    const e = this.eventTypeIndex;
    if (this.eventTypes !== undefined && e >= 0) {
      const start = record.starts[e] ?? 0;
      const end = record.ends[e] ?? 0;
      const escaped = ((record.flags[e] ?? 0) & FIELD_ESCAPED) !== 0;
      if (start < end) this.eventTypes.add(record.buf, start, end, escaped ? fieldText(record, e) : undefined);
    }
    const u = this.userIdIndex;
    if (this.users !== undefined && !this.users.done && u >= 0) this.users.add(fieldText(record, u));
  }

  /** Builds the report once the input is read (`bytes` in all). */
  finish(bytes: number): CsvValidationReport {
    const issues = this.issues;
    if (this.tokenizer.byteOrderMark) {
      issues.add('BYTE_ORDER_MARK', 1, undefined, () => {
        return 'The file starts with a UTF-8 byte order mark, which the service may read as part of the first column name: save it as UTF-8 without BOM';
      });
    }
    if (this.columns === undefined && !this.headerRefused) {
      issues.add('EMPTY_FILE', 0, undefined, () => 'The file is empty: its first line must be the header row');
    }
    const report: CsvValidationReport = {
      valid: false,
      rows: this.rows,
      lines: this.lines,
      bytes,
      columns: (this.columns ?? []).map((column) => column.name),
      errors: issues.errors,
      warnings: issues.warnings,
      errorCount: 0,
      warningCount: 0,
      truncated: false,
    };
    if (this.eventTypes !== undefined) report.eventTypes = this.eventTypes.counts();
    if (this.users !== undefined) report.trainingUsers = this.users.result();
    if (this.columns !== undefined) checkFile(report, this.options, issues);
    report.errorCount = issues.errorCount;
    report.warningCount = issues.warningCount;
    report.truncated = issues.truncated;
    report.valid = issues.errorCount === 0;
    return report;
  }
}
