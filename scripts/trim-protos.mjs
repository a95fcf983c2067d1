// Writes dist/protos/: for each Google client package gtp uses, its proto descriptor (build/protos/protos.json)
// cut down to the methods gtp calls and every type they reach. A client constructor loads its whole package's
// descriptor (Compute's is 12 MB: parsing it, hashing it and building its reflection took ~0.9 s and ~110 MB per
// run); with these, src/gcp/client-protos.ts hands each client what it uses. Each file records the package version
// it was cut from: another installed version makes gtp load the package's own descriptor instead.
import { createRequire } from 'node:module';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const protobuf = require(require.resolve('protobufjs', { paths: [dirname(require.resolve('google-gax'))] }));

/**
 * The methods gtp calls (src/gcp/live-source.ts, sql-admin.ts, hierarchy-read.ts, src/doctor/probe.ts), by
 * package and service. A service keeps only these: a client still builds a stub per method it has, and a call to
 * a method left out fails at once ("is not a function"), never as a request of the wrong shape.
 */
export const CLIENT_METHODS = {
  '@google-cloud/sql': {
    'google.cloud.sql.v1.SqlInstancesService': [
      'List',
      'Get',
      'Insert',
      'RestoreBackup',
      'Clone',
      'Patch',
      'Delete',
      'GetLatestRecoveryTime',
    ],
    'google.cloud.sql.v1.SqlBackupRunsService': ['List'],
    'google.cloud.sql.v1.SqlOperationsService': ['Get', 'Cancel'],
  },
  '@google-cloud/secret-manager': { 'google.cloud.secretmanager.v1.SecretManagerService': ['AccessSecretVersion'] },
  '@google-cloud/container': { 'google.container.v1.ClusterManager': ['ListClusters'] },
  '@google-cloud/compute': {
    'google.cloud.compute.v1.BackendServices': ['AggregatedList'],
    'google.cloud.compute.v1.SecurityPolicies': ['AggregatedList'],
  },
  '@google-cloud/billing': { 'google.cloud.billing.v1.CloudBilling': ['GetProjectBillingInfo', 'TestIamPermissions'] },
  '@google-cloud/billing-budgets': { 'google.cloud.billing.budgets.v1.BudgetService': ['ListBudgets'] },
  '@google-cloud/resource-manager': {
    'google.cloud.resourcemanager.v3.Projects': ['GetProject', 'GetIamPolicy', 'TestIamPermissions', 'ListProjects'],
    'google.cloud.resourcemanager.v3.Folders': ['GetFolder', 'GetIamPolicy', 'ListFolders'],
    'google.cloud.resourcemanager.v3.Organizations': ['GetIamPolicy'],
  },
  '@google-cloud/service-usage': { 'google.api.serviceusage.v1.ServiceUsage': ['GetService', 'ListServices'] },
  '@google-cloud/artifact-registry': { 'google.devtools.artifactregistry.v1.ArtifactRegistry': ['ListRepositories'] },
  '@google-cloud/security-center': { 'google.cloud.securitycenter.v2.SecurityCenter': ['ListFindings'] },
  '@google-cloud/deploy': { 'google.cloud.deploy.v1.CloudDeploy': ['ListDeliveryPipelines'] },
  '@google-cloud/monitoring': {
    'google.monitoring.v3.AlertPolicyService': ['ListAlertPolicies'],
    'google.monitoring.v3.NotificationChannelService': ['ListNotificationChannels'],
    'google.monitoring.v3.SnoozeService': ['ListSnoozes'],
  },
  '@google-cloud/cloudbuild': { 'google.devtools.cloudbuild.v1.CloudBuild': ['ListBuildTriggers'] },
  '@google-cloud/asset': { 'google.cloud.asset.v1.AssetService': ['ListAssets'] },
};

/**
 * Namespaces kept whole, with every type they reach: small, and read by gax itself (long-running operations, the
 * status of an error). Of google.protobuf only the types something reaches stay (Timestamp, Any, …): its
 * descriptor types were a third of every descriptor.
 */
const KEPT_WHOLE = ['google.longrunning', 'google.rpc'];

/** The file name of a package's trimmed descriptor: @google-cloud/sql → google-cloud-sql.json. */
export const trimmedFileName = (pkg) => `${pkg.replace(/^@/, '').replace('/', '-')}.json`;

function keptNames(root, services) {
  const keep = new Set();
  const withParents = (object) => {
    for (let p = object; p && p !== root; p = p.parent) keep.add(p.fullName);
  };
  const visit = (type) => {
    if (!type || keep.has(type.fullName)) return;
    withParents(type);
    if (type instanceof protobuf.Type) {
      for (const field of type.fieldsArray) visit(field.resolvedType);
      for (const nested of type.nestedArray) visit(nested);
    }
  };
  const everything = (namespace) => {
    for (const nested of namespace?.nestedArray ?? []) {
      if (nested instanceof protobuf.Service) {
        withParents(nested);
        for (const method of nested.methodsArray) {
          method.resolve();
          visit(method.resolvedRequestType);
          visit(method.resolvedResponseType);
        }
      } else if (nested instanceof protobuf.Type || nested instanceof protobuf.Enum) visit(nested);
      else if (nested instanceof protobuf.Namespace) everything(nested);
    }
  };
  for (const name of KEPT_WHOLE) everything(root.lookup(name));
  for (const [name, methods] of Object.entries(services)) {
    const service = root.lookupService(name);
    withParents(service);
    for (const method of service.methodsArray) {
      // A long-running method names its result and metadata types in an option, and a client looks them up for
      // every such method at construction, called or not.
      for (const [option, value] of Object.entries(method.options ?? {}))
        if (option.startsWith('(google.longrunning.operation_info).')) visit(service.parent.lookup(value));
      if (!methods.includes(method.name)) continue;
      method.resolve();
      visit(method.resolvedRequestType);
      visit(method.resolvedResponseType);
    }
    for (const wanted of methods)
      if (!service.methods[wanted]) throw new Error(`${name} has no method ${wanted}: CLIENT_METHODS is out of date`);
  }
  return keep;
}

/** The JSON of a service with only the methods gtp calls. */
function onlyMethods(node, methods) {
  return {
    ...node,
    methods: Object.fromEntries(Object.entries(node.methods).filter(([name]) => methods.includes(name))),
  };
}

/**
 * The descriptor with only the kept names. Extension fields (`extend google.protobuf.MethodOptions`: the
 * declarations of custom options such as google.api.http) go: the options themselves are already strings in
 * the JSON, and their declarations would need the descriptor types back.
 */
function prune(node, prefix, keep, services) {
  if (!node.nested) return node;
  const nested = {};
  for (const [name, child] of Object.entries(node.nested)) {
    const full = `${prefix}.${name}`;
    const methods = services[full.slice(1)];
    if (child.extend) continue;
    if (methods) nested[name] = onlyMethods(child, methods);
    else if (keep.has(full)) nested[name] = prune(child, full, keep, services);
  }
  return { ...node, nested };
}

/** Writes one trimmed descriptor per package into `outDir`; returns their sizes, for the build log. */
export async function trimProtos(outDir) {
  await mkdir(outDir, { recursive: true });
  const sizes = {};
  for (const [pkg, services] of Object.entries(CLIENT_METHODS)) {
    const descriptorPath = require.resolve(`${pkg}/build/protos/protos.json`);
    const { version } = JSON.parse(await readFile(join(descriptorPath, '../../../package.json'), 'utf8'));
    const descriptor = JSON.parse(await readFile(descriptorPath, 'utf8'));
    const root = protobuf.Root.fromJSON(descriptor);
    root.resolveAll();
    const trimmed = prune(descriptor, '', keptNames(root, services), services);
    // The trimmed descriptor must stand alone: every reference in it resolves.
    protobuf.Root.fromJSON(trimmed).resolveAll();
    const text = JSON.stringify({ package: pkg, version, services, descriptor: trimmed });
    await writeFile(join(outDir, trimmedFileName(pkg)), text);
    sizes[pkg] = { full: (await readFile(descriptorPath)).length, trimmed: text.length };
  }
  return sizes;
}
