// Writes dist/protos/: for each Google client package gtp uses, its proto descriptor (build/protos/protos.json)
// cut down to the services gtp calls and every type they reach. A client constructor loads its whole package's
// descriptor (Compute's is 12 MB: parsing it, hashing it and building its reflection took ~0.9 s and ~110 MB per
// run); with these, src/gcp/client-protos.ts hands each client what it uses. Each file records the package version
// it was cut from: another installed version makes gtp load the package's own descriptor instead.
import { createRequire } from 'node:module';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const protobuf = require(require.resolve('protobufjs', { paths: [dirname(require.resolve('google-gax'))] }));

/** The services gtp's clients call (src/gcp/clients.ts), by package. */
export const CLIENT_SERVICES = {
  '@google-cloud/sql': [
    'google.cloud.sql.v1.SqlInstancesService',
    'google.cloud.sql.v1.SqlBackupRunsService',
    'google.cloud.sql.v1.SqlOperationsService',
  ],
  '@google-cloud/secret-manager': ['google.cloud.secretmanager.v1.SecretManagerService'],
  '@google-cloud/container': ['google.container.v1.ClusterManager'],
  '@google-cloud/compute': ['google.cloud.compute.v1.BackendServices', 'google.cloud.compute.v1.SecurityPolicies'],
  '@google-cloud/billing': ['google.cloud.billing.v1.CloudBilling'],
  '@google-cloud/billing-budgets': ['google.cloud.billing.budgets.v1.BudgetService'],
  '@google-cloud/resource-manager': [
    'google.cloud.resourcemanager.v3.Projects',
    'google.cloud.resourcemanager.v3.Folders',
    'google.cloud.resourcemanager.v3.Organizations',
  ],
  '@google-cloud/service-usage': ['google.api.serviceusage.v1.ServiceUsage'],
  '@google-cloud/artifact-registry': ['google.devtools.artifactregistry.v1.ArtifactRegistry'],
  '@google-cloud/security-center': ['google.cloud.securitycenter.v2.SecurityCenter'],
  '@google-cloud/deploy': ['google.cloud.deploy.v1.CloudDeploy'],
  '@google-cloud/monitoring': ['google.monitoring.v3.AlertPolicyService'],
};

/** Namespaces kept whole: small, and read by gax itself (long-running operations, status, well-known types). */
const KEPT_WHOLE = ['google.protobuf', 'google.longrunning', 'google.rpc'];

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
  for (const name of services) {
    const service = root.lookupService(name);
    withParents(service);
    for (const method of service.methodsArray) {
      method.resolve();
      visit(method.resolvedRequestType);
      visit(method.resolvedResponseType);
      // A long-running method names its result and metadata types in an option; the client looks them up.
      for (const [option, value] of Object.entries(method.options ?? {}))
        if (option.startsWith('(google.longrunning.operation_info).')) visit(service.parent.lookup(value));
    }
  }
  return keep;
}

function prune(node, prefix, keep) {
  if (!node.nested) return node;
  const nested = {};
  for (const [name, child] of Object.entries(node.nested)) {
    const full = `${prefix}.${name}`;
    const whole = KEPT_WHOLE.some((ns) => full === `.${ns}` || full.startsWith(`.${ns}.`));
    const onPath = KEPT_WHOLE.some((ns) => `.${ns}`.startsWith(`${full}.`));
    if (whole) nested[name] = child;
    else if (keep.has(full) || onPath) nested[name] = prune(child, full, keep);
  }
  return { ...node, nested };
}

/** Writes one trimmed descriptor per package into `outDir`; returns their sizes, for the build log. */
export async function trimProtos(outDir) {
  await mkdir(outDir, { recursive: true });
  const sizes = {};
  for (const [pkg, services] of Object.entries(CLIENT_SERVICES)) {
    const descriptorPath = require.resolve(`${pkg}/build/protos/protos.json`);
    const { version } = JSON.parse(await readFile(join(descriptorPath, '../../../package.json'), 'utf8'));
    const descriptor = JSON.parse(await readFile(descriptorPath, 'utf8'));
    const root = protobuf.Root.fromJSON(descriptor);
    root.resolveAll();
    const trimmed = prune(descriptor, '', keptNames(root, services));
    // The trimmed descriptor must stand alone: every reference in it resolves.
    protobuf.Root.fromJSON(trimmed).resolveAll();
    const text = JSON.stringify({ package: pkg, version, services, descriptor: trimmed });
    await writeFile(join(outDir, trimmedFileName(pkg)), text);
    sizes[pkg] = { full: (await readFile(descriptorPath)).length, trimmed: text.length };
  }
  return sizes;
}
