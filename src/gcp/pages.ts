/** Follows nextPageToken until the last page; `page` makes one request with the given token. */
export async function allPages<T>(page: (pageToken: string | undefined) => Promise<{ items: readonly T[] | null | undefined; next: string | null | undefined }>): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const result = await page(token);
    items.push(...(result.items ?? []));
    token = result.next || undefined;
  } while (token);
  return items;
}
