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
        const bad = apps
          .map((a) => {
            const status = a.status as { sync?: { status?: string }; health?: { status?: string } } | undefined;
            return {
              name: String((a.metadata as { name?: string } | undefined)?.name ?? '?'),
              sync: status?.sync?.status ?? 'Unknown',
              health: status?.health?.status ?? 'Unknown',
            };
          })
          .filter((a) => a.sync !== 'Synced' || a.health !== 'Healthy');
        return bad.length
          ? {
              name: c.cluster,
              verdict: 'fail',
              detail: `Applications out of sync or unhealthy: ${bad.map((a) => `${a.name} (${a.sync}/${a.health})`).join(', ')}`,
            }
          : {
              name: c.cluster,
              verdict: 'pass',
              detail: `ArgoCD available; ${apps.length} Application(s), all Synced and Healthy`,
            };
      }),
    };
  },
});
