import type { ClusterWorkloads } from './model/kubernetes.js';
import type { LocalIo } from './source.js';
import { describeError } from './errors.js';
import { K8S_PATHS, kubernetesKey, type KubernetesTarget } from './kubernetes.js';

interface ClusterApi {
  name?: string;
  endpoint?: string;
  masterAuth?: { clusterCaCertificate?: string };
  privateClusterConfig?: { enablePrivateEndpoint?: boolean; privateEndpoint?: string };
}

interface KubeList {
  items?: Record<string, unknown>[];
}

/**
 * Reads, in every cluster, the few lists the workload checks need. A cluster that cannot be reached (private
 * endpoint only, RBAC denies the caller) fails the collection with the reason: an unread cluster is never fine.
 */
export async function readClusters(clusters: ClusterApi[], io: LocalIo): Promise<ClusterWorkloads[]> {
  // Every cluster is read to the end, and the failures are named in the clusters' order: the error a run reports
  // is the same whichever cluster's API server answered first.
  const settled = await Promise.allSettled(clusters.map((cluster) => readCluster(cluster, io)));
  const failed = settled.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed.length === 1) throw failed[0]!.reason;
  if (failed.length > 1) throw new Error(failed.map((r) => (r.reason as Error).message).join('; '));
  return settled.map((r) => (r as PromiseFulfilledResult<ClusterWorkloads>).value);
}

async function readCluster(cluster: ClusterApi, io: LocalIo): Promise<ClusterWorkloads> {
  const name = cluster.name ?? '(unnamed cluster)';
  if (cluster.privateClusterConfig?.enablePrivateEndpoint) {
    throw new Error(
      `cluster ${name}: the API server has a private endpoint only (${cluster.privateClusterConfig.privateEndpoint ?? 'no public address'}): run gtp from inside the VPC`,
    );
  }
  if (!cluster.endpoint) throw new Error(`cluster ${name}: no API server endpoint`);
  const target: KubernetesTarget = {
    cluster: name,
    endpoint: cluster.endpoint,
    ...(cluster.masterAuth?.clusterCaCertificate ? { caCertificate: cluster.masterAuth.clusterCaCertificate } : {}),
  };
  const list = async (path: string) => {
    try {
      const value = await io.call(() => io.source.kubernetes(target, path));
      io.record(kubernetesKey(target.endpoint, path), value ?? null);
      return value === null ? null : ((value as KubeList).items ?? []);
    } catch (error) {
      throw new Error(`cluster ${name}: ${describeError(error)}`);
    }
  };
  const [argocdDeployments, applications, gatekeeperDeployments, templates] = await Promise.all([
    list(K8S_PATHS.argocdDeployments),
    list(K8S_PATHS.applications),
    list(K8S_PATHS.gatekeeperDeployments),
    list(K8S_PATHS.constraintTemplates),
  ]);
  // Each constraint template defines a constraint kind; its constraints are listed under the kind's plural.
  const kinds = (templates ?? [])
    .map((t) => (t.spec as { crd?: { spec?: { names?: { kind?: string } } } } | undefined)?.crd?.spec?.names?.kind)
    .filter((k): k is string => !!k);
  const constraints =
    templates === null
      ? null
      : (
          await Promise.all(
            kinds.map(async (kind) =>
              ((await list(K8S_PATHS.constraints(kind.toLowerCase()))) ?? []).map((c) => ({
                kind,
                name: String((c.metadata as { name?: string } | undefined)?.name ?? '?'),
                enforcementAction: String(
                  (c.spec as { enforcementAction?: string } | undefined)?.enforcementAction ?? 'deny',
                ),
              })),
            ),
          )
        ).flat();
  return { cluster: name, argocdDeployments, applications, gatekeeperDeployments, constraints };
}
