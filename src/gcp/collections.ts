import { ROUTES, type Route } from './routes.js';

/**
 * The collections checks read. Each is fetched at most once per run however many checks read it; one may depend
 * on another (budgets need the billing account), which is the only thing ever fetched in sequence.
 */
export interface CollectionContext {
  project: string;
}

export interface CollectionRequest {
  route: Route;
  params: Record<string, string>;
}

export interface CollectionDef<Deps extends readonly CollectionId[] = readonly CollectionId[]> {
  id: CollectionId;
  title: string;
  /** The API that must be enabled to read it. */
  api: string;
  dependsOn: Deps;
  /** The routes its requests use: they name the permissions it needs. */
  routes: readonly Route[];
  /** The REST requests to make, given the values of the dependencies (in dependsOn order). */
  requests(ctx: CollectionContext, deps: unknown[]): CollectionRequest[];
  /** Joins the answers of the requests (in request order) into the collection's value. */
  combine(answers: unknown[], requests: CollectionRequest[]): unknown;
}

export type CollectionId =
  | 'sql.instances'
  | 'gke.clusters'
  | 'compute.backendServices'
  | 'billing.info'
  | 'billing.budgets'
  | 'resourcemanager.project'
  | 'serviceusage.containerScanning'
  | 'artifactregistry.locations'
  | 'artifactregistry.repositories';

const single = (answers: unknown[]) => answers[0];
const concat = (answers: unknown[]) => answers.flatMap((a) => (Array.isArray(a) ? a : []));

export const COLLECTIONS: Record<CollectionId, CollectionDef> = {
  'sql.instances': {
    id: 'sql.instances',
    title: 'Cloud SQL instances',
    api: 'sqladmin.googleapis.com',
    routes: [ROUTES.sqlInstances],
    dependsOn: [],
    requests: (ctx) => [{ route: ROUTES.sqlInstances, params: { project: ctx.project } }],
    combine: single,
  },
  'gke.clusters': {
    id: 'gke.clusters',
    title: 'GKE clusters',
    api: 'container.googleapis.com',
    routes: [ROUTES.gkeClusters],
    dependsOn: [],
    requests: (ctx) => [{ route: ROUTES.gkeClusters, params: { project: ctx.project, location: '-' } }],
    combine: single,
  },
  'compute.backendServices': {
    id: 'compute.backendServices',
    title: 'backend services (all scopes)',
    api: 'compute.googleapis.com',
    routes: [ROUTES.backendServices],
    dependsOn: [],
    requests: (ctx) => [{ route: ROUTES.backendServices, params: { project: ctx.project } }],
    combine: single,
  },
  'billing.info': {
    id: 'billing.info',
    title: "the project's billing account",
    api: 'cloudbilling.googleapis.com',
    routes: [ROUTES.billingInfo],
    dependsOn: [],
    requests: (ctx) => [{ route: ROUTES.billingInfo, params: { project: ctx.project } }],
    combine: single,
  },
  'billing.budgets': {
    id: 'billing.budgets',
    title: "budgets of the project's billing account",
    api: 'billingbudgets.googleapis.com',
    routes: [ROUTES.budgets],
    dependsOn: ['billing.info'],
    requests: (_ctx, [info]) => {
      const account = billingAccountId(info);
      return account ? [{ route: ROUTES.budgets, params: { account } }] : [];
    },
    combine: concat,
  },
  'resourcemanager.project': {
    id: 'resourcemanager.project',
    title: 'the project (for its number)',
    api: 'cloudresourcemanager.googleapis.com',
    routes: [ROUTES.project],
    dependsOn: [],
    requests: (ctx) => [{ route: ROUTES.project, params: { project: ctx.project } }],
    combine: single,
  },
  'serviceusage.containerScanning': {
    id: 'serviceusage.containerScanning',
    title: 'the Container Scanning API',
    api: 'serviceusage.googleapis.com',
    routes: [ROUTES.service],
    dependsOn: [],
    requests: (ctx) => [{ route: ROUTES.service, params: { project: ctx.project, service: 'containerscanning.googleapis.com' } }],
    combine: single,
  },
  'artifactregistry.locations': {
    id: 'artifactregistry.locations',
    title: 'Artifact Registry locations',
    api: 'artifactregistry.googleapis.com',
    routes: [ROUTES.artifactLocations],
    dependsOn: [],
    requests: (ctx) => [{ route: ROUTES.artifactLocations, params: { project: ctx.project } }],
    combine: single,
  },
  'artifactregistry.repositories': {
    id: 'artifactregistry.repositories',
    title: 'Artifact Registry repositories (every location)',
    api: 'artifactregistry.googleapis.com',
    routes: [ROUTES.artifactRepositories],
    dependsOn: ['artifactregistry.locations'],
    // Artifact Registry has no all-locations wildcard: list each location the project can use.
    requests: (ctx, [locations]) =>
      (Array.isArray(locations) ? locations : [])
        .map((l) => (l as { locationId?: string }).locationId)
        .filter((id): id is string => typeof id === 'string')
        .map((location) => ({ route: ROUTES.artifactRepositories, params: { project: ctx.project, location } })),
    combine: concat,
  },
};

/** `billingAccounts/0X0X0X-…` → `0X0X0X-…`, or undefined when the project has no (enabled) billing. */
export function billingAccountId(info: unknown): string | undefined {
  const name = (info as { billingAccountName?: string } | undefined)?.billingAccountName;
  const match = name ? /^billingAccounts\/(.+)$/.exec(name) : null;
  return match?.[1];
}

/** The IAM permissions a collection's requests need (and those of what it depends on). */
export function permissionsOf(id: CollectionId): string[] {
  const def = COLLECTIONS[id];
  return [...new Set([...def.dependsOn.flatMap((dep) => permissionsOf(dep)), ...def.routes.map((r) => r.permission)])].sort();
}

