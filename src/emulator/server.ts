import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ALL_ROUTES, matchPath, routeKey, type Route } from '../gcp/routes.js';
import { answerFromWorld, type World } from '../gcp/world.js';
import { notFound, permissionDenied, serviceDisabled, unavailable, type GoogleErrorBody } from './errors.js';
import { globToRegExp } from './glob.js';
import { aggregatedPage, listPage } from './pagination.js';

export interface EmulatorOptions {
  world: World;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Largest page any list returns. */
  pageSize?: number;
  /** Delay before every response. */
  latencyMs?: number;
  /** Fraction of API requests answered 503 UNAVAILABLE. */
  failRate?: number;
  /** Path globs answered 403 PERMISSION_DENIED. */
  deny?: string[];
  /** Path globs answered 403 SERVICE_DISABLED (the API is not enabled). */
  disable?: string[];
  random?: () => number;
  onRequest?: (entry: RequestLogEntry) => void;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
}

export interface RunningEmulator {
  url: string;
  port: number;
  requests: RequestLogEntry[];
  close(): Promise<void>;
}

const METADATA_PREFIX = '/computeMetadata/v1';

/** Starts the local Google REST emulator on loopback. */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const requests: RequestLogEntry[] = [];
  const deny = (options.deny ?? []).map(globToRegExp);
  const disable = (options.disable ?? []).map(globToRegExp);
  const random = options.random ?? Math.random;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const respond = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const entry = { method: req.method ?? 'GET', path: url.pathname, status };
      requests.push(entry);
      options.onRequest?.(entry);
      const send = () => {
        res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
        res.end(JSON.stringify(body));
      };
      if (options.latencyMs) setTimeout(send, options.latencyMs);
      else send();
    };
    drain(req).then(
      () => handle(req.method ?? 'GET', url, respond),
      () => respond(400, { error: { code: 400, message: 'bad request body', status: 'INVALID_ARGUMENT' } }),
    );
  });

  function handle(method: string, url: URL, respond: (status: number, body: unknown, headers?: Record<string, string>) => void): void {
    const path = url.pathname;
    if (path.startsWith(METADATA_PREFIX)) return metadata(path, respond);
    if (disable.some((re) => re.test(path))) return respond(403, serviceDisabled(serviceOf(path), projectOf(path)));
    const resolved = resolveRoute(options.world, path);
    if (deny.some((re) => re.test(path))) return respond(403, permissionDenied(resolved?.route.permission, path));
    if (options.failRate && random() < options.failRate) return respond(503, unavailable());
    if (!resolved || method !== 'GET') return respond(404, notFound(path));
    const { route, params } = resolved;
    const answer = answerFromWorld(options.world, route, params);
    if (answer.status === 'not-found') return respond(404, notFoundResource(answer.key));
    if (route.kind === 'get') return respond(200, answer.value);
    if (route.kind === 'aggregatedList') return respond(200, aggregatedPage(route, answer.value as Record<string, never>, url.searchParams, options.pageSize));
    return respond(200, listPage(route, answer.value as unknown[], url.searchParams, options.pageSize));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Several Google APIs share path shapes (…/locations is served by many), so a path is matched against every
 * route and, where more than one fits, the one whose data the world holds wins.
 */
export function resolveRoute(world: World, path: string): { route: Route; params: Record<string, string> } | undefined {
  const candidates = ALL_ROUTES.flatMap((route) => {
    const params = matchPath(route, path);
    return params ? [{ route, params }] : [];
  });
  return candidates.find((c) => Object.prototype.hasOwnProperty.call(world, routeKey(c.route, c.params))) ?? candidates[0];
}

/** Answers as the GCE metadata server, so that Application Default Credentials get a token. */
function metadata(path: string, respond: (status: number, body: unknown, headers?: Record<string, string>) => void): void {
  const headers = { 'metadata-flavor': 'Google' };
  if (/\/instance\/service-accounts\/[^/]+\/token$/.test(path)) {
    return respond(200, { access_token: 'emulator-token', expires_in: 3600, token_type: 'Bearer' }, headers);
  }
  if (path.endsWith('/project/project-id')) return respond(200, 'emulator-project', headers);
  return respond(200, {}, headers);
}

function notFoundResource(key: string): GoogleErrorBody {
  return { error: { code: 404, message: `The resource '${key}' was not found`, status: 'NOT_FOUND' } };
}

function serviceOf(path: string): string {
  const route = ALL_ROUTES.find((r) => matchPath(r, path));
  return route?.host ?? 'the API';
}

function projectOf(path: string): string {
  return /\/projects\/([^/]+)/.exec(path)?.[1] ?? 'unknown';
}

function drain(req: IncomingMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    req.on('data', () => undefined);
    req.on('end', resolve);
    req.on('error', reject);
  });
}

