/**
 * The Kubernetes API paths gtp reads inside each GKE cluster, and the world/snapshot key of each: the cluster's
 * endpoint followed by the path, as for every other request.
 */
export interface KubernetesTarget {
  cluster: string;
  endpoint: string;
  /** Base64 PEM of the cluster CA (masterAuth.clusterCaCertificate). */
  caCertificate?: string;
}

export const K8S_PATHS = {
  argocdDeployments: '/apis/apps/v1/namespaces/argocd/deployments',
  applications: '/apis/argoproj.io/v1alpha1/applications',
  gatekeeperDeployments: '/apis/apps/v1/namespaces/gatekeeper-system/deployments',
  constraintTemplates: '/apis/templates.gatekeeper.sh/v1/constrainttemplates',
  constraints: (plural: string) => `/apis/constraints.gatekeeper.sh/v1beta1/${plural}`,
} as const;

export function kubernetesKey(endpoint: string, path: string): string {
  return `${endpoint}${path}`;
}

/** `/apis/apps/v1/namespaces/argocd/deployments` or `/apis/GROUP/VERSION/PLURAL`, for the typed client calls. */
export function parseKubernetesPath(
  path: string,
): { kind: 'deployments'; namespace: string } | { kind: 'custom'; group: string; version: string; plural: string } {
  const deployments = /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/deployments$/.exec(path);
  if (deployments) return { kind: 'deployments', namespace: deployments[1]! };
  const custom = /^\/apis\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(path);
  if (custom) return { kind: 'custom', group: custom[1]!, version: custom[2]!, plural: custom[3]! };
  throw new Error(`not a Kubernetes path gtp reads: ${path}`);
}

/** The IAM permissions GKE checks for these reads (besides in-cluster RBAC). */
export const K8S_PERMISSIONS = {
  deployments: 'container.deployments.list',
  customObjects: 'container.thirdPartyObjects.list',
} as const;

export function kubernetesPermission(path: string): string {
  return parseKubernetesPath(path).kind === 'deployments' ? K8S_PERMISSIONS.deployments : K8S_PERMISSIONS.customObjects;
}
