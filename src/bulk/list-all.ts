/**
 * Paging through the service's lists.
 * @module
 */

import { MAX_LIST_PAGE_SIZE } from '../limits.js';
import type { ImportJobSummary, Page, Transport } from '../transport/transport.js';
import { throwIfAborted } from '../util/clock.js';

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

/** Every import job of a dataset (or of the account, without `datasetArn`), page after page. */
export function importJobsOf(
  transport: Transport,
  datasetArn: string | undefined,
  signal?: AbortSignal,
): AsyncGenerator<ImportJobSummary> {
  const call = signal === undefined ? {} : { signal };
  return allPages(
    (nextToken) =>
      transport.listDatasetImportJobs(
        {
          ...(datasetArn === undefined ? {} : { datasetArn }),
          ...(nextToken === undefined ? {} : { nextToken }),
          maxResults: MAX_LIST_PAGE_SIZE,
        },
        call,
      ),
    signal,
  );
}

/** Collects an async iterable into an array. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
