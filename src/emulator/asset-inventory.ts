import { ALL_ROUTES, matchRequest, ROUTES, type Route } from '../gcp/routes.js';
import type { World } from '../gcp/world.js';
import type { Clock } from '../util/clock.js';
import { failure, type Answer } from './errors.js';
import { listPage } from './pagination.js';
import { compareText } from '../util/text.js';

/**
 * Cloud Asset Inventory's assets.list, served from what the world holds: every resource the world's REST answers
 * hold becomes an asset of its type, placed under its project, the project's folders and the organization
 * (`ancestors`, nearest first), with the REST JSON as `resource.data`, as Google documents the Asset message.
 * Nothing here knows what a check looks for; it only files the world's resources by type.
 */
interface EmulatedAsset {
  name: string;
  assetType: string;
  ancestors: string[];
  updateTime: string;
  resource?: {
    version: string;
    discoveryDocumentUri: string;
    discoveryName: string;
    parent: string;
    data: unknown;
    location?: string;
  };
  iamPolicy?: unknown;
}

type Params = Record<string, string>;

/** How the world's answer of one REST route becomes assets: its type, and each item's name and location. */
interface Filing {
  assetType: string;
  service: string;
  version: string;
  discoveryName: string;
  /** The items of the answer, each with the scope it was listed in (compute's aggregated lists). */
  items(value: unknown): { item: Record<string, unknown>; scope?: string }[];
  /** The asset's full resource name (`number`: the project's, projects/NUMBER, for types named by it). */
  name(item: Record<string, unknown>, params: Params, scope: string | undefined, number: string): string;
  location?(item: Record<string, unknown>, params: Params, scope?: string): string | undefined;
}

const list = (value: unknown) =>
  (Array.isArray(value) ? value : []).map((item) => ({ item: item as Record<string, unknown> }));
const aggregated = (field: string) => (value: unknown) =>
  Object.entries((value ?? {}) as Record<string, Record<string, unknown>>).flatMap(([scope, scoped]) =>
    ((scoped[field] as unknown[] | undefined) ?? []).map((item) => ({ item: item as Record<string, unknown>, scope })),
  );
const regionOf = (scope: string | undefined) => (scope && scope !== 'global' ? scope.split('/')[1] : 'global');
const relative = (service: string) => (item: Record<string, unknown>) => `//${service}/${String(item.name)}`;
/** A resource named under its project's number in Asset Inventory, whatever its API names the project by. */
const underNumber =
  (service: string, collection: string) =>
  (item: Record<string, unknown>, _p: Params, _scope: string | undefined, number: string) =>
    `//${service}/${number}/${collection}/${String(item.name).split('/').at(-1)}`;
/** The location a resource name gives (…/locations/L/…). */
const locationInName = (item: Record<string, unknown>) => /\/locations\/([^/]+)\//.exec(String(item.name))?.[1];

const RESOURCE_FILINGS: Record<string, Filing> = {
  [ROUTES.sqlInstances.id]: {
    assetType: 'sqladmin.googleapis.com/Instance',
    service: 'sqladmin',
    version: 'v1beta4',
    discoveryName: 'DatabaseInstance',
    items: list,
    name: (item, p) => `//cloudsql.googleapis.com/projects/${p.project}/instances/${String(item.name)}`,
    location: (item) => item.region as string | undefined,
  },
  [ROUTES.backendServices.id]: {
    assetType: 'compute.googleapis.com/BackendService',
    service: 'compute',
    version: 'v1',
    discoveryName: 'BackendService',
    items: aggregated('backendServices'),
    name: (item, p, scope) =>
      `//compute.googleapis.com/projects/${p.project}/${scope}/backendServices/${String(item.name)}`,
    location: (_item, _p, scope) => regionOf(scope),
  },
  [ROUTES.securityPolicies.id]: {
    assetType: 'compute.googleapis.com/SecurityPolicy',
    service: 'compute',
    version: 'v1',
    discoveryName: 'SecurityPolicy',
    items: aggregated('securityPolicies'),
    name: (item, p, scope) =>
      `//compute.googleapis.com/projects/${p.project}/${scope}/securityPolicies/${String(item.name)}`,
    location: (_item, _p, scope) => regionOf(scope),
  },
  [ROUTES.buckets.id]: {
    assetType: 'storage.googleapis.com/Bucket',
    service: 'storage',
    version: 'v1',
    discoveryName: 'Bucket',
    items: list,
    name: (item) => `//storage.googleapis.com/${String(item.name)}`,
    location: (item) => (typeof item.location === 'string' ? item.location.toLowerCase() : undefined),
  },
  [ROUTES.artifactRepositories.id]: {
    assetType: 'artifactregistry.googleapis.com/Repository',
    service: 'artifactregistry',
    version: 'v1',
    discoveryName: 'Repository',
    items: list,
    name: relative('artifactregistry.googleapis.com'),
    location: (_item, p) => p.location,
  },
  [ROUTES.deliveryPipelines.id]: {
    assetType: 'clouddeploy.googleapis.com/DeliveryPipeline',
    service: 'clouddeploy',
    version: 'v1',
    discoveryName: 'DeliveryPipeline',
    items: list,
    name: relative('clouddeploy.googleapis.com'),
    location: (_item, p) => p.location,
  },
  [ROUTES.automations.id]: {
    assetType: 'clouddeploy.googleapis.com/Automation',
    service: 'clouddeploy',
    version: 'v1',
    discoveryName: 'Automation',
    items: list,
    name: relative('clouddeploy.googleapis.com'),
    location: (_item, p) => p.location,
  },
  [ROUTES.alertPolicies.id]: {
    assetType: 'monitoring.googleapis.com/AlertPolicy',
    service: 'monitoring',
    version: 'v3',
    discoveryName: 'AlertPolicy',
    items: list,
    name: relative('monitoring.googleapis.com'),
    location: () => 'global',
  },
  // Asset names as Google's published list of asset types gives them: channels and snoozes under the project's
  // number, vaults under its id (GoogleCloudPlatform/k8s-config-connector, docs/ai/metadata/cloudassetinventory_names.jsonl).
  [ROUTES.notificationChannels.id]: {
    assetType: 'monitoring.googleapis.com/NotificationChannel',
    service: 'monitoring',
    version: 'v3',
    discoveryName: 'NotificationChannel',
    items: list,
    name: underNumber('monitoring.googleapis.com', 'notificationChannels'),
    location: () => 'global',
  },
  [ROUTES.snoozes.id]: {
    assetType: 'monitoring.googleapis.com/Snooze',
    service: 'monitoring',
    version: 'v3',
    discoveryName: 'Snooze',
    items: list,
    name: underNumber('monitoring.googleapis.com', 'snoozes'),
    location: () => 'global',
  },
  [ROUTES.backupVaults.id]: {
    assetType: 'backupdr.googleapis.com/BackupVault',
    service: 'backupdr',
    version: 'v1',
    discoveryName: 'BackupVault',
    items: list,
    name: relative('backupdr.googleapis.com'),
    location: locationInName,
  },
  [ROUTES.billingInfo.id]: {
    assetType: 'cloudbilling.googleapis.com/ProjectBillingInfo',
    service: 'cloudbilling',
    version: 'v1',
    discoveryName: 'ProjectBillingInfo',
    items: (value) => (value && typeof value === 'object' ? [{ item: value as Record<string, unknown> }] : []),
    name: (_item, p) => `//cloudbilling.googleapis.com/projects/${p.project}/billingInfo`,
    location: () => 'global',
  },
  [ROUTES.binauthzPolicy.id]: {
    assetType: 'binaryauthorization.googleapis.com/Policy',
    service: 'binaryauthorization',
    version: 'v1',
    discoveryName: 'Policy',
    items: (value) => (value && typeof value === 'object' ? [{ item: value as Record<string, unknown> }] : []),
    name: (_item, p) => `//binaryauthorization.googleapis.com/projects/${p.project}/policy`,
    location: () => 'global',
  },
};

/** The IAM policies set on projects, folders and the organization, by the route that reads each. */
const IAM_FILINGS: Record<string, { assetType: string; param: string; kind: string }> = {
  [ROUTES.iamPolicy.id]: {
    assetType: 'cloudresourcemanager.googleapis.com/Project',
    param: 'project',
    kind: 'projects',
  },
  [ROUTES.folderIamPolicy.id]: {
    assetType: 'cloudresourcemanager.googleapis.com/Folder',
    param: 'folder',
    kind: 'folders',
  },
  [ROUTES.organizationIamPolicy.id]: {
    assetType: 'cloudresourcemanager.googleapis.com/Organization',
    param: 'organization',
    kind: 'organizations',
  },
};

const RM = 'cloudresourcemanager.googleapis.com/v3';
/** Asset Inventory keeps 35 days of history: a readTime before that is refused. */
const HISTORY_MS = 35 * 24 * 3600 * 1000;

export class EmulatedAssetInventory {
  private assets: EmulatedAsset[] | undefined;

  constructor(
    private readonly world: World,
    private readonly clock: Clock,
  ) {}

  answer(routeId: string, params: Params, query: URLSearchParams, pageSize: number | undefined): Answer | undefined {
    const route = [ROUTES.assetResources, ROUTES.assetIamPolicies].find((r) => r.id === routeId);
    if (!route) return undefined;
    const now = this.clock.now();
    const readTimeText = query.get('readTime');
    const readTime = readTimeText ? new Date(readTimeText) : now;
    if (Number.isNaN(readTime.getTime()))
      return failure(400, 'INVALID_ARGUMENT', `Invalid value at 'read_time' (${readTimeText})`);
    if (readTime.getTime() > now.getTime() || readTime.getTime() < now.getTime() - HISTORY_MS)
      return failure(400, 'INVALID_ARGUMENT', 'read_time must be between the current time and 35 days before it');
    const types = query.getAll('assetTypes');
    let patterns: RegExp[];
    try {
      patterns = types.map((t) => new RegExp(`^(?:${t})$`));
    } catch {
      return failure(400, 'INVALID_ARGUMENT', `Invalid asset type pattern: ${types.join(', ')}`);
    }
    const parent = this.parentOf(`${params.scopeKind}/${params.scopeId}`);
    const contentType = route === ROUTES.assetResources ? 'RESOURCE' : 'IAM_POLICY';
    const matching = this.all().filter(
      (asset) =>
        asset.ancestors.includes(parent) &&
        (contentType === 'RESOURCE' ? asset.resource !== undefined : asset.iamPolicy !== undefined) &&
        (patterns.length === 0 || patterns.some((p) => p.test(asset.assetType))),
    );
    const page = listPage(route, matching, query, pageSize);
    return [200, { readTime: readTime.toISOString(), ...page }];
  }

  /** A project named by id is the same parent as by number. */
  private parentOf(parent: string): string {
    if (!parent.startsWith('projects/')) return parent;
    const project = this.world[`${RM}/${parent}`] as { name?: string } | undefined;
    return project?.name ?? parent;
  }

  private all(): EmulatedAsset[] {
    this.assets ??= this.file();
    return this.assets;
  }

  /** Every resource and IAM policy of every project the world holds, as assets. */
  private file(): EmulatedAsset[] {
    const updateTime = this.clock.now().toISOString();
    const assets: EmulatedAsset[] = [];
    const ancestryOf = (resource: string): string[] => {
      const chain = [resource];
      for (let at = resource; ;) {
        const record = this.world[`${RM}/${at}`] as { parent?: string } | undefined;
        if (!record?.parent) break;
        chain.push(record.parent);
        at = record.parent;
      }
      return chain;
    };
    const projectNumber = (projectId: string) =>
      (this.world[`${RM}/projects/${projectId}`] as { name?: string } | undefined)?.name;
    for (const [key, value] of Object.entries(this.world)) {
      const match = routeOf(key);
      if (!match) continue;
      const { route, params } = match;
      const filing = RESOURCE_FILINGS[route.id];
      if (filing && params.project) {
        const number = projectNumber(params.project);
        if (!number) continue;
        const ancestors = ancestorsOfProject(this.world, params.project, number);
        for (const { item, scope } of filing.items(value)) {
          const location = filing.location?.(item, params, scope);
          assets.push({
            name: filing.name(item, params, scope, number),
            assetType: filing.assetType,
            ancestors,
            updateTime,
            resource: {
              version: filing.version,
              discoveryDocumentUri: `https://${filing.service}.googleapis.com/$discovery/rest?version=${filing.version}`,
              discoveryName: filing.discoveryName,
              parent: `//cloudresourcemanager.googleapis.com/${number}`,
              data: item,
              ...(location ? { location } : {}),
            },
          });
        }
        continue;
      }
      const iam = IAM_FILINGS[route.id];
      if (iam && params[iam.param]) {
        const id = params[iam.param]!;
        const resource = iam.kind === 'projects' ? projectNumber(id) : `${iam.kind}/${id}`;
        if (!resource) continue;
        const ancestors = iam.kind === 'projects' ? ancestorsOfProject(this.world, id, resource) : ancestryOf(resource);
        assets.push({
          name: `//cloudresourcemanager.googleapis.com/${resource}`,
          assetType: iam.assetType,
          ancestors,
          updateTime,
          iamPolicy: value,
        });
      }
    }
    return assets.sort((a, b) => compareText(a.name, b.name));
  }
}

/** A project's ancestry from its own record: projects/NUMBER, then its folders, then the organization. */
function ancestorsOfProject(world: World, projectId: string, number: string): string[] {
  const project = world[`${RM}/projects/${projectId}`] as { parent?: string } | undefined;
  if (!project?.parent) return [number];
  const chain = [number, project.parent];
  for (let at = project.parent; at.startsWith('folders/');) {
    const folder = world[`${RM}/${at}`] as { parent?: string } | undefined;
    if (!folder?.parent) break;
    chain.push(folder.parent);
    at = folder.parent;
  }
  return chain;
}

/** The route and parameters of a world key (host, path and identifying query). */
function routeOf(key: string): { route: Route; params: Params } | undefined {
  const slash = key.indexOf('/');
  const [path, query = ''] = key.slice(slash).split('?');
  const host = key.slice(0, slash);
  for (const route of ALL_ROUTES) {
    if (route.host !== host || (route.method ?? 'GET') === 'DELETE') continue;
    const params = matchRequest(route, path!, new URLSearchParams(query));
    if (params) return { route, params };
  }
  return undefined;
}
