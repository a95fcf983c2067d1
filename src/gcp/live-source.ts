import type { Client, ClientPool } from './clients.js';
import { MalformedResponse, readListPage } from './response-shape.js';
import { toRestJson } from './normalize.js';
import { allPages, eachPage, gaxPages } from './pages.js';
import { assertWhole } from './incomplete.js';
import { routeKey } from './routes.js';
import type { Route } from './routes.js';
import { ROUTES } from './routes.js';
import type { KubernetesTarget } from './kubernetes.js';
import { kubernetesList } from './kubernetes-http.js';
import { handOverWhole, type PageSink, type RestSource } from './source.js';

type CallOptions = ClientPool['call'];

type Params = Record<string, string>;
type Fetcher = (pool: ClientPool, params: Params) => Promise<unknown>;

const SQL = '@google-cloud/sql';
const CONTAINER = '@google-cloud/container';
const BILLING = '@google-cloud/billing';
const BUDGETS = '@google-cloud/billing-budgets';
const RESOURCE_MANAGER = '@google-cloud/resource-manager';
const SERVICE_USAGE = '@google-cloud/service-usage';
const ARTIFACT_REGISTRY = '@google-cloud/artifact-registry';
const DEPLOY = '@google-cloud/deploy';
const MONITORING = '@google-cloud/monitoring';
const SECURITY_CENTER = '@google-cloud/security-center';
const ASSET = '@google-cloud/asset';
const CLOUD_BUILD = '@google-cloud/cloudbuild';

/**
 * One asset type below an organization, folder or project, as of `readTime` (RFC 3339): every list of one audit
 * reads the inventory at the same instant, so they agree with each other whatever page they arrive on.
 */
async function assetsOf(pool: ClientPool, p: Params, contentType: 'RESOURCE' | 'IAM_POLICY'): Promise<unknown> {
  const items: unknown[] = [];
  await eachAssetPage(pool, p, contentType, (page) => void items.push(...page));
  return items;
}

/**
 * An organization's assets of one type, a page (up to 1000) at a time, each page in REST JSON: the caller files a
 * page before the next is read, so that the whole list is never held.
 */
async function eachAssetPage(
  pool: ClientPool,
  p: Params,
  contentType: 'RESOURCE' | 'IAM_POLICY',
  onItems: (items: readonly unknown[]) => void | Promise<void>,
): Promise<void> {
  const client = await pool.get('assetService');
  const readTime = p.readTime ? { seconds: Math.floor(Date.parse(p.readTime) / 1000) } : undefined;
  await eachPage(async (pageToken) => {
    const [items, , response] = await client.listAssets(
      {
        parent: `${p.scopeKind}/${p.scopeId}`,
        assetTypes: [p.assetType!],
        contentType,
        pageSize: 1000,
        ...(readTime ? { readTime } : {}),
        ...(pageToken ? { pageToken } : {}),
      },
      pool.call,
    );
    return { items: await each(items, ASSET, 'google.cloud.asset.v1.Asset'), next: response?.nextPageToken };
  }, onItems);
}

const each = (items: readonly unknown[] | null | undefined, pkg: string | undefined, type: string | undefined) =>
  Promise.all((items ?? []).map((item) => toRestJson(item, pkg, type)));

/** A project's locations through gax's Locations mixin, which every regional API shares. */
async function locationsOf(
  client: { listLocationsAsync(request: { name: string }, options: CallOptions): AsyncIterable<unknown> },
  project: string,
  call: CallOptions,
): Promise<unknown> {
  const items: unknown[] = [];
  for await (const location of client.listLocationsAsync({ name: `projects/${project}` }, call)) items.push(location);
  // The mixin's message is not in the packages' own protos; locations carry no enums to convert.
  return each(items, undefined, undefined);
}

/**
 * A compute aggregated list as the REST API returns it: scope → { <field>: items } or, for an empty scope, its
 * warning. The library's iterator follows every page and yields [scope, scopedList]; a scope can recur on later pages.
 */
async function scopeMap<L extends object>(
  pairs: AsyncIterable<[string, L]>,
  field: keyof L & string,
): Promise<Record<string, Record<string, unknown>>> {
  const scopes: Record<string, Record<string, unknown>> = {};
  for await (const [scope, scoped] of pairs) {
    const list = scoped as Record<string, unknown>;
    const items = (await each(list[field] as unknown[] | undefined, undefined, undefined)) as unknown[];
    const entry = (scopes[scope] ??= {});
    if (items.length > 0) {
      entry[field] = [...((entry[field] as unknown[] | undefined) ?? []), ...items];
      delete entry.warning;
    } else if (!entry[field] && list.warning) {
      entry.warning = await toRestJson(list.warning, undefined, undefined);
    }
  }
  return scopes;
}

/**
 * A project's, folder's or organization's IAM policy, as Resource Manager's three clients read it alike. Version 3
 * so that conditional bindings come back whole; audit configs are the same in every version.
 */
async function iamPolicyOf(
  client: {
    getIamPolicy(
      request: { resource: string; options: { requestedPolicyVersion: number } },
      options: CallOptions,
    ): Promise<[unknown, ...unknown[]]>;
  },
  resource: string,
  call: CallOptions,
): Promise<unknown> {
  const [policy] = await client.getIamPolicy({ resource, options: { requestedPolicyVersion: 3 } }, call);
  return toRestJson(policy, RESOURCE_MANAGER, 'google.iam.v1.Policy');
}

const FETCHERS: Record<string, Fetcher> = {
  [ROUTES.sqlInstances.id]: async (pool, p) => {
    const client = await pool.get('sqlInstances');
    const items = await allPages(async (pageToken) => {
      const [response] = await client.list({ project: p.project, ...(pageToken ? { pageToken } : {}) }, pool.call);
      // "REGION_UNREACHABLE: the returned result set may be incomplete": never judge the instances that did come.
      assertWhole(routeKey(ROUTES.sqlInstances, p), {
        warnings: await each(response.warnings, SQL, 'google.cloud.sql.v1.ApiWarning'),
      });
      return { items: response.items, next: response.nextPageToken };
    });
    return each(items, SQL, 'google.cloud.sql.v1.DatabaseInstance');
  },
  [ROUTES.gkeClusters.id]: async (pool, p) => {
    const client = await pool.get('clusterManager');
    const [response] = await client.listClusters(
      { parent: `projects/${p.project}/locations/${p.location}` },
      pool.call,
    );
    // "If any zones are listed here, the list of clusters returned may be missing those zones."
    assertWhole(routeKey(ROUTES.gkeClusters, p), { missingZones: response.missingZones });
    return each(response.clusters, CONTAINER, 'google.container.v1.Cluster');
  },
  [ROUTES.backendServices.id]: async (pool, p) => {
    const client = await pool.get('backendServices');
    return scopeMap(client.aggregatedListAsync({ project: p.project }, pool.call), 'backendServices');
  },
  [ROUTES.billingInfo.id]: async (pool, p) => {
    const client = await pool.get('cloudBilling');
    const [info] = await client.getProjectBillingInfo({ name: `projects/${p.project}` }, pool.call);
    return toRestJson(info, BILLING, 'google.cloud.billing.v1.ProjectBillingInfo');
  },
  [ROUTES.budgets.id]: async (pool, p) => {
    const client = await pool.get('budgets');
    const items = await gaxPages((pageToken) =>
      client.listBudgets({ parent: `billingAccounts/${p.account}`, ...(pageToken ? { pageToken } : {}) }, pool.call),
    );
    return each(items, BUDGETS, 'google.cloud.billing.budgets.v1.Budget');
  },
  [ROUTES.project.id]: async (pool, p) => {
    const client = await pool.get('projects');
    const [project] = await client.getProject({ name: `projects/${p.project}` }, pool.call);
    return toRestJson(project, RESOURCE_MANAGER, 'google.cloud.resourcemanager.v3.Project');
  },
  [ROUTES.service.id]: async (pool, p) => {
    const client = await pool.get('serviceUsage');
    const [service] = await client.getService({ name: `projects/${p.project}/services/${p.service}` }, pool.call);
    return toRestJson(service, SERVICE_USAGE, 'google.api.serviceusage.v1.Service');
  },
  [ROUTES.artifactLocations.id]: async (pool, p) => {
    return locationsOf(await pool.get('artifactRegistry'), p.project!, pool.call);
  },
  [ROUTES.artifactRepositories.id]: async (pool, p) => {
    const client = await pool.get('artifactRegistry');
    const items = await allPages(async (pageToken) => {
      const [repositories, , response] = await client.listRepositories(
        { parent: `projects/${p.project}/locations/${p.location}`, ...(pageToken ? { pageToken } : {}) },
        pool.call,
      );
      return { items: repositories, next: response?.nextPageToken };
    });
    return each(items, ARTIFACT_REGISTRY, 'google.devtools.artifactregistry.v1.Repository');
  },

  [ROUTES.deployLocations.id]: async (pool, p) => {
    return locationsOf(await pool.get('cloudDeploy'), p.project!, pool.call);
  },
  [ROUTES.deliveryPipelines.id]: async (pool, p) => {
    const client = await pool.get('cloudDeploy');
    const items = await allPages(async (pageToken) => {
      const [pipelines, , response] = await client.listDeliveryPipelines(
        { parent: `projects/${p.project}/locations/${p.location}`, ...(pageToken ? { pageToken } : {}) },
        pool.call,
      );
      assertWhole(routeKey(ROUTES.deliveryPipelines, p), { unreachable: response?.unreachable });
      return { items: pipelines, next: response?.nextPageToken };
    });
    return each(items, DEPLOY, 'google.cloud.deploy.v1.DeliveryPipeline');
  },
  // Through REST, not @google-cloud/deploy: the client's protos no longer carry RepairRolloutRule.repairPhases (the
  // rollback phase this check looks for), and decoding drops unknown fields.
  [ROUTES.automations.id]: (pool, p) => restList(pool, ROUTES.automations, p),
  // Through REST: the Logging client's protos carry neither the list's `filter` (so no in_scope("ALL"), and no
  // ancestors' intercepting sinks) nor LogSink.interceptChildren, and decoding drops unknown fields.
  [ROUTES.logSinks.id]: (pool, p) => restList(pool, ROUTES.logSinks, p),
  // Through REST: the only client (@google-cloud/backupdr) is built on an older google-gax than the other clients,
  // and would bring a second copy of it.
  [ROUTES.backupVaults.id]: (pool, p) => restList(pool, ROUTES.backupVaults, p),
  [ROUTES.backupPlanAssociations.id]: (pool, p) => restList(pool, ROUTES.backupPlanAssociations, p),
  [ROUTES.backupPlans.id]: (pool, p) => restList(pool, ROUTES.backupPlans, p),
  // Organization Policy v2 over REST: the only client is built on an older google-gax (routes.ts).
  [ROUTES.orgPolicyEffective.id]: (pool, p) => restGet(pool, ROUTES.orgPolicyEffective, p),
  [ROUTES.orgPolicyOfProject.id]: (pool, p) => restGet(pool, ROUTES.orgPolicyOfProject, p),
  [ROUTES.orgPolicyOfFolder.id]: (pool, p) => restGet(pool, ROUTES.orgPolicyOfFolder, p),
  [ROUTES.orgPolicyOfOrganization.id]: (pool, p) => restGet(pool, ROUTES.orgPolicyOfOrganization, p),
  [ROUTES.orgCustomConstraints.id]: (pool, p) => restList(pool, ROUTES.orgCustomConstraints, p),
  // Google ships no Node client for Privileged Access Manager.
  [ROUTES.pamProjectEntitlements.id]: (pool, p) => restList(pool, ROUTES.pamProjectEntitlements, p),
  [ROUTES.pamFolderEntitlements.id]: (pool, p) => restList(pool, ROUTES.pamFolderEntitlements, p),
  [ROUTES.pamOrganizationEntitlements.id]: (pool, p) => restList(pool, ROUTES.pamOrganizationEntitlements, p),
  [ROUTES.buildTriggers.id]: async (pool, p) => {
    const client = await pool.get('cloudBuild');
    // The parent alone: with projectId the client takes the legacy path, which "only lists triggers in the global
    // region"; the regional path lists the location's own (cloudbuild v1 reference, projects.triggers.list).
    const parent = `projects/${p.project}/locations/${p.location}`;
    const items = await gaxPages((pageToken) =>
      client.listBuildTriggers({ parent, ...(pageToken ? { pageToken } : {}) }, pool.call),
    );
    return each(items, CLOUD_BUILD, 'google.devtools.cloudbuild.v1.BuildTrigger');
  },
  [ROUTES.alertPolicies.id]: async (pool, p) => {
    const client = await pool.get('alertPolicies');
    const items = await gaxPages((pageToken) =>
      client.listAlertPolicies({ name: `projects/${p.project}`, ...(pageToken ? { pageToken } : {}) }, pool.call),
    );
    return each(items, MONITORING, 'google.monitoring.v3.AlertPolicy');
  },
  [ROUTES.notificationChannels.id]: async (pool, p) => {
    const client = await pool.get('notificationChannels');
    const items = await gaxPages((pageToken) =>
      client.listNotificationChannels(
        { name: `projects/${p.project}`, ...(pageToken ? { pageToken } : {}) },
        pool.call,
      ),
    );
    return each(items, MONITORING, 'google.monitoring.v3.NotificationChannel');
  },
  [ROUTES.snoozes.id]: async (pool, p) => {
    const client = await pool.get('snoozes');
    // Every snooze, past ones included: which are active is the audit clock's question, not the request's.
    const items = await gaxPages((pageToken) =>
      client.listSnoozes({ parent: `projects/${p.project}`, ...(pageToken ? { pageToken } : {}) }, pool.call),
    );
    return each(items, MONITORING, 'google.monitoring.v3.Snooze');
  },
  [ROUTES.buckets.id]: async (pool, p) => {
    const storage = await pool.get('storage');
    // The library's own transport (credentials, endpoint, timeout), not its parsing: getBuckets() throws from a
    // callback, ending the process, on a page that is null or not JSON. Pages are checked here instead.
    return allPages(async (pageToken) =>
      readListPage(
        'storage/v1/b',
        await storageRequest(storage, { uri: '/b', qs: { project: p.project, ...(pageToken ? { pageToken } : {}) } }),
        'items',
      ),
    );
  },
  [ROUTES.bucket.id]: async (pool, p) => {
    const storage = await pool.get('storage');
    return storageRequest(storage, { uri: `/b/${encodeURIComponent(p.bucket!)}` });
  },
  [ROUTES.iamPolicy.id]: async (pool, p) => iamPolicyOf(await pool.get('projects'), `projects/${p.project}`, pool.call),
  [ROUTES.folder.id]: async (pool, p) => {
    const client = await pool.get('folders');
    const [folder] = await client.getFolder({ name: `folders/${p.folder}` }, pool.call);
    return toRestJson(folder, RESOURCE_MANAGER, 'google.cloud.resourcemanager.v3.Folder');
  },
  [ROUTES.projectsUnder.id]: async (pool, p) => {
    const client = await pool.get('projects');
    const items = await gaxPages((pageToken) =>
      client.listProjects({ parent: p.parent, ...(pageToken ? { pageToken } : {}) }, pool.call),
    );
    return each(items, RESOURCE_MANAGER, 'google.cloud.resourcemanager.v3.Project');
  },
  [ROUTES.foldersUnder.id]: async (pool, p) => {
    const client = await pool.get('folders');
    const items = await gaxPages((pageToken) =>
      client.listFolders({ parent: p.parent, ...(pageToken ? { pageToken } : {}) }, pool.call),
    );
    return each(items, RESOURCE_MANAGER, 'google.cloud.resourcemanager.v3.Folder');
  },
  [ROUTES.folderIamPolicy.id]: async (pool, p) =>
    iamPolicyOf(await pool.get('folders'), `folders/${p.folder}`, pool.call),
  [ROUTES.organizationIamPolicy.id]: async (pool, p) =>
    iamPolicyOf(await pool.get('organizations'), `organizations/${p.organization}`, pool.call),
  [ROUTES.binauthzPolicy.id]: async (pool, p) => {
    // Google ships no Node client for Binary Authorization: its REST API, through the same ADC credentials.
    const request = await pool.authorizedRequest();
    return request(`${pool.restBase(ROUTES.binauthzPolicy.host)}/v1/projects/${encodeURIComponent(p.project!)}/policy`);
  },
  [ROUTES.securityPolicies.id]: async (pool, p) => {
    const client = await pool.get('securityPolicies');
    return scopeMap(client.aggregatedListAsync({ project: p.project }, pool.call), 'securityPolicies');
  },
  [ROUTES.assetResources.id]: (pool, p) => assetsOf(pool, p, 'RESOURCE'),
  [ROUTES.assetIamPolicies.id]: (pool, p) => assetsOf(pool, p, 'IAM_POLICY'),
  [ROUTES.sccFindings.id]: (pool, p) => sccFindings(pool, p, `projects/${p.project}/sources/${p.source}`),
  [ROUTES.sccFindingsInLocation.id]: (pool, p) =>
    sccFindings(pool, p, `projects/${p.project}/sources/${p.source}/locations/${p.location}`, p.location),
  // An organization's findings are many: read in SCC's largest pages (ListFindingsRequest.page_size, at most 1000).
  [ROUTES.sccOrganizationFindings.id]: (pool, p) =>
    sccFindings(pool, p, `organizations/${p.organization}/sources/${p.source}`, undefined, 1000),
  [ROUTES.sccOrganizationFindingsInLocation.id]: (pool, p) =>
    sccFindings(
      pool,
      p,
      `organizations/${p.organization}/sources/${p.source}/locations/${p.location}`,
      p.location,
      1000,
    ),
};

/** SCC findings under a parent; a data-residency location is read through its own regional endpoint. */
async function sccFindings(
  pool: ClientPool,
  p: Record<string, string | undefined>,
  parent: string,
  location?: string,
  pageSize?: number,
) {
  const items: unknown[] = [];
  await eachSccFindingsPage(pool, p, parent, location, pageSize, (page) => void items.push(...page));
  return items;
}

/** SCC findings under a parent, a page at a time, each page in REST JSON (an organization's are many). */
async function eachSccFindingsPage(
  pool: ClientPool,
  p: Record<string, string | undefined>,
  parent: string,
  location: string | undefined,
  pageSize: number | undefined,
  onItems: (items: readonly unknown[]) => void | Promise<void>,
): Promise<void> {
  const client = await pool.get(
    'securityCenter',
    location ? { apiEndpoint: `securitycenter.${location}.rep.googleapis.com` } : {},
  );
  // The filter goes to the API: SCC returns only the findings a check asks about, page by page.
  await eachPage(async (pageToken) => {
    const [items, , response] = await client.listFindings(
      {
        parent,
        ...(p.filter ? { filter: p.filter } : {}),
        ...(pageSize ? { pageSize } : {}),
        ...(pageToken ? { pageToken } : {}),
      },
      pool.call,
    );
    return {
      items: await each(
        items,
        SECURITY_CENTER,
        'google.cloud.securitycenter.v2.ListFindingsResponse.ListFindingsResult',
      ),
      next: response?.nextPageToken,
    };
  }, onItems);
}

/**
 * The organization-wide lists handed over a page at a time (RestSource.fetchEach): Asset Inventory's and SCC's,
 * which hold every project's resources or findings.
 */
const PAGED: Record<
  string,
  (pool: ClientPool, p: Params, onItems: (items: readonly unknown[]) => void | Promise<void>) => Promise<void>
> = {
  [ROUTES.assetResources.id]: (pool, p, onItems) => eachAssetPage(pool, p, 'RESOURCE', onItems),
  [ROUTES.assetIamPolicies.id]: (pool, p, onItems) => eachAssetPage(pool, p, 'IAM_POLICY', onItems),
  [ROUTES.sccOrganizationFindings.id]: (pool, p, onItems) =>
    eachSccFindingsPage(pool, p, `organizations/${p.organization}/sources/${p.source}`, undefined, 1000, onItems),
  [ROUTES.sccOrganizationFindingsInLocation.id]: (pool, p, onItems) =>
    eachSccFindingsPage(
      pool,
      p,
      `organizations/${p.organization}/sources/${p.source}/locations/${p.location}`,
      p.location,
      1000,
      onItems,
    ),
};

/** A JSON API request through the Storage client's authenticated transport: the body as the API sent it. */
function storageRequest(
  storage: Client<'storage'>,
  options: { uri: string; qs?: Record<string, string | undefined> },
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    storage.request(options, (error: Error | null, body?: unknown) => (error ? reject(error) : resolve(body)));
  });
}

/** An IPv4 address, a bracketed IPv6 address, or a DNS name (GKE's DNS-based endpoint). */
const API_SERVER_HOST =
  /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]|[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)$/;

/** Reads the live project through the official client libraries. */
export class LiveSource implements RestSource {
  readonly kind = 'live';

  constructor(private readonly pool: ClientPool) {}

  get requestTimeoutMs(): number {
    return this.pool.requestTimeoutMs;
  }

  /** Reads a cluster's API with the caller's Google credentials, as `gcloud container clusters get-credentials` would. */
  async kubernetes(target: KubernetesTarget, path: string): Promise<unknown> {
    // The endpoint comes from the cloud and decides where the caller's token goes: an address or a host name,
    // nothing that could add a path, a user or another host to the URL.
    if (!API_SERVER_HOST.test(target.endpoint))
      throw new Error(
        `cluster ${target.cluster}: endpoint ${JSON.stringify(target.endpoint.slice(0, 80))} is not a host`,
      );
    const token = await this.pool.accessToken();
    const emulator = this.pool.emulatorBase();
    return kubernetesList(
      {
        base: emulator ? `${emulator}/k8s/${target.endpoint}` : `https://${target.endpoint}`,
        ...(target.caCertificate && !emulator ? { caCertificate: target.caCertificate } : {}),
        token,
        timeoutMs: this.pool.requestTimeoutMs,
      },
      path,
    );
  }

  /** A list handed over a page at a time (Asset Inventory's organization-wide lists); any other, whole. */
  fetchEach(route: Route, params: Params, begin: PageSink): Promise<void> {
    const paged = PAGED[route.id];
    if (paged) return paged(this.pool, params, begin());
    return handOverWhole(this.fetch(route, params), route.id, begin);
  }

  fetch(route: Route, params: Params): Promise<unknown> {
    // A team's own probe reads a list of any Google API over REST (src/probes): its route is made from its URL.
    if (route.id.startsWith('probe:')) return restList(this.pool, route, params, { inferItems: true });
    const fetcher = FETCHERS[route.id];
    if (!fetcher) throw new Error(`no live fetcher for ${route.id}`);
    return fetcher(this.pool, params);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/**
 * A list read over REST, every page, through the clients' shared credentials: for the APIs gtp reads without their
 * client (the reason is given where each is used). The URL is the route's own, path and identifying query filled
 * from `params`; a page naming `unreachable` locations makes the list partial.
 */
async function restList(
  pool: ClientPool,
  route: Route,
  params: Params,
  options: { inferItems?: boolean } = {},
): Promise<unknown[]> {
  const request = await pool.authorizedRequest();
  const key = routeKey(route, params);
  const url = `${pool.restBase(route.host)}${key.slice(route.host.length)}`;
  const next = url.includes('?') ? '&' : '?';
  return allPages(async (pageToken) => {
    const page = await request<Record<string, unknown> | null>(
      pageToken ? `${url}${next}pageToken=${encodeURIComponent(pageToken)}` : url,
    );
    if (options.inferItems) assertWhole(key, page);
    else assertWhole(key, { unreachable: page?.unreachable });
    return {
      items: (route.itemsField ? page?.[route.itemsField] : options.inferItems ? onlyList(key, page) : undefined) as
        unknown[] | undefined,
      next: typeof page?.nextPageToken === 'string' ? page.nextPageToken : undefined,
    };
  });
}

/** One resource read over REST, through the clients' shared credentials: the route's URL, filled from `params`. */
async function restGet(pool: ClientPool, route: Route, params: Params): Promise<unknown> {
  const request = await pool.authorizedRequest();
  const key = routeKey(route, params);
  return request(`${pool.restBase(route.host)}${key.slice(route.host.length)}`);
}

/**
 * The items of a page whose items field was not named: its one list field. A page with none is empty (Google
 * leaves an empty list out); one with several cannot be read without the probe naming which.
 */
function onlyList(key: string, page: Record<string, unknown> | null): unknown[] | undefined {
  // A Compute aggregated list keeps its items in a map of scopes: not a list of resources a condition can judge.
  const items = page?.items;
  if (items !== null && typeof items === 'object' && !Array.isArray(items))
    throw new MalformedResponse(`${key}: the items are a map of scopes (an aggregated list): read a list per scope`);
  const lists = Object.entries(page ?? {}).filter(
    ([name, value]) =>
      Array.isArray(value) && !['unreachable', 'unreachables', 'warnings', 'missingZones'].includes(name),
  );
  if (lists.length > 1)
    throw new MalformedResponse(
      `${key}: the answer has ${lists.length} list fields (${lists.map(([n]) => n).join(', ')}): name the items field (items:)`,
    );
  return lists[0]?.[1] as unknown[] | undefined;
}
