/**
 * Checks of the file as a whole, made once every record is read: size per mode, the interaction minimum, and the
 * events and users that domain use cases and training need.
 * @module
 */
import {
  MAX_FULL_IMPORT_BYTES,
  MAX_INCREMENTAL_IMPORT_BYTES,
  MIN_EVENTS_PER_USE_CASE,
  MIN_USERS_FOR_TRAINING,
} from '../limits.js';
import { USE_CASE_EVENT_NEEDS } from './domain-rules.js';
import type { CsvValidationReport, IssueCollector } from './report.js';
import type { ResolvedValidateCsvOptions } from './validate-options.js';

type Totals = Pick<CsvValidationReport, 'rows' | 'bytes' | 'eventTypes' | 'trainingUsers'>;

const GIB = 1024 ** 3;

function checkSize(totals: Totals, options: ResolvedValidateCsvOptions, issues: IssueCollector): void {
  if (options.mode === undefined) return;
  const limit = options.mode === 'INCREMENTAL' ? MAX_INCREMENTAL_IMPORT_BYTES : MAX_FULL_IMPORT_BYTES;
  if (totals.bytes <= limit) return;
  issues.add('FILE_TOO_LARGE', 0, undefined, () => {
    const size = (totals.bytes / GIB).toFixed(2);
    return (
      `The file is ${size} GiB; a ${options.mode} import takes at most ${limit / GIB} GiB per job: split it and ` +
      'import the parts in separate jobs (or ask AWS to raise the INCREMENTAL quota)'
    );
  });
}

function checkUseCases(totals: Totals, options: ResolvedValidateCsvOptions, issues: IssueCollector): void {
  if (options.domain === undefined || totals.eventTypes === undefined) return;
  const counts = totals.eventTypes;
  for (const need of USE_CASE_EVENT_NEEDS[options.domain]) {
    const exact = counts[need.eventType] ?? 0;
    if (exact >= MIN_EVENTS_PER_USE_CASE) continue;
    const lower = need.eventType.toLowerCase();
    const otherCase = Object.entries(counts)
      .filter(([name]) => name !== need.eventType && name.toLowerCase() === lower)
      .reduce((sum, [, count]) => sum + count, 0);
    issues.add('USE_CASE_EVENTS_SHORT', 0, 'EVENT_TYPE', () => {
      const hint =
        otherCase > 0
          ? ` (${otherCase} more differ only in case, e.g. "${lower}": the service may treat event types case-sensitively)`
          : '';
      return (
        `${exact} "${need.eventType}" events${hint}; ${need.useCases.join(' and ')} need ${MIN_EVENTS_PER_USE_CASE} ` +
        'and cannot train until the dataset has them (the service says "Dataset has fewer than 1000 interactions ' +
        'after filtering by event type")'
      );
    });
  }
}

/** Adds the file-level issues (line 0) once the whole file is read. */
export function checkFile(totals: Totals, options: ResolvedValidateCsvOptions, issues: IssueCollector): void {
  checkSize(totals, options, issues);
  if (options.datasetType !== 'Interactions') return;
  if (totals.rows < options.minInteractions) {
    issues.add('TOO_FEW_INTERACTIONS', 0, undefined, () => {
      return `The file has ${totals.rows} interaction records; an Interactions import needs at least ${options.minInteractions}: add records before importing`;
    });
  }
  checkUseCases(totals, options, issues);
  const users = totals.trainingUsers;
  if (users?.exact && users.count < MIN_USERS_FOR_TRAINING) {
    issues.add('TRAINING_USERS_SHORT', 0, 'USER_ID', () => {
      return `Only ${users.count} users have 2 or more interactions; training a solution needs ${MIN_USERS_FOR_TRAINING}`;
    });
  }
}
