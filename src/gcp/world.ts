import { routeKey, type Route } from './routes.js';
import { matchesSccFilter, parseSccFilter } from './scc-filter.js';

/**
 * A world (what the emulator serves) and a snapshot (what `gtp snapshot` saves) are one format: the key is the
 * REST URL of a request (host and path, no pagination parameters), the value what the API returns with pagination
 * stripped: the items of a list, the scope map of an aggregated list, the object of a get.
 */
export type World = Record<string, unknown>;

export type WorldAnswer = { status: 'found'; value: unknown } | { status: 'not-found'; key: string };

/** What the API would answer for this request in this world; absent keys behave as the real API does. */
export function answerFromWorld(world: World, route: Route, params: Record<string, string>): WorldAnswer {
  const key = routeKey(route, params);
  // A filterable list (SCC findings): the world holds the answer to this very filter (a snapshot does) or the
  // whole list, which is filtered here as the API would.
  if (route.filterParam && params[route.filterParam] && !Object.prototype.hasOwnProperty.call(world, key)) {
    const all = answerFromWorld(world, route, { ...params, [route.filterParam]: '' });
    if (all.status !== 'found') return all;
    const tree = parseSccFilter(params[route.filterParam]!);
    return {
      status: 'found',
      value: (all.value as { finding?: Record<string, unknown> }[]).filter((item) =>
        matchesSccFilter(item.finding ?? {}, tree),
      ),
    };
  }
  // null records a resource that does not exist (a snapshot keeps the 404 of a named bucket that way).
  if (Object.prototype.hasOwnProperty.call(world, key) && world[key] !== null)
    return { status: 'found', value: world[key] };
  if (world[key] === null) return { status: 'not-found', key };
  if (route.absent) return { status: 'found', value: route.absent(params) };
  if (route.kind === 'list') return { status: 'found', value: [] };
  if (route.kind === 'aggregatedList') return { status: 'found', value: {} };
  return { status: 'not-found', key };
}
