/**
 * The Google REST requests gtp makes, as data: where each lives, how it pages, what its response holds.
 * The live collectors, the snapshot format and the emulator all key on these, so one table keeps them in step.
 * Every entry is checked against Google's discovery documents by the test suite.
 */
/** `mutation`: a write the drill makes (answered by the emulator's stateful services, never from a world). */
export type RouteKind = 'list' | 'aggregatedList' | 'get' | 'testPermissions' | 'mutation';

export interface Route {
  id: string;
  host: string;
  /** Path template, `{name}` matching one segment. */
  path: string;
  /** Query parameters that are part of the request's identity (not paging), e.g. storage's ?project=. */
  query?: Record<string, string>;
  /** HTTP method; GET unless the API reads with POST (getIamPolicy). */
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  kind: RouteKind;
  /** The IAM permission Google checks for this request. */
  permission: string;
  /**
   * Where that permission is granted, when not on the project: budgets live on the billing account, and the
   * folders and organization above the project are read where they are (a grant on the organization reaches all).
   */
  permissionScope?: 'billingAccount' | 'ancestors';
  /** Response field holding the items of a list (or the scope map of an aggregated list). */
  itemsField?: string;
  /** For aggregated lists: the field inside each scope that holds the items. */
  scopedItemsField?: string;
  /** Query parameter naming the page size; absent when the API does not paginate. */
  pageSizeParam?: 'maxResults' | 'pageSize';
  /**
   * The page size the API uses when the caller names none, and the largest it accepts, where its reference states
   * them (the parameter's description in the discovery document); the emulator pages by them.
   */
  pageSizes?: { default: number; max: number };
  /**
   * The discovery document and method this request is, and the schema of one item (or of a get's response).
   * An API with no published discovery document names its client's proto instead (`proto:` + package).
   */
  discovery: { file: string; method: string; itemSchema: string };
  /** A media upload: the path is the discovery method's simple upload path, not its metadata path. */
  upload?: true;
  /**
   * Query values the API takes under another spelling: an enum by its number as well as its name (proto3 JSON
   * mapping), which is how the client libraries send it.
   */
  queryAliases?: Record<string, Record<string, string>>;
  /** The API filters the list by this query parameter (SCC's filter language); worlds hold it unfiltered. */
  filterParam?: string;
  /** What the API answers for a resource the world does not hold; absent means 404 for a get, empty for a list. */
  absent?: (params: Record<string, string>) => unknown;
}

/** The logs the _Required sink stores, and the _Default sink therefore leaves out. */
const AUDIT_LOGS_REQUIRED = [
  'cloudaudit.googleapis.com/activity',
  'externalaudit.googleapis.com/activity',
  'cloudaudit.googleapis.com/system_event',
  'externalaudit.googleapis.com/system_event',
  'cloudaudit.googleapis.com/access_transparency',
  'externalaudit.googleapis.com/access_transparency',
];

/** The IAM policy of a project, folder or organization that a world leaves out: no bindings, no audit configuration. */
const emptyIamPolicy = () => ({ version: 1, etag: 'BwAAAAAAAAA=' });

/** What SCC's findings list is, wherever it is read (globally or in one data-residency location). */
const SCC_FINDINGS_LIST = {
  permission: 'securitycenter.findings.list',
  host: 'securitycenter.googleapis.com',
  query: { filter: '{filter}' },
  filterParam: 'filter',
  kind: 'list',
  itemsField: 'listFindingsResults',
  pageSizeParam: 'pageSize',
  pageSizes: { default: 10, max: 1000 },
  // Google publishes no discovery document for SCC v2; the client's proto is the reference.
  discovery: {
    file: 'proto:@google-cloud/security-center',
    method: 'google.cloud.securitycenter.v2.SecurityCenter.ListFindings',
    itemSchema: 'google.cloud.securitycenter.v2.ListFindingsResponse.ListFindingsResult',
  },
} as const;

/** What Cloud Asset Inventory's assets.list is, whatever content type it is asked for. */
const ASSETS_LIST = {
  permissionScope: 'ancestors',
  host: 'cloudasset.googleapis.com',
  // parent is organizations/N, folders/N or projects/P: two segments.
  path: '/v1/{scopeKind}/{scopeId}/assets',
  kind: 'list',
  itemsField: 'assets',
  pageSizeParam: 'pageSize',
  // "Default is 100, minimum is 1, and maximum is 1000."
  pageSizes: { default: 100, max: 1000 },
  // google.cloud.asset.v1.ContentType: RESOURCE = 1, IAM_POLICY = 2.
  queryAliases: { contentType: { '1': 'RESOURCE', '2': 'IAM_POLICY' } },
  // The client's proto is the reference (google.cloud.asset.v1), as for SCC.
  discovery: {
    file: 'proto:@google-cloud/asset',
    method: 'google.cloud.asset.v1.AssetService.ListAssets',
    itemSchema: 'google.cloud.asset.v1.Asset',
  },
} as const;

/**
 * Privileged Access Manager's entitlements list, at a project, a folder or an organization. Its proto is the
 * reference (no discovery document among gtp's, no Node client): test/reference/protos. Entitlements are read in
 * the global location, where PAM keeps those that grant roles on a project, folder or organization.
 */
const PAM_ENTITLEMENTS = {
  permission: 'privilegedaccessmanager.entitlements.list',
  host: 'privilegedaccessmanager.googleapis.com',
  kind: 'list',
  itemsField: 'entitlements',
  pageSizeParam: 'pageSize',
  discovery: {
    file: 'proto:reference:privilegedaccessmanager.v1.proto',
    method: 'google.cloud.privilegedaccessmanager.v1.PrivilegedAccessManager.ListEntitlements',
    itemSchema: 'google.cloud.privilegedaccessmanager.v1.Entitlement',
  },
} as const;

/** An organization policy as set on one resource (404 where none is). */
const ORG_POLICY_GET = {
  permission: 'orgpolicy.policies.get',
  host: 'orgpolicy.googleapis.com',
  kind: 'get',
  discovery: { file: 'orgpolicy.v2.json', method: '', itemSchema: 'GoogleCloudOrgpolicyV2Policy' },
} as const;

export const ROUTES = {
  sqlInstances: {
    id: 'sqladmin.instances.list',
    permission: 'cloudsql.instances.list',
    host: 'sqladmin.googleapis.com',
    path: '/v1/projects/{project}/instances',
    kind: 'list',
    itemsField: 'items',
    pageSizeParam: 'maxResults',
    pageSizes: { default: 500, max: 1000 },
    discovery: { file: 'sqladmin.v1.json', method: 'instances.list', itemSchema: 'DatabaseInstance' },
  },
  gkeClusters: {
    id: 'container.projects.locations.clusters.list',
    permission: 'container.clusters.list',
    host: 'container.googleapis.com',
    path: '/v1/projects/{project}/locations/{location}/clusters',
    kind: 'list',
    itemsField: 'clusters',
    discovery: { file: 'container.v1.json', method: 'projects.locations.clusters.list', itemSchema: 'Cluster' },
  },
  backendServices: {
    id: 'compute.backendServices.aggregatedList',
    permission: 'compute.backendServices.list',
    host: 'compute.googleapis.com',
    path: '/compute/v1/projects/{project}/aggregated/backendServices',
    kind: 'aggregatedList',
    itemsField: 'items',
    scopedItemsField: 'backendServices',
    pageSizeParam: 'maxResults',
    pageSizes: { default: 500, max: 500 },
    discovery: {
      file: 'compute.v1.json',
      method: 'backendServices.aggregatedList',
      itemSchema: 'BackendServicesScopedList',
    },
  },
  billingInfo: {
    id: 'cloudbilling.projects.getBillingInfo',
    permission: 'resourcemanager.projects.get',
    host: 'cloudbilling.googleapis.com',
    path: '/v1/projects/{project}/billingInfo',
    kind: 'get',
    discovery: { file: 'cloudbilling.v1.json', method: 'projects.getBillingInfo', itemSchema: 'ProjectBillingInfo' },
    // A project without a billing account answers with billing disabled, not 404.
    absent: (p) => ({ name: `projects/${p.project}/billingInfo`, projectId: p.project, billingEnabled: false }),
  },
  budgets: {
    id: 'billingbudgets.billingAccounts.budgets.list',
    permission: 'billing.budgets.list',
    permissionScope: 'billingAccount',
    host: 'billingbudgets.googleapis.com',
    path: '/v1/billingAccounts/{account}/budgets',
    kind: 'list',
    itemsField: 'budgets',
    pageSizeParam: 'pageSize',
    pageSizes: { default: 100, max: 100 },
    discovery: {
      file: 'billingbudgets.v1.json',
      method: 'billingAccounts.budgets.list',
      itemSchema: 'GoogleCloudBillingBudgetsV1Budget',
    },
  },
  project: {
    id: 'cloudresourcemanager.projects.get',
    permission: 'resourcemanager.projects.get',
    host: 'cloudresourcemanager.googleapis.com',
    path: '/v3/projects/{project}',
    kind: 'get',
    discovery: { file: 'cloudresourcemanager.v3.json', method: 'projects.get', itemSchema: 'Project' },
  },
  service: {
    id: 'serviceusage.services.get',
    permission: 'serviceusage.services.get',
    host: 'serviceusage.googleapis.com',
    path: '/v1/projects/{project}/services/{service}',
    kind: 'get',
    discovery: { file: 'serviceusage.v1.json', method: 'services.get', itemSchema: 'GoogleApiServiceusageV1Service' },
    // Service Usage knows every service: one the world does not enable is simply disabled.
    absent: (p) => ({
      name: `projects/${p.project}/services/${p.service}`,
      parent: `projects/${p.project}`,
      state: 'DISABLED',
    }),
  },
  artifactLocations: {
    id: 'artifactregistry.projects.locations.list',
    permission: 'artifactregistry.locations.list',
    host: 'artifactregistry.googleapis.com',
    path: '/v1/projects/{project}/locations',
    kind: 'list',
    itemsField: 'locations',
    pageSizeParam: 'pageSize',
    discovery: { file: 'artifactregistry.v1.json', method: 'projects.locations.list', itemSchema: 'Location' },
  },
  artifactRepositories: {
    id: 'artifactregistry.projects.locations.repositories.list',
    permission: 'artifactregistry.repositories.list',
    host: 'artifactregistry.googleapis.com',
    path: '/v1/projects/{project}/locations/{location}/repositories',
    kind: 'list',
    itemsField: 'repositories',
    pageSizeParam: 'pageSize',
    discovery: {
      file: 'artifactregistry.v1.json',
      method: 'projects.locations.repositories.list',
      itemSchema: 'Repository',
    },
  },
  deployLocations: {
    id: 'clouddeploy.projects.locations.list',
    permission: 'clouddeploy.locations.list',
    host: 'clouddeploy.googleapis.com',
    path: '/v1/projects/{project}/locations',
    kind: 'list',
    itemsField: 'locations',
    pageSizeParam: 'pageSize',
    discovery: { file: 'clouddeploy.v1.json', method: 'projects.locations.list', itemSchema: 'Location' },
  },
  deliveryPipelines: {
    id: 'clouddeploy.projects.locations.deliveryPipelines.list',
    permission: 'clouddeploy.deliveryPipelines.list',
    host: 'clouddeploy.googleapis.com',
    path: '/v1/projects/{project}/locations/{location}/deliveryPipelines',
    kind: 'list',
    itemsField: 'deliveryPipelines',
    pageSizeParam: 'pageSize',
    pageSizes: { default: 50, max: 1000 },
    discovery: {
      file: 'clouddeploy.v1.json',
      method: 'projects.locations.deliveryPipelines.list',
      itemSchema: 'DeliveryPipeline',
    },
  },
  automations: {
    id: 'clouddeploy.projects.locations.deliveryPipelines.automations.list',
    permission: 'clouddeploy.automations.list',
    host: 'clouddeploy.googleapis.com',
    path: '/v1/projects/{project}/locations/{location}/deliveryPipelines/{pipeline}/automations',
    kind: 'list',
    itemsField: 'automations',
    pageSizeParam: 'pageSize',
    pageSizes: { default: 50, max: 1000 },
    discovery: {
      file: 'clouddeploy.v1.json',
      method: 'projects.locations.deliveryPipelines.automations.list',
      itemSchema: 'Automation',
    },
  },
  alertPolicies: {
    id: 'monitoring.projects.alertPolicies.list',
    permission: 'monitoring.alertPolicies.list',
    host: 'monitoring.googleapis.com',
    path: '/v3/projects/{project}/alertPolicies',
    kind: 'list',
    itemsField: 'alertPolicies',
    pageSizeParam: 'pageSize',
    discovery: { file: 'monitoring.v3.json', method: 'projects.alertPolicies.list', itemSchema: 'AlertPolicy' },
  },
  notificationChannels: {
    id: 'monitoring.projects.notificationChannels.list',
    permission: 'monitoring.notificationChannels.list',
    host: 'monitoring.googleapis.com',
    path: '/v3/projects/{project}/notificationChannels',
    kind: 'list',
    itemsField: 'notificationChannels',
    pageSizeParam: 'pageSize',
    discovery: {
      file: 'monitoring.v3.json',
      method: 'projects.notificationChannels.list',
      itemSchema: 'NotificationChannel',
    },
  },
  snoozes: {
    id: 'monitoring.projects.snoozes.list',
    permission: 'monitoring.snoozes.list',
    host: 'monitoring.googleapis.com',
    path: '/v3/projects/{project}/snoozes',
    kind: 'list',
    itemsField: 'snoozes',
    pageSizeParam: 'pageSize',
    discovery: { file: 'monitoring.v3.json', method: 'projects.snoozes.list', itemSchema: 'Snooze' },
  },
  logSinks: {
    id: 'logging.projects.sinks.list',
    permission: 'logging.sinks.list',
    host: 'logging.googleapis.com',
    path: '/v2/projects/{project}/sinks',
    // "ALL: Includes all of the sinks which can be returned in any other scope": the project's own, and the
    // intercepting sinks of its folders and organization, which take entries before the project's sinks see them.
    query: { filter: 'in_scope("ALL")' },
    kind: 'list',
    itemsField: 'sinks',
    pageSizeParam: 'pageSize',
    discovery: { file: 'logging.v2.json', method: 'projects.sinks.list', itemSchema: 'LogSink' },
    // Every project has the two sinks Logging creates with it, _Required and _Default, with these filters
    // (Cloud Logging: routing and storage overview; `gcloud logging sinks list` on a new project).
    absent: (p) => [
      {
        name: '_Required',
        resourceName: `projects/${p.project}/sinks/_Required`,
        destination: `logging.googleapis.com/projects/${p.project}/locations/global/buckets/_Required`,
        filter: AUDIT_LOGS_REQUIRED.map((id) => `LOG_ID("${id}")`).join(' OR '),
      },
      {
        name: '_Default',
        resourceName: `projects/${p.project}/sinks/_Default`,
        destination: `logging.googleapis.com/projects/${p.project}/locations/global/buckets/_Default`,
        filter: AUDIT_LOGS_REQUIRED.map((id) => `NOT LOG_ID("${id}")`).join(' AND '),
      },
    ],
  },
  buckets: {
    id: 'storage.buckets.list',
    permission: 'storage.buckets.list',
    host: 'storage.googleapis.com',
    path: '/storage/v1/b',
    query: { project: '{project}' },
    kind: 'list',
    itemsField: 'items',
    pageSizeParam: 'maxResults',
    pageSizes: { default: 1000, max: 1000 },
    discovery: { file: 'storage.v1.json', method: 'buckets.list', itemSchema: 'Bucket' },
  },
  bucket: {
    id: 'storage.buckets.get',
    permission: 'storage.buckets.get',
    host: 'storage.googleapis.com',
    path: '/storage/v1/b/{bucket}',
    kind: 'get',
    discovery: { file: 'storage.v1.json', method: 'buckets.get', itemSchema: 'Bucket' },
  },
  folder: {
    id: 'cloudresourcemanager.folders.get',
    permission: 'resourcemanager.folders.get',
    permissionScope: 'ancestors',
    host: 'cloudresourcemanager.googleapis.com',
    path: '/v3/folders/{folder}',
    kind: 'get',
    discovery: { file: 'cloudresourcemanager.v3.json', method: 'folders.get', itemSchema: 'Folder' },
  },
  // Discovering an organization's projects (src/org): the direct children of a folder or organization; each is
  // listed where the permission is granted (on that folder or the organization).
  projectsUnder: {
    id: 'cloudresourcemanager.projects.list',
    permission: 'resourcemanager.projects.list',
    permissionScope: 'ancestors',
    host: 'cloudresourcemanager.googleapis.com',
    path: '/v3/projects',
    query: { parent: '{parent}' },
    kind: 'list',
    itemsField: 'projects',
    pageSizeParam: 'pageSize',
    discovery: { file: 'cloudresourcemanager.v3.json', method: 'projects.list', itemSchema: 'Project' },
  },
  foldersUnder: {
    id: 'cloudresourcemanager.folders.list',
    permission: 'resourcemanager.folders.list',
    permissionScope: 'ancestors',
    host: 'cloudresourcemanager.googleapis.com',
    path: '/v3/folders',
    query: { parent: '{parent}' },
    kind: 'list',
    itemsField: 'folders',
    pageSizeParam: 'pageSize',
    discovery: { file: 'cloudresourcemanager.v3.json', method: 'folders.list', itemSchema: 'Folder' },
  },
  backupVaults: {
    id: 'backupdr.projects.locations.backupVaults.list',
    permission: 'backupdr.backupVaults.list',
    host: 'backupdr.googleapis.com',
    // "To retrieve backupvault stores for all locations, use "-" for the '{location}' value."
    path: '/v1/projects/{project}/locations/-/backupVaults',
    kind: 'list',
    itemsField: 'backupVaults',
    pageSizeParam: 'pageSize',
    discovery: { file: 'backupdr.v1.json', method: 'projects.locations.backupVaults.list', itemSchema: 'BackupVault' },
  },
  backupPlanAssociations: {
    id: 'backupdr.projects.locations.backupPlanAssociations.list',
    permission: 'backupdr.backupPlanAssociations.list',
    host: 'backupdr.googleapis.com',
    // "To retrieve backup plan associations for all locations, use "-" for the `{location}` value."
    path: '/v1/projects/{project}/locations/-/backupPlanAssociations',
    kind: 'list',
    itemsField: 'backupPlanAssociations',
    pageSizeParam: 'pageSize',
    discovery: {
      file: 'backupdr.v1.json',
      method: 'projects.locations.backupPlanAssociations.list',
      itemSchema: 'BackupPlanAssociation',
    },
  },
  backupPlans: {
    id: 'backupdr.projects.locations.backupPlans.list',
    permission: 'backupdr.backupPlans.list',
    host: 'backupdr.googleapis.com',
    // "If the `{location}` value in the request is "-", the response contains a list of resources from all locations."
    path: '/v1/projects/{project}/locations/-/backupPlans',
    kind: 'list',
    itemsField: 'backupPlans',
    pageSizeParam: 'pageSize',
    discovery: { file: 'backupdr.v1.json', method: 'projects.locations.backupPlans.list', itemSchema: 'BackupPlan' },
  },
  // Organization Policy v2, over REST: the only client (@google-cloud/org-policy 3) is built on google-gax 4, older
  // than the other clients', and would bring a second copy of it.
  orgPolicyEffective: {
    id: 'orgpolicy.projects.policies.getEffectivePolicy',
    // "Authorization requires the following IAM permission on the specified resource name: orgpolicy.policies.get"
    permission: 'orgpolicy.policies.get',
    host: 'orgpolicy.googleapis.com',
    path: '/v2/projects/{project}/policies/{constraint}:getEffectivePolicy',
    kind: 'get',
    discovery: {
      file: 'orgpolicy.v2.json',
      method: 'projects.policies.getEffectivePolicy',
      itemSchema: 'GoogleCloudOrgpolicyV2Policy',
    },
  },
  orgPolicyOfProject: {
    ...ORG_POLICY_GET,
    id: 'orgpolicy.projects.policies.get',
    path: '/v2/projects/{project}/policies/{constraint}',
    discovery: { ...ORG_POLICY_GET.discovery, method: 'projects.policies.get' },
  },
  orgPolicyOfFolder: {
    ...ORG_POLICY_GET,
    id: 'orgpolicy.folders.policies.get',
    permissionScope: 'ancestors',
    path: '/v2/folders/{folder}/policies/{constraint}',
    discovery: { ...ORG_POLICY_GET.discovery, method: 'folders.policies.get' },
  },
  orgPolicyOfOrganization: {
    ...ORG_POLICY_GET,
    id: 'orgpolicy.organizations.policies.get',
    permissionScope: 'ancestors',
    path: '/v2/organizations/{organization}/policies/{constraint}',
    discovery: { ...ORG_POLICY_GET.discovery, method: 'organizations.policies.get' },
  },
  // The custom constraints an organization defines: "Retrieves all of the custom constraints that exist on a
  // particular organization resource". pageSize and pageToken are "currently unsupported and will be ignored", so
  // the list is read without a page size, and a next-page token, should one come, is still followed.
  orgCustomConstraints: {
    id: 'orgpolicy.organizations.customConstraints.list',
    permission: 'orgpolicy.customConstraints.list',
    permissionScope: 'ancestors',
    host: 'orgpolicy.googleapis.com',
    path: '/v2/organizations/{organization}/customConstraints',
    kind: 'list',
    itemsField: 'customConstraints',
    discovery: {
      file: 'orgpolicy.v2.json',
      method: 'organizations.customConstraints.list',
      itemSchema: 'GoogleCloudOrgpolicyV2CustomConstraint',
    },
  },
  pamProjectEntitlements: {
    ...PAM_ENTITLEMENTS,
    id: 'privilegedaccessmanager.projects.locations.entitlements.list',
    path: '/v1/projects/{project}/locations/global/entitlements',
  },
  pamFolderEntitlements: {
    ...PAM_ENTITLEMENTS,
    id: 'privilegedaccessmanager.folders.locations.entitlements.list',
    permissionScope: 'ancestors',
    path: '/v1/folders/{folder}/locations/global/entitlements',
  },
  pamOrganizationEntitlements: {
    ...PAM_ENTITLEMENTS,
    id: 'privilegedaccessmanager.organizations.locations.entitlements.list',
    permissionScope: 'ancestors',
    path: '/v1/organizations/{organization}/locations/global/entitlements',
  },
  folderIamPolicy: {
    id: 'cloudresourcemanager.folders.getIamPolicy',
    permission: 'resourcemanager.folders.getIamPolicy',
    permissionScope: 'ancestors',
    host: 'cloudresourcemanager.googleapis.com',
    path: '/v3/folders/{folder}:getIamPolicy',
    method: 'POST',
    kind: 'get',
    discovery: { file: 'cloudresourcemanager.v3.json', method: 'folders.getIamPolicy', itemSchema: 'Policy' },
    // Every folder has a policy; one the world leaves out has no bindings and no audit configuration.
    absent: emptyIamPolicy,
  },
  organizationIamPolicy: {
    id: 'cloudresourcemanager.organizations.getIamPolicy',
    permission: 'resourcemanager.organizations.getIamPolicy',
    permissionScope: 'ancestors',
    host: 'cloudresourcemanager.googleapis.com',
    path: '/v3/organizations/{organization}:getIamPolicy',
    method: 'POST',
    kind: 'get',
    discovery: { file: 'cloudresourcemanager.v3.json', method: 'organizations.getIamPolicy', itemSchema: 'Policy' },
    absent: emptyIamPolicy,
  },
  iamPolicy: {
    id: 'cloudresourcemanager.projects.getIamPolicy',
    permission: 'resourcemanager.projects.getIamPolicy',
    host: 'cloudresourcemanager.googleapis.com',
    path: '/v3/projects/{project}:getIamPolicy',
    method: 'POST',
    kind: 'get',
    discovery: { file: 'cloudresourcemanager.v3.json', method: 'projects.getIamPolicy', itemSchema: 'Policy' },
    // A project always has a policy; one the world leaves out has no bindings and no audit configuration.
    absent: emptyIamPolicy,
  },
  buildTriggers: {
    id: 'cloudbuild.projects.locations.triggers.list',
    // "Authorization requires the following IAM permission on the specified resource parent: cloudbuild.builds.list"
    permission: 'cloudbuild.builds.list',
    host: 'cloudbuild.googleapis.com',
    path: '/v1/projects/{project}/locations/{location}/triggers',
    kind: 'list',
    itemsField: 'triggers',
    pageSizeParam: 'pageSize',
    discovery: { file: 'cloudbuild.v1.json', method: 'projects.locations.triggers.list', itemSchema: 'BuildTrigger' },
  },
  binauthzPolicy: {
    id: 'binaryauthorization.projects.getPolicy',
    permission: 'binaryauthorization.policy.get',
    host: 'binaryauthorization.googleapis.com',
    path: '/v1/projects/{project}/policy',
    kind: 'get',
    discovery: { file: 'binaryauthorization.v1.json', method: 'projects.getPolicy', itemSchema: 'Policy' },
    // Every project has a policy; the default one allows every image.
    absent: (p) => ({
      name: `projects/${p.project}/policy`,
      globalPolicyEvaluationMode: 'ENABLE',
      defaultAdmissionRule: { evaluationMode: 'ALWAYS_ALLOW', enforcementMode: 'ENFORCED_BLOCK_AND_AUDIT_LOG' },
    }),
  },
  securityPolicies: {
    id: 'compute.securityPolicies.aggregatedList',
    permission: 'compute.securityPolicies.list',
    host: 'compute.googleapis.com',
    path: '/compute/v1/projects/{project}/aggregated/securityPolicies',
    kind: 'aggregatedList',
    itemsField: 'items',
    scopedItemsField: 'securityPolicies',
    pageSizeParam: 'maxResults',
    pageSizes: { default: 500, max: 500 },
    discovery: {
      file: 'compute.v1.json',
      method: 'securityPolicies.aggregatedList',
      itemSchema: 'SecurityPoliciesScopedList',
    },
  },
  // An organization audit's collection from Cloud Asset Inventory (src/gcp/asset-inventory): one asset type of every
  // project below an organization or folder, as resources or as the IAM policies set on them. The content type
  // decides the permission Google checks, so each is a route of its own.
  assetResources: {
    ...ASSETS_LIST,
    id: 'cloudasset.assets.list',
    permission: 'cloudasset.assets.listResource',
    query: { assetTypes: '{assetType}', contentType: 'RESOURCE' },
  },
  assetIamPolicies: {
    ...ASSETS_LIST,
    id: 'cloudasset.assets.list:IAM_POLICY',
    permission: 'cloudasset.assets.listIamPolicy',
    query: { assetTypes: '{assetType}', contentType: 'IAM_POLICY' },
  },
  projectPermissions: {
    id: 'cloudresourcemanager.projects.testIamPermissions',
    permission: 'none (any caller may ask)',
    host: 'cloudresourcemanager.googleapis.com',
    path: '/v3/projects/{project}:testIamPermissions',
    method: 'POST',
    kind: 'testPermissions',
    discovery: {
      file: 'cloudresourcemanager.v3.json',
      method: 'projects.testIamPermissions',
      itemSchema: 'TestIamPermissionsResponse',
    },
  },
  billingAccountPermissions: {
    id: 'cloudbilling.billingAccounts.testIamPermissions',
    permission: 'none (any caller may ask)',
    host: 'cloudbilling.googleapis.com',
    path: '/v1/billingAccounts/{account}:testIamPermissions',
    method: 'POST',
    kind: 'testPermissions',
    discovery: {
      file: 'cloudbilling.v1.json',
      method: 'billingAccounts.testIamPermissions',
      itemSchema: 'TestIamPermissionsResponse',
    },
  },
  services: {
    id: 'serviceusage.services.list',
    permission: 'serviceusage.services.list',
    host: 'serviceusage.googleapis.com',
    path: '/v1/projects/{project}/services',
    kind: 'list',
    itemsField: 'services',
    pageSizeParam: 'pageSize',
    pageSizes: { default: 50, max: 200 },
    discovery: { file: 'serviceusage.v1.json', method: 'services.list', itemSchema: 'GoogleApiServiceusageV1Service' },
  },
  sccFindings: {
    ...SCC_FINDINGS_LIST,
    id: 'securitycenter.projects.sources.findings.list',
    path: '/v2/projects/{project}/sources/{source}/findings',
  },
  // The same list in one Security Command Center data-residency location (eu, us, sa). Google serves it from the
  // regional endpoint securitycenter.LOCATION.rep.googleapis.com ("you can't use a regional endpoint to access
  // resources in other locations"); worlds and snapshots key it under the global host name with the location in
  // the path, which already names it.
  sccFindingsInLocation: {
    ...SCC_FINDINGS_LIST,
    id: 'securitycenter.projects.sources.locations.findings.list',
    path: '/v2/projects/{project}/sources/{source}/locations/{location}/findings',
  },
  // The same lists for a whole organization: one read answers every project of an organization audit, each finding
  // placed in its project by its resource (src/gcp/scc-organization.ts).
  sccOrganizationFindings: {
    ...SCC_FINDINGS_LIST,
    id: 'securitycenter.organizations.sources.findings.list',
    path: '/v2/organizations/{organization}/sources/{source}/findings',
  },
  sccOrganizationFindingsInLocation: {
    ...SCC_FINDINGS_LIST,
    id: 'securitycenter.organizations.sources.locations.findings.list',
    path: '/v2/organizations/{organization}/sources/{source}/locations/{location}/findings',
  },
  // What a restore drill reads and writes (src/drill). The instance-level routes answer from the emulator's
  // stateful Cloud SQL, so that instances the drill creates can be read back.
  sqlInstance: {
    id: 'sqladmin.instances.get',
    permission: 'cloudsql.instances.get',
    host: 'sqladmin.googleapis.com',
    path: '/v1/projects/{project}/instances/{instance}',
    kind: 'get',
    discovery: { file: 'sqladmin.v1.json', method: 'instances.get', itemSchema: 'DatabaseInstance' },
  },
  sqlBackupRuns: {
    id: 'sqladmin.backupRuns.list',
    permission: 'cloudsql.backupRuns.list',
    host: 'sqladmin.googleapis.com',
    path: '/v1/projects/{project}/instances/{instance}/backupRuns',
    kind: 'list',
    itemsField: 'items',
    pageSizeParam: 'maxResults',
    discovery: { file: 'sqladmin.v1.json', method: 'backupRuns.list', itemSchema: 'BackupRun' },
  },
  sqlLatestRecoveryTime: {
    id: 'sqladmin.projects.instances.getLatestRecoveryTime',
    permission: 'cloudsql.instances.get',
    host: 'sqladmin.googleapis.com',
    path: '/v1/projects/{project}/instances/{instance}/getLatestRecoveryTime',
    kind: 'get',
    discovery: {
      file: 'sqladmin.v1.json',
      method: 'projects.instances.getLatestRecoveryTime',
      itemSchema: 'SqlInstancesGetLatestRecoveryTimeResponse',
    },
  },
  sqlOperation: {
    id: 'sqladmin.operations.get',
    permission: 'cloudsql.instances.get',
    host: 'sqladmin.googleapis.com',
    path: '/v1/projects/{project}/operations/{operation}',
    kind: 'get',
    discovery: { file: 'sqladmin.v1.json', method: 'operations.get', itemSchema: 'Operation' },
  },
  sqlOperationCancel: {
    id: 'sqladmin.operations.cancel',
    permission: 'cloudsql.instances.get',
    host: 'sqladmin.googleapis.com',
    path: '/v1/projects/{project}/operations/{operation}/cancel',
    method: 'POST',
    kind: 'mutation',
    discovery: { file: 'sqladmin.v1.json', method: 'operations.cancel', itemSchema: 'Empty' },
  },
  sqlInsert: {
    id: 'sqladmin.instances.insert',
    permission: 'cloudsql.instances.create',
    host: 'sqladmin.googleapis.com',
    path: '/v1/projects/{project}/instances',
    method: 'POST',
    kind: 'mutation',
    discovery: { file: 'sqladmin.v1.json', method: 'instances.insert', itemSchema: 'Operation' },
  },
  sqlClone: {
    id: 'sqladmin.instances.clone',
    permission: 'cloudsql.instances.clone',
    host: 'sqladmin.googleapis.com',
    path: '/v1/projects/{project}/instances/{instance}/clone',
    method: 'POST',
    kind: 'mutation',
    discovery: { file: 'sqladmin.v1.json', method: 'instances.clone', itemSchema: 'Operation' },
  },
  sqlRestoreBackup: {
    id: 'sqladmin.instances.restoreBackup',
    permission: 'cloudsql.instances.restoreBackup',
    host: 'sqladmin.googleapis.com',
    path: '/v1/projects/{project}/instances/{instance}/restoreBackup',
    method: 'POST',
    kind: 'mutation',
    discovery: { file: 'sqladmin.v1.json', method: 'instances.restoreBackup', itemSchema: 'Operation' },
  },
  sqlPatch: {
    id: 'sqladmin.instances.patch',
    permission: 'cloudsql.instances.update',
    host: 'sqladmin.googleapis.com',
    path: '/v1/projects/{project}/instances/{instance}',
    method: 'PATCH',
    kind: 'mutation',
    discovery: { file: 'sqladmin.v1.json', method: 'instances.patch', itemSchema: 'Operation' },
  },
  sqlDelete: {
    id: 'sqladmin.instances.delete',
    permission: 'cloudsql.instances.delete',
    host: 'sqladmin.googleapis.com',
    path: '/v1/projects/{project}/instances/{instance}',
    method: 'DELETE',
    kind: 'mutation',
    discovery: { file: 'sqladmin.v1.json', method: 'instances.delete', itemSchema: 'Operation' },
  },
  // The database password a drill connects with, when it is kept in Secret Manager.
  secretVersion: {
    id: 'secretmanager.projects.secrets.versions.access',
    permission: 'secretmanager.versions.access',
    host: 'secretmanager.googleapis.com',
    path: '/v1/projects/{project}/secrets/{secret}/versions/{version}:access',
    kind: 'get',
    // Google publishes no discovery document for Secret Manager here; the client's proto is the reference.
    discovery: {
      file: 'proto:@google-cloud/secret-manager',
      method: 'google.cloud.secretmanager.v1.SecretManagerService.AccessSecretVersion',
      itemSchema: 'google.cloud.secretmanager.v1.AccessSecretVersionResponse',
    },
  },
  // Drill records kept in a Cloud Storage prefix (src/evidence).
  objects: {
    id: 'storage.objects.list',
    permission: 'storage.objects.list',
    host: 'storage.googleapis.com',
    path: '/storage/v1/b/{bucket}/o',
    query: { prefix: '{prefix}' },
    kind: 'list',
    itemsField: 'items',
    pageSizeParam: 'maxResults',
    pageSizes: { default: 1000, max: 1000 },
    discovery: { file: 'storage.v1.json', method: 'objects.list', itemSchema: 'Object' },
  },
  object: {
    id: 'storage.objects.get',
    permission: 'storage.objects.get',
    host: 'storage.googleapis.com',
    path: '/storage/v1/b/{bucket}/o/{object}',
    kind: 'get',
    discovery: { file: 'storage.v1.json', method: 'objects.get', itemSchema: 'Object' },
  },
  objectUpload: {
    id: 'storage.objects.insert',
    permission: 'storage.objects.create',
    host: 'storage.googleapis.com',
    path: '/upload/storage/v1/b/{bucket}/o',
    method: 'POST',
    kind: 'mutation',
    upload: true,
    discovery: { file: 'storage.v1.json', method: 'objects.insert', itemSchema: 'Object' },
  },
} as const satisfies Record<string, Route>;

export type RouteName = keyof typeof ROUTES;

export const ALL_ROUTES: readonly Route[] = Object.values(ROUTES);

/** The world/snapshot key of a request: host and path, no scheme, no pagination parameters. */
export function routeKey(route: Route, params: Record<string, string>): string {
  // An empty identifying parameter (no filter) is left out, as a client would leave it out of the URL.
  const query = Object.entries(route.query ?? {})
    .map(([name, value]) => [name, fillPath(value, params)] as const)
    .filter(([, value]) => value !== '')
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`);
  return route.host + fillPath(route.path, params) + (query.length > 0 ? `?${query.join('&')}` : '');
}

export function fillPath(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${template}`);
    return value;
  });
}

/** Matches a request (path and identifying query parameters) against a route; returns its parameters. */
export function matchRequest(route: Route, path: string, query: URLSearchParams): Record<string, string> | undefined {
  const params = matchPath(route, path);
  if (!params) return undefined;
  for (const [name, template] of Object.entries(route.query ?? {})) {
    const value = query.get(name) ?? (name === route.filterParam ? '' : null);
    const placeholder = /^\{(\w+)\}$/.exec(template)?.[1];
    if (value === null) return undefined;
    // A fixed value (Asset Inventory's contentType) tells two routes of one path apart.
    if (!placeholder) {
      if ((route.queryAliases?.[name]?.[value] ?? value) !== template) return undefined;
      continue;
    }
    params[placeholder] = value;
  }
  return params;
}

/** Matches a request path against a route's path template; returns its parameters or undefined. */
export function matchPath(route: Route, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const pattern = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    // Custom methods follow a colon (projects/p:getIamPolicy): no id in these paths contains one.
    return '([^/:]+)';
  });
  const match = new RegExp(`^${pattern}$`).exec(path);
  if (!match) return undefined;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
}
