import type { Route } from './routes.js';

/**
 * An answer that is not of the shape its route promises (a 200 whose body is null, a list whose items are not
 * objects): the collection is an `invalid` error naming where, never data a check would read as "nothing there".
 */
export class MalformedResponse extends Error {}

const describe = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Throws MalformedResponse when `value` cannot be what `route` answers; `key` names the request in the message. */
export function assertResponseShape(route: Route, key: string, value: unknown): void {
  const fail = (where: string, what: string) => {
    throw new MalformedResponse(`${key}${where}: ${what}`);
  };
  switch (route.kind) {
    case 'list': {
      if (!Array.isArray(value)) return fail('', `a list, got ${describe(value)}`);
      value.forEach((item, i) => isObject(item) || fail(`[${i}]`, `an object, got ${describe(item)}`));
      return;
    }
    case 'aggregatedList': {
      if (!isObject(value)) return fail('', `a map of scopes, got ${describe(value)}`);
      for (const [scope, scoped] of Object.entries(value)) {
        if (!isObject(scoped)) fail(`.${scope}`, `an object, got ${describe(scoped)}`);
        for (const [field, items] of Object.entries(scoped as Record<string, unknown>)) {
          if (field === 'warning') continue;
          if (!Array.isArray(items)) fail(`.${scope}.${field}`, `a list, got ${describe(items)}`);
          (items as unknown[]).forEach(
            (item, i) => isObject(item) || fail(`.${scope}.${field}[${i}]`, `an object, got ${describe(item)}`),
          );
        }
      }
      return;
    }
    case 'testPermissions':
      if (!Array.isArray(value) || value.some((p) => typeof p !== 'string')) fail('', 'a list of permission names');
      return;
    default:
      if (!isObject(value)) fail('', `an object, got ${describe(value)}`);
  }
}

/**
 * One page of a REST list read without a client library's decoding: it must be an object whose `field` is absent
 * (an empty page) or a list, and whose `nextPageToken` is absent or a string. A null or non-JSON page is never an
 * empty list.
 */
export function readListPage(
  key: string,
  body: unknown,
  field: string,
): { items: unknown[] | undefined; next: string | undefined } {
  if (!isObject(body)) throw new MalformedResponse(`${key}: a page of ${field}, got ${describe(body)}`);
  const items = body[field];
  if (items !== undefined && !Array.isArray(items))
    throw new MalformedResponse(`${key}.${field}: a list, got ${describe(items)}`);
  const next = body.nextPageToken;
  if (next !== undefined && typeof next !== 'string')
    throw new MalformedResponse(`${key}.nextPageToken: a string, got ${describe(next)}`);
  return { items, next };
}
