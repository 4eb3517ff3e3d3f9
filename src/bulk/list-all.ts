/**
 * Paging through the service's lists.
 * @module
 */

import { MAX_LIST_PAGE_SIZE } from '../limits.js';
import type { ImportJobSummary, Page } from '../transport/transport.js';
import { throwIfAborted } from '../util/clock.js';
import { type CallContext, retryCall } from './retry-call.js';

/** Yields every item of every page that `fetchPage` returns, following `nextToken`. */
export async function* allPages<T>(
  fetchPage: (nextToken: string | undefined) => Promise<Page<T>>,
  signal?: AbortSignal,
): AsyncGenerator<T> {
  let nextToken: string | undefined;
  do {
    throwIfAborted(signal);
    const page = await fetchPage(nextToken);
    yield* page.items;
    nextToken = page.nextToken;
  } while (nextToken !== undefined && nextToken !== '');
}

/** Every import job of a dataset (or of the account, without `datasetArn`), page after page, each page retried. */
export function importJobsOf(
  context: CallContext,
  datasetArn: string | undefined,
  signal?: AbortSignal,
): AsyncGenerator<ImportJobSummary> {
  return allPages((nextToken) => {
    const input = {
      ...(datasetArn === undefined ? {} : { datasetArn }),
      ...(nextToken === undefined ? {} : { nextToken }),
      maxResults: MAX_LIST_PAGE_SIZE,
    };
    return retryCall(context, signal, (call) => context.transport.listDatasetImportJobs(input, call));
  }, signal);
}

/** Collects an async iterable into an array. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
