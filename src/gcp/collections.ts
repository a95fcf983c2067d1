import type { RegisterResources } from '../matrix/schema.js';
import { ROUTES, routeKey, type Route } from './routes.js';
import { classifyError, describeCollectionError, describeError } from './errors.js';
import {
  backupsManagedByBackupDr,
  type BackupPlan,
  type BackupPlanAssociation,
  type BackupVault,
  type SqlProtectionReading,
  type VaultReading,
} from './model/backupdr.js';
import type { SqlInstance } from './model/sql.js';
import { SCANNED_FORMATS } from './model/artifact-registry.js';
import type { Bucket } from './model/storage.js';
import type { ConstraintReading } from '../orgpolicy/model.js';
import type { BuildTrigger, TriggerReading } from './model/cloudbuild.js';
import type { RepoFacts } from '../repo/scan.js';
import type { CollectionId } from './collection-id.js';
import type { LocalIo } from './source.js';
import type { Ancestry } from './model/hierarchy.js';
import type { ProbeDefinition } from '../probes/definition.js';

export type { CollectionId };
import { K8S_PERMISSIONS } from './kubernetes.js';

/**
 * The collections checks read. Each is fetched at most once per run however many checks read it; one may depend
 * on another (budgets need the billing account), which is the only thing ever fetched in sequence.
 */
export interface CollectionContext {
  project: string;
  /** The repository the repository probes read (--repo, default the current directory). */
  repoDir?: string;
  /** Resources the register names, for collections about particular ones (buckets). */
  resources?: RegisterResources;
  /** Reads the restore drill records from the store the caller was given (src/evidence, a layer above). */
  readDrillRecords?: () => Promise<unknown>;
  /** The register's own probes (src/probes), whose lists `probes.lists` reads. */
  probes?: readonly ProbeDefinition[];
}

export interface CollectionRequest {
  route: Route;
  params: Record<string, string>;
  /** A 404 is an answer (null: the resource does not exist), not an error. */
  absentIsNull?: boolean;
}

export interface CollectionDef<Deps extends readonly CollectionId[] = readonly CollectionId[]> {
  id: CollectionId;
  title: string;
  /** The API that must be enabled to read it. */
  api: string;
  dependsOn: Deps;
  /** The routes its requests use: they name the permissions it needs. */
  routes: readonly Route[];
  /** Permissions needed beyond those of its routes (GKE authorises in-cluster reads with IAM too). */
  extraPermissions?: readonly string[];
  /** The REST requests to make, given the values of the dependencies (in dependsOn order). */
  requests(ctx: CollectionContext, deps: unknown[]): CollectionRequest[];
  /** Joins the answers of the requests (in request order) into the collection's value. */
  combine(answers: unknown[], requests: CollectionRequest[]): unknown;
  /**
   * A collection read otherwise than by the REST routes: the local working tree (repository probes) or the
   * Kubernetes API of each cluster. `io.record` keeps what was read for the snapshot.
   */
  local?: (ctx: CollectionContext, deps: unknown[], io: LocalIo) => Promise<unknown>;
  /** Its value does not depend on the project (the repository): an organization audit reads it once. */
  sameForEveryProject?: true;
  /**
   * Read only in some projects (said here): its API need not be enabled where it is not, so `gtp doctor` does not
   * ask for it; its permission is still granted by `gtp iam role`.
   */
  readOnlyWhen?: string;
}

const single = (answers: unknown[]) => answers[0];
const concat = (answers: unknown[]) => answers.flatMap((a) => (Array.isArray(a) ? a : []));

/** The locationId of every location in a locations list. */
function locationIds(locations: unknown): string[] {
  return (Array.isArray(locations) ? locations : [])
    .map((l) => (l as { locationId?: string }).locationId)
    .filter((id): id is string => typeof id === 'string');
}

/**
 * SCC filters, sent to the API so that only what a check needs comes back. Muted findings are excluded with
 * mute!="MUTED" (UNMUTED and UNDEFINED both count), inactive ones with state="ACTIVE".
 */
export const SCC_FILTERS = {
  active: 'state="ACTIVE" AND mute!="MUTED"',
  vulnerabilities:
    'state="ACTIVE" AND mute!="MUTED" AND finding_class="VULNERABILITY" AND (severity="CRITICAL" OR severity="HIGH")',
  misconfigurations: 'state="ACTIVE" AND mute!="MUTED" AND finding_class="MISCONFIGURATION"',
} as const;

/** A collection that is one request about the project (plus fixed parameters), answered as is. */
function oneRequest(
  id: CollectionId,
  title: string,
  api: string,
  route: Route,
  params: Record<string, string> = {},
): CollectionDef {
  return {
    id,
    title,
    api,
    routes: [route],
    dependsOn: [],
    requests: (ctx) => [{ route, params: { project: ctx.project, ...params } }],
    combine: single,
  };
}

/**
 * A one-request collection that only some answers of another can make a verdict need (a service's state only
 * where there are repositories to scan): read after that one, and only then; null where no check can need it. It
 * costs a round trip after its dependency, and saves a call in every project without such resources.
 */
function oneRequestWhen(
  base: CollectionDef,
  dependsOn: CollectionId,
  needed: (dependency: unknown) => boolean,
  readOnlyWhen: string,
): CollectionDef {
  return {
    ...base,
    dependsOn: [dependsOn],
    readOnlyWhen,
    requests: (ctx, [dependency]) => (needed(dependency) ? base.requests(ctx, []) : []),
    combine: (answers, requests) => (requests.length === 0 ? null : base.combine(answers, requests)),
  };
}

const someItems = (value: unknown) => Array.isArray(value) && value.length > 0;

/** A collection read from outside Google's APIs: the working tree, the drill evidence store. */
function notFromGoogle(id: CollectionId, title: string, local: NonNullable<CollectionDef['local']>): CollectionDef {
  return { id, title, api: '', routes: [], dependsOn: [], requests: () => [], combine: () => undefined, local };
}

/** One constraint's policies through the hierarchy: the effective one, and each level's own. */
const ORG_POLICIES = [
  ROUTES.orgPolicyEffective,
  ROUTES.orgPolicyOfProject,
  ROUTES.orgPolicyOfFolder,
  ROUTES.orgPolicyOfOrganization,
];

/**
 * SCC findings of every source, in each location the register names: `sources/-` without a location reads the
 * global location only, and with data residency the findings are in eu, us or sa instead.
 */
const sccCollection = (id: CollectionId, title: string, filter: string): CollectionDef => ({
  id,
  title,
  api: 'securitycenter.googleapis.com',
  routes: [ROUTES.sccFindings, ROUTES.sccFindingsInLocation],
  dependsOn: [],
  requests: (ctx) =>
    [...new Set(ctx.resources?.sccLocations ?? ['global'])].map((location): CollectionRequest =>
      location === 'global'
        ? { route: ROUTES.sccFindings, params: { project: ctx.project, source: '-', filter } }
        : { route: ROUTES.sccFindingsInLocation, params: { project: ctx.project, source: '-', location, filter } },
    ),
  combine: concat,
});

export const COLLECTIONS: Record<CollectionId, CollectionDef> = {
  'sql.instances': oneRequest('sql.instances', 'Cloud SQL instances', 'sqladmin.googleapis.com', ROUTES.sqlInstances),
  'gke.clusters': oneRequest('gke.clusters', 'GKE clusters', 'container.googleapis.com', ROUTES.gkeClusters, {
    location: '-',
  }),
  'compute.backendServices': oneRequest(
    'compute.backendServices',
    'backend services (all scopes)',
    'compute.googleapis.com',
    ROUTES.backendServices,
  ),
  'billing.info': oneRequest(
    'billing.info',
    "the project's billing account",
    'cloudbilling.googleapis.com',
    ROUTES.billingInfo,
  ),
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
  'resourcemanager.project': oneRequest(
    'resourcemanager.project',
    'the project (for its number)',
    'cloudresourcemanager.googleapis.com',
    ROUTES.project,
  ),
  'serviceusage.containerScanning': oneRequestWhen(
    oneRequest(
      'serviceusage.containerScanning',
      'the Container Scanning API',
      'serviceusage.googleapis.com',
      ROUTES.service,
      { service: 'containerscanning.googleapis.com' },
    ),
    'artifactregistry.repositories',
    (repositories) =>
      Array.isArray(repositories) &&
      repositories.some((r) => SCANNED_FORMATS.has((r as { format?: string }).format ?? '')),
    'the project has Docker, Maven, npm or Python repositories',
  ),
  'artifactregistry.locations': oneRequest(
    'artifactregistry.locations',
    'Artifact Registry locations',
    'artifactregistry.googleapis.com',
    ROUTES.artifactLocations,
  ),
  'artifactregistry.repositories': {
    id: 'artifactregistry.repositories',
    title: 'Artifact Registry repositories (every location)',
    api: 'artifactregistry.googleapis.com',
    routes: [ROUTES.artifactRepositories],
    dependsOn: ['artifactregistry.locations'],
    // Artifact Registry has no all-locations wildcard: list each location the project can use.
    requests: (ctx, [locations]) =>
      locationIds(locations).map((location) => ({
        route: ROUTES.artifactRepositories,
        params: { project: ctx.project, location },
      })),
    combine: concat,
  },
  'deploy.locations': oneRequest(
    'deploy.locations',
    'Cloud Deploy locations',
    'clouddeploy.googleapis.com',
    ROUTES.deployLocations,
  ),
  'deploy.pipelines': {
    id: 'deploy.pipelines',
    title: 'Cloud Deploy delivery pipelines (every location)',
    api: 'clouddeploy.googleapis.com',
    routes: [ROUTES.deliveryPipelines],
    dependsOn: ['deploy.locations'],
    // Cloud Deploy, like Artifact Registry, lists one location at a time.
    requests: (ctx, [locations]) =>
      locationIds(locations).map((location) => ({
        route: ROUTES.deliveryPipelines,
        params: { project: ctx.project, location },
      })),
    combine: concat,
  },
  'deploy.automations': {
    id: 'deploy.automations',
    title: 'Cloud Deploy automations (every pipeline)',
    api: 'clouddeploy.googleapis.com',
    routes: [ROUTES.automations],
    dependsOn: ['deploy.pipelines'],
    requests: (ctx, [pipelines]) =>
      (Array.isArray(pipelines) ? pipelines : []).flatMap((p) => {
        const match = /^projects\/[^/]+\/locations\/([^/]+)\/deliveryPipelines\/([^/]+)$/.exec(
          (p as { name?: string }).name ?? '',
        );
        return match
          ? [{ route: ROUTES.automations, params: { project: ctx.project, location: match[1]!, pipeline: match[2]! } }]
          : [];
      }),
    combine: concat,
  },
  'monitoring.alertPolicies': oneRequest(
    'monitoring.alertPolicies',
    'Cloud Monitoring alert policies',
    'monitoring.googleapis.com',
    ROUTES.alertPolicies,
  ),
  // Whether an alert reaches anyone is asked only of alert policies: none, and nothing needs them.
  'monitoring.notificationChannels': oneRequestWhen(
    oneRequest(
      'monitoring.notificationChannels',
      'Cloud Monitoring notification channels',
      'monitoring.googleapis.com',
      ROUTES.notificationChannels,
    ),
    'monitoring.alertPolicies',
    someItems,
    'the project has alert policies',
  ),
  'monitoring.snoozes': oneRequestWhen(
    oneRequest('monitoring.snoozes', 'Cloud Monitoring snoozes', 'monitoring.googleapis.com', ROUTES.snoozes),
    'monitoring.alertPolicies',
    someItems,
    'the project has alert policies',
  ),
  'logging.sinks': oneRequest(
    'logging.sinks',
    "the project's log sinks and its ancestors' intercepting sinks",
    'logging.googleapis.com',
    ROUTES.logSinks,
  ),
  'storage.buckets': oneRequest('storage.buckets', 'Cloud Storage buckets', 'storage.googleapis.com', ROUTES.buckets),
  'storage.namedBuckets': {
    id: 'storage.namedBuckets',
    title: 'the buckets the register names (state and backups), wherever they live',
    api: 'storage.googleapis.com',
    routes: [ROUTES.bucket],
    dependsOn: ['repo.facts'],
    // A named bucket may live in another project (a shared state project), so each is read by name. The state
    // bucket is the register's, or else the one the repository's Terraform backend names.
    requests: (ctx, [facts]) =>
      namedBuckets(ctx.resources, facts).map((bucket) => ({
        route: ROUTES.bucket,
        params: { bucket },
        absentIsNull: true,
      })),
    combine: (answers, requests) => Object.fromEntries(requests.map((r, i) => [r.params.bucket!, answers[i] ?? null])),
  },
  'resourcemanager.iamPolicy': oneRequest(
    'resourcemanager.iamPolicy',
    "the project's IAM policy (audit configuration)",
    'cloudresourcemanager.googleapis.com',
    ROUTES.iamPolicy,
  ),
  // The policy decides what clusters admit: read where there is a cluster.
  'binauthz.policy': oneRequestWhen(
    oneRequest(
      'binauthz.policy',
      "the project's Binary Authorization policy",
      'binaryauthorization.googleapis.com',
      ROUTES.binauthzPolicy,
    ),
    'gke.clusters',
    someItems,
    'the project has GKE clusters',
  ),
  'scc.vulnerabilityFindings': sccCollection(
    'scc.vulnerabilityFindings',
    'active CRITICAL and HIGH vulnerability findings (Security Command Center)',
    SCC_FILTERS.vulnerabilities,
  ),
  'scc.misconfigurationFindings': sccCollection(
    'scc.misconfigurationFindings',
    'active misconfiguration findings (Security Command Center)',
    SCC_FILTERS.misconfigurations,
  ),
  'scc.activeFindings': sccCollection(
    'scc.activeFindings',
    'all active, unmuted findings (Security Command Center)',
    SCC_FILTERS.active,
  ),
  'repo.facts': {
    ...notFromGoogle(
      'repo.facts',
      'the repository: dependency updates, secret scanning, CI steps, Terraform backend',
      async (ctx) => (await import('../repo/scan.js')).scanRepository(ctx.repoDir ?? '.'),
    ),
    sameForEveryProject: true,
  },
  'cloudbuild.triggers': {
    id: 'cloudbuild.triggers',
    title: "Cloud Build triggers (where the repository's cloudbuild files are run from)",
    api: 'cloudbuild.googleapis.com',
    routes: [ROUTES.buildTriggers],
    dependsOn: ['repo.facts'],
    readOnlyWhen: 'the repository has Cloud Build configuration files',
    requests: () => [],
    combine: () => undefined,
    // Read only when the repository has Cloud Build files, and never an error of its own: without the triggers a
    // Cloud Build step stays unverified, with the reason, and the repository's other CI is judged as it is.
    local: async (ctx, [facts], io) => {
      const cloudBuild = (facts as RepoFacts).ciSteps.some((s) => s.system === 'cloud-build');
      if (!cloudBuild) return { read: 'not-needed' } satisfies TriggerReading;
      const locations = [...new Set(ctx.resources?.cloudBuildLocations ?? ['global'])];
      try {
        const lists = await Promise.all(
          locations.map(async (location) => {
            const params = { project: ctx.project, location };
            const value = await io.fetch(ROUTES.buildTriggers, params);
            if (!Array.isArray(value)) throw new Error(`${routeKey(ROUTES.buildTriggers, params)}: not a list`);
            return value as BuildTrigger[];
          }),
        );
        return { read: true, locations, triggers: lists.flat() } satisfies TriggerReading;
      } catch (error) {
        return { read: false, why: describeError(error) } satisfies TriggerReading;
      }
    },
  },
  // The store is evidence of its own, kept wherever the team keeps it: an offline audit reads it again rather
  // than a copy in the snapshot.
  'drill.records': notFromGoogle(
    'drill.records',
    'restore drill records (gtp drill restore) in the evidence store',
    async (ctx, _deps, io) => {
      const read = ctx.readDrillRecords;
      if (!read) throw new Error('no restore drill evidence store was given');
      return io.call(read);
    },
  ),
  'k8s.clusters': {
    id: 'k8s.clusters',
    title: 'inside each GKE cluster: ArgoCD, its Applications, Gatekeeper and its constraints',
    api: 'container.googleapis.com',
    routes: [ROUTES.gkeClusters],
    // GKE lets IAM authorise Kubernetes reads: Deployments, and custom resources (Applications, constraints).
    extraPermissions: [K8S_PERMISSIONS.deployments, K8S_PERMISSIONS.customObjects],
    dependsOn: ['gke.clusters'],
    requests: () => [],
    combine: () => undefined,
    local: async (_ctx, [clusters], io) => {
      const { readClusters } = await import('./kubernetes-read.js');
      return readClusters(clusters as object[], io);
    },
  },
  'resourcemanager.ancestry': {
    id: 'resourcemanager.ancestry',
    title: 'the folders and organization above the project',
    api: 'cloudresourcemanager.googleapis.com',
    routes: [ROUTES.folder],
    dependsOn: ['resourcemanager.project'],
    requests: () => [],
    combine: () => undefined,
    // Read in sequence (each folder names the next parent); a folder that cannot be read is kept in the value.
    local: async (_ctx, [project], io) => (await import('./hierarchy-read.js')).readAncestry(project, io),
  },
  'resourcemanager.ancestorPolicies': {
    id: 'resourcemanager.ancestorPolicies',
    title: "the IAM policies (audit configuration) of the project's folders and organization",
    api: 'cloudresourcemanager.googleapis.com',
    routes: [ROUTES.folderIamPolicy, ROUTES.organizationIamPolicy],
    dependsOn: ['resourcemanager.ancestry'],
    requests: () => [],
    combine: () => undefined,
    local: async (_ctx, [ancestry], io) =>
      (await import('./hierarchy-read.js')).readAncestorPolicies(ancestry as Ancestry, io),
  },
  'backupdr.vaults': {
    id: 'backupdr.vaults',
    title: 'Backup and DR backup vaults (every location)',
    api: 'backupdr.googleapis.com',
    routes: [ROUTES.backupVaults],
    dependsOn: [],
    readOnlyWhen: 'the project uses Backup and DR',
    requests: () => [],
    combine: () => undefined,
    // Never an error of its own: with the API off there is no vault, and the check weighs any other failure.
    local: async (ctx, _deps, io) => {
      const params = { project: ctx.project };
      try {
        const value = await io.fetch(ROUTES.backupVaults, params);
        if (!Array.isArray(value)) throw new Error('the vault list is not a list');
        return { read: true, vaults: value as BackupVault[] } satisfies VaultReading;
      } catch (error) {
        const classified = classifyError(error);
        return {
          read: false,
          apiDisabled: classified.kind === 'api-disabled',
          why: describeCollectionError(classified),
        } satisfies VaultReading;
      }
    },
  },
  'backupdr.sqlProtection': {
    id: 'backupdr.sqlProtection',
    title:
      'Backup and DR backup plans and their associations (every location), for enhanced-backup Cloud SQL instances',
    api: 'backupdr.googleapis.com',
    routes: [ROUTES.backupPlanAssociations, ROUTES.backupPlans],
    dependsOn: ['sql.instances'],
    readOnlyWhen: 'a Cloud SQL instance has enhanced backups',
    requests: () => [],
    combine: () => undefined,
    // Read only when an instance's backups are Backup and DR's, and never an error of its own: such an instance is
    // then unverified, with the reason, and the project's other instances are judged as they are.
    local: async (ctx, [instances], io) => {
      const enhanced = (instances as SqlInstance[]).some((i) =>
        backupsManagedByBackupDr(i.settings?.backupConfiguration?.backupTier),
      );
      if (!enhanced) return { read: 'not-needed' } satisfies SqlProtectionReading;
      const params = { project: ctx.project };
      const list = async (route: Route) => {
        const value = await io.fetch(route, params);
        if (!Array.isArray(value)) throw new Error(`${routeKey(route, params)}: not a list`);
        return value as unknown[];
      };
      try {
        const [associations, plans] = await Promise.all([
          list(ROUTES.backupPlanAssociations),
          list(ROUTES.backupPlans),
        ]);
        return {
          read: true,
          associations: associations as BackupPlanAssociation[],
          plans: plans as BackupPlan[],
        } satisfies SqlProtectionReading;
      } catch (error) {
        return { read: false, why: describeError(error) } satisfies SqlProtectionReading;
      }
    },
  },
  'orgpolicy.stateBucketPrevention': {
    id: 'orgpolicy.stateBucketPrevention',
    title:
      'the organization policy storage.publicAccessPrevention above the state bucket, where the bucket inherits it',
    api: 'orgpolicy.googleapis.com',
    // The bucket's own project (it may be another) and the levels above it are read here.
    routes: [...ORG_POLICIES, ROUTES.project, ROUTES.folder],
    dependsOn: ['storage.namedBuckets', 'repo.facts'],
    readOnlyWhen: 'the Terraform state bucket inherits public access prevention',
    requests: () => [],
    combine: () => undefined,
    // Read only for a state bucket whose prevention is "inherited" ("unspecified", its older name), in the bucket's
    // own project; never an error of its own (the check says what an unread policy leaves unverified).
    local: async (ctx, [named, facts], io) => {
      const name = stateBucketName(ctx.resources, facts as RepoFacts);
      const bucket = name ? (named as Record<string, Bucket | null>)[name] : undefined;
      const prevention = bucket?.iamConfiguration?.publicAccessPrevention ?? 'inherited';
      if (!bucket || (prevention !== 'inherited' && prevention !== 'unspecified'))
        return { read: 'not-needed' } satisfies ConstraintReading;
      if (!bucket.projectNumber)
        return { read: false, why: `${name}: the bucket names no projectNumber` } satisfies ConstraintReading;
      return (await import('../orgpolicy/read.js')).readConstraint(
        bucket.projectNumber,
        'storage.publicAccessPrevention',
        io,
      );
    },
  },
  'orgpolicy.guardrails': {
    id: 'orgpolicy.guardrails',
    title: "the organization's custom constraints, and the policies above the project that enforce them",
    api: 'orgpolicy.googleapis.com',
    routes: [ROUTES.orgCustomConstraints, ...ORG_POLICIES],
    // The project's folders and organization as the IAM checks read them: not read again here.
    dependsOn: ['resourcemanager.ancestry'],
    requests: () => [],
    combine: () => undefined,
    // Never an error of its own: each guardrail check says what an unread constraint or policy leaves unverified.
    local: async (ctx, [ancestry], io) =>
      (await import('../orgpolicy/read.js')).readGuardrails(ctx.project, ancestry as Ancestry, io),
  },
  'probes.lists': {
    id: 'probes.lists',
    title: "the lists the register's own probes read",
    api: '',
    // Each probe names its own lists and permissions (src/probes/check.ts says them to gtp doctor).
    routes: [],
    dependsOn: [],
    requests: () => [],
    combine: () => undefined,
    // Never an error of its own: a list that cannot be read makes the probes that read it unverified, not the others.
    local: async (ctx, _deps, io) =>
      (await import('../probes/read.js')).readProbeLists(ctx.project, ctx.probes ?? [], io),
  },
  'pam.entitlements': {
    id: 'pam.entitlements',
    title: 'Privileged Access Manager entitlements of the project, its folders and its organization',
    api: 'privilegedaccessmanager.googleapis.com',
    routes: [ROUTES.pamProjectEntitlements, ROUTES.pamFolderEntitlements, ROUTES.pamOrganizationEntitlements],
    dependsOn: ['resourcemanager.ancestry'],
    requests: () => [],
    combine: () => undefined,
    local: async (ctx, [ancestry], io) =>
      (await import('./hierarchy-read.js')).readEntitlements(ctx.project, ancestry as Ancestry, io),
  },
  'compute.securityPolicies': oneRequest(
    'compute.securityPolicies',
    'Cloud Armor security policies (all scopes)',
    'compute.googleapis.com',
    ROUTES.securityPolicies,
  ),
};

export function namedBuckets(resources: RegisterResources | undefined, repoFacts?: unknown): string[] {
  const state = stateBucketName(resources, repoFacts);
  return [...new Set([...(state ? [state] : []), ...(resources?.backupBuckets?.names ?? [])])];
}

/** The Terraform state bucket: named in the register, or else by the repository's backend "gcs". */
export function stateBucketName(resources: RegisterResources | undefined, repoFacts?: unknown): string | undefined {
  const fromRepo = (repoFacts as { gcsBackends?: { bucket?: string }[] } | undefined)?.gcsBackends?.find(
    (b) => b.bucket,
  )?.bucket;
  return resources?.terraformStateBucket ?? fromRepo;
}

/** `billingAccounts/0X0X0X-…` → `0X0X0X-…`, or undefined when the project has no (enabled) billing. */
export function billingAccountId(info: unknown): string | undefined {
  const name = (info as { billingAccountName?: string } | undefined)?.billingAccountName;
  const match = name ? /^billingAccounts\/(.+)$/.exec(name) : null;
  return match?.[1];
}

/** The IAM permissions a collection's requests need (and those of what it depends on). */
export function permissionsOf(id: CollectionId): string[] {
  const def = COLLECTIONS[id];
  return [
    ...new Set([
      ...def.dependsOn.flatMap((dep) => permissionsOf(dep)),
      ...def.routes.map((r) => r.permission),
      ...(def.extraPermissions ?? []),
    ]),
  ].sort();
}
