/**
 * Pagination of the fake's list calls: opaque `nextToken`s that the fake refuses when they were not its own.
 * @module
 */
import { InvalidInputError } from '../../errors.js';
import { MAX_LIST_PAGE_SIZE } from '../../limits.js';
import type { Page } from '../transport.js';

const TOKEN_PREFIX = 'memory-page:';

/** One page of `items`, from the offset `nextToken` names; `maxResults` 1..100 (the service's default is 100). */
export function paginate<T>(
  items: readonly T[],
  nextToken: string | undefined,
  maxResults = MAX_LIST_PAGE_SIZE,
): Page<T> {
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > MAX_LIST_PAGE_SIZE) {
    throw new InvalidInputError(
      `1 validation error detected: Value '${maxResults}' at 'maxResults' failed to satisfy constraint: ` +
        `Member must have value between 1 and ${MAX_LIST_PAGE_SIZE}`,
      { serviceErrorName: 'InvalidInputException' },
    );
  }
  const start = nextToken === undefined ? 0 : decode(nextToken);
  const end = start + maxResults;
  const page: Page<T> = { items: items.slice(start, end) };
  if (end < items.length) page.nextToken = Buffer.from(`${TOKEN_PREFIX}${end}`).toString('base64url');
  return page;
}

function decode(token: string): number {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const offset = Number(text.slice(TOKEN_PREFIX.length));
  if (!text.startsWith(TOKEN_PREFIX) || !Number.isInteger(offset) || offset < 0) {
    throw new InvalidInputError(`Invalid next token: ${token}`, { serviceErrorName: 'InvalidNextTokenException' });
  }
  return offset;
}
