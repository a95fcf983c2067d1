import { monotonicMs } from '../util/clock.js';
import { pacePage } from './quota.js';
import { DEFAULT_RETRY, type RetryPolicy } from './retry.js';

/** More pages than any real list of one project holds: past this, the API is not ending its list. */
export const MAX_PAGES = 10_000;

/**
 * The longest one list may take, quota waits included: an answer that pages forever with a new token each time
 * ends as an incomplete list within this, however slowly a rate quota lets its pages come (README, "Reliability").
 */
export const LIST_DEADLINE_MS = 120_000;

/**
 * Retries for a list read a page at a time as one attempt (the organization's lists): each page has its own request
 * deadline and the list its own (LIST_DEADLINE_MS), so the attempt is not cut at one request's 30 s. Cut there, a
 * long list under load was abandoned and started again and again, each attempt paging on.
 */
export const PAGED_LIST_RETRY: RetryPolicy = { ...DEFAULT_RETRY, attemptTimeoutMs: LIST_DEADLINE_MS + 30_000 };

/**
 * Follows nextPageToken until the last page; `page` makes one request with the given token. A token seen twice, or
 * more than MAX_PAGES pages, means the list would never end: that is an error, not a very long wait.
 */
export async function allPages<T>(
  page: (
    pageToken: string | undefined,
  ) => Promise<{ items: readonly T[] | null | undefined; next: string | null | undefined }>,
  deadlineMs = LIST_DEADLINE_MS,
): Promise<T[]> {
  const items: T[] = [];
  await eachPage(page, (pageItems) => void items.push(...pageItems), deadlineMs);
  return items;
}

/**
 * Follows nextPageToken as allPages does, handing each page's items to `onItems` as it comes instead of keeping
 * them: a list of a whole organization is then never held at once.
 */
export async function eachPage<T>(
  page: (
    pageToken: string | undefined,
  ) => Promise<{ items: readonly T[] | null | undefined; next: string | null | undefined }>,
  onItems: (items: readonly T[]) => void | Promise<void>,
  deadlineMs = LIST_DEADLINE_MS,
): Promise<void> {
  const seen = new Set<string>();
  const started = monotonicMs();
  let token: string | undefined;
  do {
    if (token !== undefined && monotonicMs() - started > deadlineMs)
      throw new EndlessList(
        `the list did not end within ${deadlineMs >= 1000 ? `${Math.round(deadlineMs / 1000)} s` : `${deadlineMs} ms`} (${seen.size + 1} pages, each with a new token): incomplete`,
      );
    // A further page is a further request against the same rate quota.
    if (token !== undefined) await pacePage();
    const result = await page(token);
    await onItems(result.items ?? []);
    token = result.next || undefined;
    if (token !== undefined) {
      if (seen.has(token))
        throw new EndlessList(
          `the API returned page token ${JSON.stringify(token.slice(0, 40))} twice: its list does not end`,
        );
      if (seen.size + 1 >= MAX_PAGES)
        throw new EndlessList(`the API returned more than ${MAX_PAGES} pages: its list does not end`);
      seen.add(token);
    }
  } while (token);
}

/** A list whose pages never end (a repeated token, or far more pages than any project has). */
export class EndlessList extends Error {}

/**
 * Every item of a gax list method called one page at a time (autoPaginate off): such a call answers
 * [items, nextRequest, rawResponse], and the raw response carries nextPageToken.
 */
export function gaxPages<T>(
  call: (
    pageToken: string | undefined,
  ) => Promise<
    readonly [readonly T[] | null | undefined, unknown, { nextPageToken?: string | null } | null | undefined]
  >,
): Promise<T[]> {
  return allPages(async (pageToken) => {
    const [items, , response] = await call(pageToken);
    return { items, next: response?.nextPageToken };
  });
}
