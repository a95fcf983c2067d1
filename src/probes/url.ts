import type { Route } from '../gcp/routes.js';
import type { ProbeList } from './definition.js';

/** The placeholders a probe URL may hold; each is filled in for the project being audited. */
export const PLACEHOLDERS = ['project', 'projectNumber'] as const;

/** A Google API host: tokens go only there. */
const GOOGLE_API_HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.googleapis\.com$/;

/**
 * Why a probe URL is bad input, or undefined: https only, a `*.googleapis.com` host with no port or user, no
 * placeholder but {project} and {projectNumber}, and no paging parameter of its own (gtp pages).
 */
export function urlProblem(url: string): string | undefined {
  const unknown = [...url.matchAll(/\{([^}]*)\}/g)]
    .map((m) => m[1]!)
    .filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name));
  if (unknown.length > 0)
    return `unknown placeholder {${unknown[0]}}: a probe URL may hold only ${PLACEHOLDERS.map((p) => `{${p}}`).join(' and ')}`;
  let parsed: URL;
  try {
    parsed = new URL(url.replaceAll('{project}', 'p').replaceAll('{projectNumber}', '1'));
  } catch {
    return 'not a URL';
  }
  if (parsed.protocol !== 'https:') return `must be https://, not ${parsed.protocol}//`;
  if (parsed.username || parsed.password) return 'must not carry a user or password';
  if (parsed.port) return 'must not name a port';
  if (!GOOGLE_API_HOST.test(parsed.hostname))
    return `${parsed.hostname} is not a Google API host (*.googleapis.com): gtp sends its credentials only there`;
  if (parsed.hash) return 'must not hold a #fragment';
  if (['pageToken', 'pageSize', 'maxResults'].some((p) => parsed.searchParams.has(p)))
    return 'must not set pageToken, pageSize or maxResults: gtp reads every page';
  return undefined;
}

/**
 * The REST route of a probe's list, so that it is read, recorded, paced and served like every other list: its
 * path and query keep the placeholders, filled from the request's parameters.
 */
export function probeRoute(list: ProbeList): Route {
  const split = /^https:\/\/([^/?#]+)([^?#]*)(\?[^#]*)?$/.exec(list.url);
  if (!split) throw new Error(`${list.url}: not an https URL`);
  const [, host, path, search] = split;
  const query = Object.fromEntries(new URLSearchParams(search ?? '').entries());
  return {
    id: `probe:${list.url}`,
    host: host!,
    path: path || '/',
    ...(Object.keys(query).length > 0 ? { query } : {}),
    kind: 'list',
    permission: list.permission,
    ...(list.items ? { itemsField: list.items } : {}),
    discovery: { file: 'probe', method: list.url, itemSchema: 'unknown' },
  };
}

/** The parameters a probe URL needs filled: those of its placeholders it uses. */
export const placeholdersIn = (url: string): string[] => PLACEHOLDERS.filter((name) => url.includes(`{${name}}`));
