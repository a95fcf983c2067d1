import { ROUTES, type Route } from '../routes.js';
import type { Asset } from './asset.js';

type Params = Record<string, string>;

/**
 * One asset type gtp lists from Cloud Asset Inventory instead of asking each project's API, and how a project's
 * assets of that type make the REST answer the API would have given. Asset Inventory's `resource.data` is the
 * resource in its API's REST shape, so the same checks judge it unchanged (a parity test per type holds this).
 */
export interface AssetCoverage {
  assetType: string;
  contentType: 'RESOURCE' | 'IAM_POLICY';
  /** The requests it answers. */
  routes: readonly Route[];
  /**
   * The answer to one of those requests from the assets of its project (or, for folders and the organization, of
   * every resource of the type). `undefined`: the inventory cannot say, so the API is asked.
   */
  answer(route: Route, params: Params, assets: readonly Asset[]): unknown;
  /** Whether the assets are filed under their project (resources) or found by name (folder and org policies). */
  by: 'project' | 'name';
  /**
   * The client package and message type the API's own answer is read through (live-source.ts): `resource.data`
   * goes through the same, so both ways give the same fields. Absent where gtp reads the REST answer as sent.
   */
  proto?: readonly [string, string];
  /** How live-source.ts keeps that answer: written back as REST JSON (the default), or the client's object, pruned. */
  kept?: 'rest-json' | 'client-object';
}

const data = (asset: Asset) => asset.resource?.data ?? {};
const everything = (_route: Route, _params: Params, assets: readonly Asset[]) => assets.map(data);
const inLocation = (_route: Route, params: Params, assets: readonly Asset[]) =>
  assets.filter((a) => a.resource?.location === params.location).map(data);

/**
 * A compute aggregated list's scope map: "regions/REGION" for a regional resource (its `region` is the region's
 * URL), "global" otherwise. Scopes without resources are left out, as their warnings say nothing a check reads.
 */
const scopeMap = (field: string) => (_route: Route, _params: Params, assets: readonly Asset[]) => {
  const scopes: Record<string, Record<string, unknown[]>> = {};
  for (const asset of assets) {
    const item = data(asset);
    const region = typeof item.region === 'string' ? item.region.split('/').at(-1) : undefined;
    ((scopes[region ? `regions/${region}` : 'global'] ??= {})[field] ??= []).push(item);
  }
  return scopes;
};

/**
 * A project's resources of one type, listed location by location (Artifact Registry and Cloud Deploy have no
 * all-locations wildcard): the list of locations is answered with those the project's assets are in, and each
 * location's list with its assets. The API's location list names every location the project could use, most of
 * them empty; listing only the held ones gives the same resources without a request per project to find where to
 * look. An asset without a location leaves the question to the API.
 */
const byLocation =
  (locations: Route) =>
  (route: Route, params: Params, assets: readonly Asset[]): unknown => {
    if (route !== locations) return inLocation(route, params, assets);
    const held = assets.map((a) => a.resource?.location);
    if (held.some((l) => typeof l !== 'string' || l === '')) return undefined;
    return [...new Set(held as string[])]
      .sort()
      .map((locationId) => ({ name: `projects/${params.project}/locations/${locationId}`, locationId }));
  };

/** A resource a project has exactly one of: when the inventory holds none, only the API can say what it is. */
const theOne = (_route: Route, _params: Params, assets: readonly Asset[]) =>
  assets.length === 1 ? data(assets[0]!) : undefined;

const policyNamed =
  (kind: 'folders' | 'organizations', param: string) => (_route: Route, params: Params, assets: readonly Asset[]) =>
    assets.find((a) => a.name === `//cloudresourcemanager.googleapis.com/${kind}/${params[param]}`)?.iamPolicy;

export const ASSET_COVERAGE: readonly AssetCoverage[] = [
  {
    assetType: 'sqladmin.googleapis.com/Instance',
    contentType: 'RESOURCE',
    proto: ['@google-cloud/sql', 'google.cloud.sql.v1.DatabaseInstance'],
    routes: [ROUTES.sqlInstances],
    answer: everything,
    by: 'project',
  },
  {
    assetType: 'compute.googleapis.com/BackendService',
    contentType: 'RESOURCE',
    proto: ['@google-cloud/compute', 'google.cloud.compute.v1.BackendService'],
    routes: [ROUTES.backendServices],
    answer: scopeMap('backendServices'),
    by: 'project',
    kept: 'client-object',
  },
  {
    assetType: 'compute.googleapis.com/SecurityPolicy',
    contentType: 'RESOURCE',
    proto: ['@google-cloud/compute', 'google.cloud.compute.v1.SecurityPolicy'],
    routes: [ROUTES.securityPolicies],
    answer: scopeMap('securityPolicies'),
    by: 'project',
    kept: 'client-object',
  },
  {
    assetType: 'storage.googleapis.com/Bucket',
    contentType: 'RESOURCE',
    routes: [ROUTES.buckets],
    answer: everything,
    by: 'project',
  },
  {
    assetType: 'artifactregistry.googleapis.com/Repository',
    contentType: 'RESOURCE',
    proto: ['@google-cloud/artifact-registry', 'google.devtools.artifactregistry.v1.Repository'],
    routes: [ROUTES.artifactRepositories, ROUTES.artifactLocations],
    answer: byLocation(ROUTES.artifactLocations),
    by: 'project',
  },
  {
    assetType: 'clouddeploy.googleapis.com/DeliveryPipeline',
    contentType: 'RESOURCE',
    proto: ['@google-cloud/deploy', 'google.cloud.deploy.v1.DeliveryPipeline'],
    routes: [ROUTES.deliveryPipelines, ROUTES.deployLocations],
    answer: byLocation(ROUTES.deployLocations),
    by: 'project',
  },
  {
    assetType: 'clouddeploy.googleapis.com/Automation',
    contentType: 'RESOURCE',
    routes: [ROUTES.automations],
    // An automation's name is …/locations/L/deliveryPipelines/P/automations/A.
    answer: (_route, params, assets) =>
      assets
        .filter(
          (a) =>
            a.resource?.location === params.location &&
            String(data(a).name ?? '').includes(`/deliveryPipelines/${params.pipeline}/automations/`),
        )
        .map(data),
    by: 'project',
  },
  {
    assetType: 'monitoring.googleapis.com/AlertPolicy',
    contentType: 'RESOURCE',
    proto: ['@google-cloud/monitoring', 'google.monitoring.v3.AlertPolicy'],
    routes: [ROUTES.alertPolicies],
    answer: everything,
    by: 'project',
  },
  {
    assetType: 'monitoring.googleapis.com/NotificationChannel',
    contentType: 'RESOURCE',
    proto: ['@google-cloud/monitoring', 'google.monitoring.v3.NotificationChannel'],
    routes: [ROUTES.notificationChannels],
    answer: everything,
    by: 'project',
  },
  {
    // Every snooze, past ones included, as the API's list gives them: which are active is the audit clock's question.
    assetType: 'monitoring.googleapis.com/Snooze',
    contentType: 'RESOURCE',
    proto: ['@google-cloud/monitoring', 'google.monitoring.v3.Snooze'],
    routes: [ROUTES.snoozes],
    answer: everything,
    by: 'project',
  },
  {
    // The vault list is read with location "-" (every location), so every vault of the project answers it.
    assetType: 'backupdr.googleapis.com/BackupVault',
    contentType: 'RESOURCE',
    routes: [ROUTES.backupVaults],
    answer: everything,
    by: 'project',
  },
  {
    assetType: 'binaryauthorization.googleapis.com/Policy',
    contentType: 'RESOURCE',
    routes: [ROUTES.binauthzPolicy],
    answer: theOne,
    by: 'project',
  },
  {
    // "Cloud Billing" in Asset Inventory's resource types: each project's billing info, in the Billing API's shape.
    assetType: 'cloudbilling.googleapis.com/ProjectBillingInfo',
    contentType: 'RESOURCE',
    proto: ['@google-cloud/billing', 'google.cloud.billing.v1.ProjectBillingInfo'],
    routes: [ROUTES.billingInfo],
    answer: theOne,
    by: 'project',
  },
  {
    assetType: 'cloudresourcemanager.googleapis.com/Project',
    contentType: 'IAM_POLICY',
    routes: [ROUTES.iamPolicy],
    answer: (_route, _params, assets) => (assets.length === 1 ? assets[0]!.iamPolicy : undefined),
    by: 'project',
  },
  {
    assetType: 'cloudresourcemanager.googleapis.com/Folder',
    contentType: 'IAM_POLICY',
    routes: [ROUTES.folderIamPolicy],
    answer: policyNamed('folders', 'folder'),
    by: 'name',
  },
  {
    assetType: 'cloudresourcemanager.googleapis.com/Organization',
    contentType: 'IAM_POLICY',
    routes: [ROUTES.organizationIamPolicy],
    answer: policyNamed('organizations', 'organization'),
    by: 'name',
  },
];
