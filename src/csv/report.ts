/**
 * The validation report and the collector that builds it: it lists at most `maxIssues` errors and `maxIssues`
 * warnings and counts the rest, without building their messages (a file with an error on every line stays fast).
 * @module
 */
import { type CsvIssueCode, severityOf } from './validation-codes.js';

/** One problem found in the file. */
export interface CsvIssue {
  /** 1-based line (the header is line 1); 0 for a problem of the whole file or of the schema. */
  line: number;
  /** The column (schema field) concerned, when there is one. */
  column?: string;
  /** Stable code, see `CSV_ISSUE_CODES` and `docs/validation.md`. */
  code: CsvIssueCode;
  /** What is wrong and how to fix it. */
  message: string;
}

/** How many users of the file have 2 or more interactions (training needs 25). */
export interface TrainingUsersCount {
  /** Users found with 2 or more interactions; counting stops at the 25 training needs. */
  count: number;
  /**
   * False when the file had more distinct users than `maxTrackedUsers` before 25 qualified: `count` is then a lower
   * bound and no warning is given.
   */
  exact: boolean;
}

/** What `validateCsv` found. */
export interface CsvValidationReport {
  /** True when there is no error (warnings allowed). */
  valid: boolean;
  /** Data records read (the header and blank lines excluded). */
  rows: number;
  /** Lines read, the header included. */
  lines: number;
  /** Bytes read: the whole file, unless validation stopped at a record or header over its bound. */
  bytes: number;
  /** The header's column names, in file order. */
  columns: string[];
  /** The first `maxIssues` errors, in file order (file-level ones last). */
  errors: CsvIssue[];
  /** The first `maxIssues` warnings, in the same order as `errors`. */
  warnings: CsvIssue[];
  /** How many errors were found, listed in `errors` or only counted. */
  errorCount: number;
  /** How many warnings were found, listed in `warnings` or only counted. */
  warningCount: number;
  /** True when some issues were counted but not listed. */
  truncated: boolean;
  /**
   * Interactions only: records per `EVENT_TYPE` value (the first 1,000 distinct values of at most 256 characters;
   * the rest are summed under the key `"(other)"`).
   */
  eventTypes?: Record<string, number>;
  /** Interactions only: users with 2 or more interactions. */
  trainingUsers?: TrainingUsersCount;
}

const NONE: ReadonlySet<CsvIssueCode> = new Set();

/**
 * Collects issues: lists the first `maxIssues` of each severity and only counts the rest. Codes in `ignored` are
 * dropped (a reader that models a rule differently, e.g. `MemoryTransport`'s import jobs).
 */
export class IssueCollector {
  readonly errors: CsvIssue[] = [];
  readonly warnings: CsvIssue[] = [];
  errorCount = 0;
  warningCount = 0;

  constructor(
    private readonly maxIssues: number,
    private readonly ignored: ReadonlySet<CsvIssueCode> = NONE,
  ) {}

  /** Records an issue; `message` is called only when the issue is listed. */
  add(code: CsvIssueCode, line: number, column: string | undefined, message: () => string): void {
    if (this.ignored.has(code)) return;
    const isError = severityOf(code) === 'error';
    const list = isError ? this.errors : this.warnings;
    if (isError) this.errorCount++;
    else this.warningCount++;
    if (list.length >= this.maxIssues) return;
    const issue: CsvIssue =
      column === undefined ? { line, code, message: message() } : { line, column, code, message: message() };
    list.push(issue);
  }

  /** True once both lists are full: a caller may skip work that only produces issues. */
  get full(): boolean {
    return this.errors.length >= this.maxIssues && this.warnings.length >= this.maxIssues;
  }

  get truncated(): boolean {
    return this.errorCount > this.errors.length || this.warningCount > this.warnings.length;
  }
}
