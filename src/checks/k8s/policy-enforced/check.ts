import { defineCheck, type ResourceVerdict } from '../../types.js';
import { enforced, unavailable } from '../../../gcp/model/kubernetes.js';

export default defineCheck({
  id: 'k8s.policy-enforced',
  title: 'OPA Gatekeeper (or GKE Policy Controller) runs in every cluster with at least one constraint that denies',
  collects: ['k8s.clusters'],
  permissions: ['container.clusters.list', 'container.deployments.list', 'container.thirdPartyObjects.list'],
  remediation: {
    operational: 'Gatekeeper and its constraints are Kubernetes objects applied inside the cluster',
    text: 'Install Gatekeeper (or enable Policy Controller) and set enforcementAction: deny on the constraints once their dry-run shows no false positives.',
  },
  evaluate(data) {
    return {
      resources: data.get('k8s.clusters').map((c): ResourceVerdict => {
        if (!c.gatekeeperDeployments?.length)
          return {
            name: c.cluster,
            verdict: 'fail',
            detail: 'Gatekeeper is not installed (no Deployments in namespace gatekeeper-system)',
          };
        const down = unavailable(c.gatekeeperDeployments);
        if (down.length)
          return {
            name: c.cluster,
            verdict: 'fail',
            detail: `Gatekeeper Deployments not available: ${down.join(', ')}`,
          };
        const deny = enforced(c);
        const all = c.constraints ?? [];
        return deny.length
          ? {
              name: c.cluster,
              verdict: 'pass',
              detail: `${deny.length} of ${all.length} constraint(s) deny: ${deny.map((x) => `${x.kind}/${x.name}`).join(', ')}`,
            }
          : {
              name: c.cluster,
              verdict: 'fail',
              detail: `${all.length} constraint(s), none with enforcementAction deny (${all.map((x) => `${x.kind}/${x.name}: ${x.enforcementAction}`).join(', ') || 'none'})`,
            };
      }),
    };
  },
});
