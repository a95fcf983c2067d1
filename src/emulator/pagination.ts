import type { Route } from '../gcp/routes.js';

/** Page tokens are opaque to clients; here they carry the offset of the next item. */
function encodeToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function decodeToken(token: string | null): number {
  if (!token) return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString());
  if (!match) throw new Error('invalid page token');
  return Number(match[1]);
}

/**
 * How many items one page holds, as Google's API pages: the size the caller asks for, up to the API's maximum, or
 * the API's default when it asks for none (its reference states both); `cap` (--page-size) makes every page
 * smaller still. An API whose reference states no default answers whole lists.
 */
function pageSizeOf(route: Route, query: URLSearchParams, cap: number | undefined, all: number): number {
  const requested = Number(query.get(route.pageSizeParam ?? 'maxResults') ?? '');
  const natural =
    requested > 0 ? Math.min(requested, route.pageSizes?.max ?? requested) : (route.pageSizes?.default ?? all);
  return Math.max(1, cap !== undefined ? Math.min(natural, cap) : natural);
}

/** The body of one page of a list, in the API's own envelope. */
export function listPage(
  route: Route,
  items: unknown[],
  query: URLSearchParams,
  pageSizeCap: number | undefined,
): Record<string, unknown> {
  const field = route.itemsField!;
  if (!route.pageSizeParam) return items.length > 0 ? { [field]: items } : {};
  const offset = decodeToken(query.get('pageToken'));
  const size = pageSizeOf(route, query, pageSizeCap, items.length);
  const page = items.slice(offset, offset + Math.max(size, 1));
  const next = offset + page.length;
  return {
    ...(page.length > 0 ? { [field]: page } : {}),
    ...(next < items.length ? { nextPageToken: encodeToken(next) } : {}),
  };
}

interface ScopedList {
  [field: string]: unknown;
  warning?: unknown;
}

/** A compute aggregated list pages over the resources of every scope; empty scopes carry their warning. */
export function aggregatedPage(
  route: Route,
  scopes: Record<string, ScopedList>,
  query: URLSearchParams,
  pageSizeCap: number | undefined,
): Record<string, unknown> {
  const inner = route.scopedItemsField!;
  const flat: { scope: string; item: unknown }[] = [];
  for (const [scope, list] of Object.entries(scopes)) {
    for (const item of (list[inner] as unknown[] | undefined) ?? []) flat.push({ scope, item });
  }
  const offset = decodeToken(query.get('pageToken'));
  const size = pageSizeOf(route, query, pageSizeCap, Math.max(flat.length, 1));
  const page = flat.slice(offset, offset + Math.max(size, 1));
  const items: Record<string, ScopedList> = {};
  if (offset === 0) {
    for (const [scope, list] of Object.entries(scopes))
      if (!(list[inner] as unknown[] | undefined)?.length) items[scope] = { ...list };
  }
  for (const { scope, item } of page) {
    const list = (items[scope] ??= { [inner]: [] });
    (list[inner] as unknown[]).push(item);
  }
  const next = offset + page.length;
  return { items, ...(next < flat.length ? { nextPageToken: encodeToken(next) } : {}) };
}
