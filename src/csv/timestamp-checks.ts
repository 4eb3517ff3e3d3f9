/**
 * TIMESTAMP and CREATION_TIMESTAMP are epoch seconds; a millisecond value is the classic mistake
 * (https://docs.aws.amazon.com/personalize/latest/dg/data-prep-formatting.html#timestamp-data).
 * @module
 */
import { MAX_PLAUSIBLE_TIMESTAMP_SECONDS, MIN_MILLISECOND_TIMESTAMP } from '../limits.js';
import type { IssueCollector } from './report.js';

function isoDate(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? 'out of range' : date.toISOString().slice(0, 10);
}

/** Flags a timestamp that is not plausible epoch seconds. */
export function checkTimestamp(value: number, line: number, column: string, issues: IssueCollector): void {
  if (value >= MIN_MILLISECOND_TIMESTAMP) {
    issues.add('TIMESTAMP_IN_MILLISECONDS', line, column, () => {
      const scale = value >= MIN_MILLISECOND_TIMESTAMP * 1000 ? 1_000_000 : 1000;
      const unit = scale === 1000 ? 'milliseconds' : 'microseconds';
      const seconds = Math.floor(value / scale);
      return `${column} ${value} looks like ${unit}; the service reads epoch seconds: use ${seconds} (${isoDate(seconds)})`;
    });
  } else if (value < 0) {
    issues.add('TIMESTAMP_NEGATIVE', line, column, () => {
      return `${column} ${value} is before 1970; the service reads epoch seconds (e.g. 1700000000 is 2023-11-14)`;
    });
  } else if (value > MAX_PLAUSIBLE_TIMESTAMP_SECONDS) {
    issues.add('TIMESTAMP_IMPLAUSIBLE', line, column, () => {
      return `${column} ${value} is ${isoDate(value)}, after the year 2100: check that it is in epoch seconds`;
    });
  }
}
