import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ALL_ROUTES, matchPath, matchRequest, routeKey, type Route } from '../gcp/routes.js';
import { answerFromWorld, type World } from '../gcp/world.js';
import { partialFields } from '../gcp/incomplete.js';
import {
  failure,
  notFound,
  permissionDeniedBy,
  quotaProjectRequired,
  serviceDisabled,
  unavailable,
  type Answer,
} from './errors.js';
import { globToRegExp } from '../util/glob.js';
import { kubernetesPermission } from '../gcp/kubernetes.js';
import { aggregatedPage, listPage } from './pagination.js';
import { CloudSqlService, type CloudSqlFaults, type SqlDataBackend } from './cloud-sql.js';
import { RawBody, StorageObjects } from './storage-objects.js';
import { isClientBased, QuotaCounter, type QuotaOptions } from './quotas.js';
import { EmulatedAssetInventory } from './asset-inventory.js';
import { EmulatedOrganizationFindings } from './scc-organization.js';
import { servedAt } from '../gcp/world-time.js';
import type { Clock } from '../util/clock.js';

export interface EmulatorOptions {
  /** What the APIs answer; a world that records when it was captured is served moved to the clock's present. */
  world: World;
  /** The emulator's present: operation and object times, recovery windows, and the time a world is served at. */
  clock: Clock;
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
  /** IAM permissions the caller lacks: every request that needs one is answered 403 naming it. */
  denyPermissions?: string[];
  /**
   * For --fail-rate: which requests fail is drawn from this seed, per request and per repetition of it, so a run
   * is replayed exactly whatever order concurrent requests arrive in; without it, at random.
   */
  seed?: number;
  onRequest?: (entry: RequestLogEntry) => void;
  /** Where Cloud SQL instances keep their data (a local PostgreSQL server), so that restores copy real rows. */
  sqlBackend?: SqlDataBackend;
  /** Cloud SQL operations that stall or fail on purpose. */
  sqlFaults?: CloudSqlFaults;
  /** Per-minute rate quotas per API, refused as Google refuses them when exceeded. */
  quotas?: QuotaOptions;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  /** The identifying query parameters (e.g. SCC's filter), without the client's transport parameters. */
  query?: string;
  status: number;
}

export interface RunningEmulator {
  url: string;
  port: number;
  requests: RequestLogEntry[];
  /** The stateful Cloud SQL: instances as the drill's writes left them. */
  cloudSql: CloudSqlService;
  /** Requests refused for rate quota, per API. */
  rateLimited: Record<string, number>;
  close(): Promise<void>;
}

const METADATA_PREFIX = '/computeMetadata/v1';

/** Starts the local Google REST emulator on loopback. */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const requests: RequestLogEntry[] = [];
  const deny = (options.deny ?? []).map(globToRegExp);
  const disable = (options.disable ?? []).map(globToRegExp);
  const faultDraw = options.seed === undefined ? () => Math.random() : requestDraws(options.seed);
  const { clock } = options;
  // Moved once, at start: a bundled world's "one day old" finding is one day old whatever day the emulator runs.
  const world = servedAt(options.world, clock.now());
  const cloudSql = new CloudSqlService(world, clock, options.sqlBackend, options.sqlFaults);
  const storage = new StorageObjects(clock);
  const assetInventory = new EmulatedAssetInventory(world, clock);
  const organizationFindings = new EmulatedOrganizationFindings(world);
  const quotas = new QuotaCounter(options.quotas ?? { perMinute: {} });

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const respond = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const identifying = [...url.searchParams].filter(
        ([k]) => k !== '$alt' && k !== 'pageToken' && k !== 'pageSize' && k !== 'maxResults',
      );
      const entry = {
        method: req.method ?? 'GET',
        path: url.pathname,
        status,
        ...(identifying.length ? { query: new URLSearchParams(identifying).toString() } : {}),
      };
      requests.push(entry);
      options.onRequest?.(entry);
      const send = () => {
        if (body instanceof RawBody) {
          res.writeHead(status, { 'content-type': body.contentType, ...body.headers, ...headers });
          res.end(body.data);
          return;
        }
        res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
        res.end(JSON.stringify(body));
      };
      if (options.latencyMs) setTimeout(send, options.latencyMs);
      else send();
    };
    drain(req).then(
      (body) => {
        // A request the emulator cannot make sense of (a page token it never issued, a filter it cannot parse) is
        // answered 400 INVALID_ARGUMENT, as Google answers it; it must never take the server down.
        try {
          const userProject = req.headers['x-goog-user-project'];
          handle(
            req.method ?? 'GET',
            url,
            body,
            String(req.headers['content-type'] ?? ''),
            respond,
            typeof userProject === 'string' ? userProject : undefined,
            String(req.headers.authorization ?? ''),
          );
        } catch (error) {
          respond(...failure(400, 'INVALID_ARGUMENT', `Invalid request: ${(error as Error).message}`));
        }
      },
      () => respond(...failure(400, 'INVALID_ARGUMENT', 'bad request body')),
    );
  });

  const deniedPermissions = new Set(options.denyPermissions ?? []);

  function handle(
    method: string,
    url: URL,
    raw: Buffer,
    contentType: string,
    respond: (status: number, body: unknown, headers?: Record<string, string>) => void,
    /** The quota project the request names (x-goog-user-project). */
    userProject: string | undefined,
    authorization: string,
  ): void {
    const path = url.pathname;
    const body = raw.toString('utf8');
    if (path.startsWith(METADATA_PREFIX)) return metadata(path, respond);
    if (path === OAUTH_TOKEN_PATH && method === 'POST') return respond(...oauthToken(body));
    if (disable.some((re) => re.test(path))) return respond(403, serviceDisabled(serviceOf(path), projectOf(path)));
    const candidates = candidateRoutes(method, path, url.searchParams);
    const resolved = resolveRoute(world, candidates);
    // On a path several APIs share, a permission denied to any of them is denied (the emulator cannot tell which API was meant).
    const needed = candidates.map((c) => c.route.permission);
    const denied = needed.find((p) => deniedPermissions.has(p));
    // A deny glob with one query parameter (`/v3/projects?parent=folders/444`) refuses the requests of a path
    // that carry it: one folder's list, not every folder's.
    const targets = [path, ...[...url.searchParams].map(([name, value]) => `${path}?${name}=${value}`)];
    if (denied || deny.some((re) => targets.some((target) => re.test(target))))
      return respond(403, permissionDeniedBy(candidates[0]?.route.host, denied ?? resolved[0]?.route.permission, path));
    const host = candidates[0]?.route.host;
    // A user's token with no quota project: a client-based API refuses it (a resource-based one charges the
    // resource's project and does not ask).
    if (host && !userProject && authorization.startsWith(`Bearer ${USER_TOKEN_PREFIX}`) && isClientBased(host))
      return respond(403, quotaProjectRequired(host));
    const overQuota = host ? quotas.charge(host, path, userProject) : undefined;
    if (overQuota) return respond(...overQuota);
    if (options.failRate && faultDraw(`${method} ${url.pathname}${url.search}`) < options.failRate)
      return respond(503, unavailable());
    if (path.startsWith('/k8s/')) return respond(...kubernetesAnswer(world, path, deniedPermissions));
    const stateful = statefulAnswer(candidates, url.searchParams, body, raw, contentType);
    if (stateful) return respond(...stateful);
    const first = resolved[0];
    if (!first) {
      const generic = method === 'GET' ? genericList(world, path, url.searchParams, options.pageSize) : undefined;
      return generic ? respond(200, generic) : respond(404, notFound(path));
    }
    const { route } = first;
    if (route.kind === 'testPermissions') return respond(200, testPermissions(world, first, body, deniedPermissions));
    const answers = resolved.map(({ route: r, params }) => answerFromWorld(world, r, params));
    const found = answers.filter((a): a is Extract<typeof a, { status: 'found' }> => a.status === 'found');
    if (found.length === 0)
      return respond(
        ...failure(404, 'NOT_FOUND', `The resource '${(answers[0] as { key: string }).key}' was not found`),
      );
    if (route.kind === 'get') return respond(200, found[0]!.value);
    if (route.kind === 'aggregatedList')
      return respond(
        200,
        aggregatedPage(route, found[0]!.value as Record<string, never>, url.searchParams, options.pageSize),
      );
    const items = withServiceFilter(route, unionOfLists(found.map((a) => a.value as unknown[])), url.searchParams);
    // What the world says this answer lacks (an unreachable region, missing zones) goes on every page, as Google sends it.
    const partial = partialFields(world, routeKey(route, first.params));
    return respond(200, { ...listPage(route, items, url.searchParams, options.pageSize), ...partial });
  }

  /**
   * Cloud SQL instances and Storage objects are state the drill changes, not answers from the world; Asset
   * Inventory's answers are the world's resources filed by type.
   */
  function statefulAnswer(
    candidates: readonly Candidate[],
    query: URLSearchParams,
    body: string,
    raw: Buffer,
    contentType: string,
  ): Answer | undefined {
    for (const { route, params } of candidates) {
      const answer =
        cloudSql.answer(route.id, params, body, query, options.pageSize) ??
        storage.answer(route.id, params, raw, query, contentType, options.pageSize) ??
        assetInventory.answer(route.id, params, query, options.pageSize) ??
        organizationFindings.answer(route.id, params, query, options.pageSize);
      if (answer) return answer;
    }
    return undefined;
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
    cloudSql,
    rateLimited: quotas.refused,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * A list of any Google API the world holds by its URL (a team's own probe reads one): the world key is the host and
 * the request's path and query. The items go in the field named after the collection, the path's last segment, as
 * Google's List methods name it (AIP-132: "The response message must include one repeated field corresponding to
 * the resources being returned"); the APIs older than that convention name it `items`. Pages follow pageSize; what the
 * world says the list lacks goes on every page.
 */
/**
 * APIs whose list responses hold their resources in `items`, as their discovery documents say (compute v1
 * FirewallList.items, storage v1 Buckets.items, sqladmin v1 InstancesListResponse.items).
 */
const ITEMS_FIELD_BY_HOST: Record<string, string> = {
  'compute.googleapis.com': 'items',
  'storage.googleapis.com': 'items',
  'sqladmin.googleapis.com': 'items',
};

function genericList(
  world: World,
  path: string,
  query: URLSearchParams,
  pageSizeCap: number | undefined,
): Record<string, unknown> | undefined {
  const identity = [...query].filter(([name]) => name !== 'pageToken' && name !== 'pageSize');
  const suffix =
    path + (identity.length > 0 ? `?${identity.map(([n, v]) => `${n}=${encodeURIComponent(v)}`).join('&')}` : '');
  const keys = Object.keys(world).filter(
    (key) => key.endsWith(suffix) && /^[a-z0-9.-]+\.googleapis\.com$/.test(key.slice(0, key.length - suffix.length)),
  );
  if (keys.length !== 1) return undefined;
  const items = world[keys[0]!];
  if (!Array.isArray(items)) return undefined;
  const host = keys[0]!.slice(0, keys[0]!.length - suffix.length);
  const field = ITEMS_FIELD_BY_HOST[host] ?? path.split('/').at(-1)!;
  const route = { itemsField: field, pageSizeParam: 'pageSize' } as Route;
  return { ...listPage(route, items, query, pageSizeCap), ...partialFields(world, keys[0]!) };
}

/**
 * A draw in [0, 1) for each request: the n-th repetition of the same request under the same seed draws the same
 * number. A single stream shared by all requests would hand the same unlucky stretch to whichever request happens
 * to retry alone at that moment, so a seeded run would depend on timing.
 */
export function requestDraws(seed: number): (request: string) => number {
  const seen = new Map<string, number>();
  return (request) => {
    const n = (seen.get(request) ?? 0) + 1;
    seen.set(request, n);
    return seededRandom(fnv1a(`${seed}\0${request}\0${n}`))();
  };
}

/** FNV-1a, 32 bits: a stable number from a text. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** A small deterministic generator (mulberry32). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Every route a request fits. On one port the emulator cannot see which API host a client meant, and some APIs
 * share a path (Artifact Registry's and Cloud Deploy's …/locations): the routes whose data the world holds come
 * first, and a list shared by several is answered with the union of their items, which every caller can use
 * (a location listed for one API simply holds nothing of the other's).
 */
export function resolveRoute(world: World, candidates: readonly Candidate[]): Candidate[] {
  const held = candidates.filter((c) => Object.prototype.hasOwnProperty.call(world, routeKey(c.route, c.params)));
  if (held.length === 0) return candidates.slice(0, 1);
  return held[0]!.route.kind === 'list' ? held.filter((c) => c.route.kind === 'list') : held.slice(0, 1);
}

/** A cluster's Kubernetes API, served under /k8s/ENDPOINT/…: the world key is the endpoint followed by the path. */
function kubernetesAnswer(world: World, path: string, denied: ReadonlySet<string>): [number, unknown] {
  const [, , endpoint, ...rest] = path.split('/');
  const key = `${endpoint}/${rest.join('/')}`;
  const permission = kubernetesPermission(`/${rest.join('/')}`);
  if (denied.has(permission)) {
    // GKE's answer when IAM (and RBAC) refuse a read: a Kubernetes Status naming the IAM permission.
    return [
      403,
      {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        reason: 'Forbidden',
        code: 403,
        message: `${rest.at(-1)} is forbidden: User "emulator" cannot list resource "${rest.at(-1)}": requires one of ["${permission}"] permission(s).`,
      },
    ];
  }
  const value = world[key];
  if (value === undefined || value === null) {
    return [
      404,
      {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'the server could not find the requested resource',
        reason: 'NotFound',
        code: 404,
      },
    ];
  }
  return [200, value];
}

/**
 * testIamPermissions answers which of the asked permissions the caller holds: those the world lists under the
 * request's key (all of them when the world says nothing), less any the emulator was told to deny.
 */
function testPermissions(
  world: World,
  match: { route: Route; params: Record<string, string> },
  body: string,
  denied: ReadonlySet<string>,
): unknown {
  let asked: string[] = [];
  try {
    asked = ((JSON.parse(body || '{}') as { permissions?: unknown }).permissions as string[] | undefined) ?? [];
  } catch {
    asked = [];
  }
  const key = routeKey(match.route, match.params);
  const held = Object.prototype.hasOwnProperty.call(world, key) ? new Set(world[key] as string[]) : undefined;
  const granted = asked.filter((p) => (held ? held.has(p) : true) && !denied.has(p));
  return granted.length > 0 ? { permissions: granted } : {};
}

/** Service Usage filters its list by state (filter=state:ENABLED), as the API does. */
function withServiceFilter(route: Route, items: unknown[], query: URLSearchParams): unknown[] {
  const state = /^state:(ENABLED|DISABLED)$/.exec(query.get('filter') ?? '')?.[1];
  if (route.id !== 'serviceusage.services.list' || !state) return items;
  return items.filter((item) => ((item as { state?: string }).state ?? 'DISABLED') === state);
}

/** A route a request fits, with the parameters read from the request. */
type Candidate = { route: Route; params: Record<string, string> };

function candidateRoutes(method: string, path: string, query: URLSearchParams): Candidate[] {
  return ALL_ROUTES.flatMap((route) => {
    if ((route.method ?? 'GET') !== method) return [];
    const params = matchRequest(route, path, query);
    return params ? [{ route, params }] : [];
  });
}

function unionOfLists(lists: unknown[][]): unknown[] {
  const seen = new Set<string>();
  return lists.flat().filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Where gtp sends an OAuth refresh when GTP_API_ENDPOINT names the emulator (oauth2.googleapis.com/token). */
export const OAUTH_TOKEN_PATH = '/token';
/** Access tokens the emulator issues to user credentials (authorized_user), told apart from the metadata server's. */
const USER_TOKEN_PREFIX = 'emulator-user.';

/**
 * Google's OAuth token endpoint, for an authorized_user credential's refresh. The refresh token decides the answer,
 * as a user's state does at Google: `revoked` is refused invalid_grant ("Token has been expired or revoked."),
 * `reauth` is refused for reauthentication (invalid_rapt, as a Workspace session policy refuses it); any other is
 * granted an access token.
 */
function oauthToken(body: string): [number, unknown] {
  const form = new URLSearchParams(body);
  if (form.get('grant_type') !== 'refresh_token')
    return [400, { error: 'unsupported_grant_type', error_description: 'Invalid grant_type.' }];
  const token = form.get('refresh_token') ?? '';
  if (token === 'revoked')
    return [400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' }];
  if (token === 'reauth')
    return [
      400,
      {
        error: 'invalid_grant',
        error_description: 'reauth related error (invalid_rapt)',
        error_uri: 'https://support.google.com/a/answer/9368756',
        error_subtype: 'invalid_rapt',
      },
    ];
  return [
    200,
    {
      access_token: `${USER_TOKEN_PREFIX}${token.length}`,
      expires_in: 3599,
      token_type: 'Bearer',
      scope: 'https://www.googleapis.com/auth/cloud-platform',
    },
  ];
}

/** Answers as the GCE metadata server, so that Application Default Credentials get a token. */
function metadata(
  path: string,
  respond: (status: number, body: unknown, headers?: Record<string, string>) => void,
): void {
  const headers = { 'metadata-flavor': 'Google' };
  if (/\/instance\/service-accounts\/[^/]+\/token$/.test(path)) {
    return respond(200, { access_token: 'emulator-token', expires_in: 3600, token_type: 'Bearer' }, headers);
  }
  if (path.endsWith('/project/project-id')) return respond(200, 'emulator-project', headers);
  return respond(200, {}, headers);
}

function serviceOf(path: string): string {
  const route = ALL_ROUTES.find((r) => matchPath(r, path));
  return route?.host ?? 'the API';
}

function projectOf(path: string): string {
  return /\/projects\/([^/]+)/.exec(path)?.[1] ?? 'unknown';
}

function drain(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
