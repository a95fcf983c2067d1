import { defineCheck, type ResourceVerdict } from '../../types.js';
import { enforced } from '../../../gcp/model/kubernetes.js';

/** Constraint kinds from the Gatekeeper policy library (and common custom names) for the seed's two rules. */
const RESOURCE_LIMITS = /ContainerLimits|RequiredResources|ContainerResources/i;
const NO_PUBLIC_LB = /BlockLoadBalancer|DisallowedLoadBalancer|BlockServicesWithExternal|LoadBalancer/i;

export default defineCheck({
  id: 'k8s.policy-constraints',
  title: "Every cluster enforces the seed's two rules: resource limits required, no public LoadBalancers",
  collects: ['k8s.clusters'],
  permissions: ['container.clusters.list', 'container.deployments.list', 'container.thirdPartyObjects.list'],
  remediation: {
    operational: 'Gatekeeper constraints are Kubernetes objects applied inside the cluster',
    text: 'Add, with enforcementAction: deny, a K8sContainerLimits (or K8sRequiredResources) constraint and a K8sBlockLoadBalancer constraint from the Gatekeeper policy library.',
  },
  evaluate(data) {
    return {
      resources: data.get('k8s.clusters').map((c): ResourceVerdict => {
        const deny = enforced(c);
        const limits = deny.find((x) => RESOURCE_LIMITS.test(x.kind));
        const lb = deny.find((x) => NO_PUBLIC_LB.test(x.kind));
        const missing = [...(limits ? [] : ['resource limits']), ...(lb ? [] : ['no public LoadBalancers'])];
        return missing.length
          ? { name: c.cluster, verdict: 'fail', detail: `no enforced constraint for ${missing.join(' or ')}` }
          : {
              name: c.cluster,
              verdict: 'pass',
              detail: `${limits!.kind}/${limits!.name} and ${lb!.kind}/${lb!.name} deny`,
            };
      }),
    };
  },
});
