import { defineCheck, type ResourceVerdict } from '../../types.js';
import { unavailable } from '../../../gcp/model/kubernetes.js';

export default defineCheck({
  id: 'k8s.argocd',
  title: 'ArgoCD runs healthy in every cluster and keeps its Applications Synced and Healthy (GitOps)',
  collects: ['k8s.clusters'],
  permissions: ['container.clusters.list', 'container.deployments.list', 'container.thirdPartyObjects.list'],
  remediation: {
    operational: 'ArgoCD is installed inside the cluster (Helm or its manifests), not through a Google API',
    text: 'Install ArgoCD in the argocd namespace, declare every workload as an Application pointing at git, and let it sync (with self-heal, so manual changes are reverted).',
  },
  evaluate(data) {
    return {
      resources: data.get('k8s.clusters').map((c): ResourceVerdict => {
        if (!c.argocdDeployments?.length)
          return {
            name: c.cluster,
            verdict: 'fail',
            detail: 'ArgoCD is not installed (no Deployments in namespace argocd)',
          };
        const down = unavailable(c.argocdDeployments);
        if (down.length)
          return { name: c.cluster, verdict: 'fail', detail: `ArgoCD Deployments not available: ${down.join(', ')}` };
        const apps = c.applications ?? [];
        if (apps.length === 0)
          return { name: c.cluster, verdict: 'fail', detail: 'ArgoCD runs but manages no Application' };
        const read = apps.map((a) => {
          const status = a.status as { sync?: { status?: string }; health?: { status?: string } } | undefined;
          return {
            name: String((a.metadata as { name?: string } | undefined)?.name ?? '?'),
            sync: status?.sync?.status ?? 'Unknown',
            health: status?.health?.status ?? 'Unknown',
            drift: driftPolicyOf(a.spec),
          };
        });
        const bad = read.filter((a) => a.sync !== 'Synced' || a.health !== 'Healthy');
        if (bad.length)
          return {
            name: c.cluster,
            verdict: 'fail',
            detail: `Applications out of sync or unhealthy: ${bad.map((a) => `${a.name} (${a.sync}/${a.health})`).join(', ')}`,
          };
        const manual = read.filter((a) => a.drift !== undefined);
        return manual.length
          ? {
              name: c.cluster,
              verdict: 'fail',
              detail: `Applications that leave a change made in the cluster in place: ${manual.map((a) => `${a.name} (${a.drift})`).join(', ')}`,
            }
          : {
              name: c.cluster,
              verdict: 'pass',
              detail: `ArgoCD available; ${apps.length} Application(s), all Synced and Healthy, syncing automatically with self-heal`,
            };
      }),
    };
  },
});

/**
 * Why an Application would leave drift in place, or undefined when it reverts it. Argo CD's automated sync policy:
 * without `spec.syncPolicy.automated` an OutOfSync application waits for someone to sync it; with
 * `automated.enabled: false` "controller will skip automated sync even if prune, self-heal and allowEmpty are set"
 * (null counts as enabled); and selfHeal, default false, is what reverts "resources back to their desired state upon
 * modification in the cluster". Synced at this instant is not GitOps in force without these.
 */
function driftPolicyOf(spec: unknown): string | undefined {
  const automated = (spec as { syncPolicy?: { automated?: unknown } } | undefined)?.syncPolicy?.automated;
  if (automated === undefined || automated === null || typeof automated !== 'object')
    return 'manual sync: no syncPolicy.automated';
  const { enabled, selfHeal } = automated as { enabled?: unknown; selfHeal?: unknown };
  if (enabled === false) return 'automated sync turned off: syncPolicy.automated.enabled is false';
  if (selfHeal !== true) return 'self-heal off: a change made in the cluster is reported, not reverted';
  return undefined;
}
