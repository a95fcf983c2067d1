import terraformFix from './terraform.js';
import { backendServices, isInternetFacing } from '../../../gcp/model/compute.js';
import { defineCheck } from '../../types.js';

export default defineCheck({
  id: 'lb.global-external',
  title: 'Traffic enters through a global external load balancer (one anycast IP, backends in any region)',
  collects: ['compute.backendServices'],
  permissions: ['compute.backendServices.list'],
  remediation: {
    terraform: terraformFix,
    text: 'Serve through a global external Application Load Balancer: a google_compute_backend_service with load_balancing_scheme = "EXTERNAL_MANAGED" and a global forwarding rule.',
  },
  evaluate(data) {
    const external = backendServices(data.get('compute.backendServices')).filter(({ service }) =>
      isInternetFacing(service),
    );
    const resources = external.map(({ scope, service, name }) => ({
      name,
      verdict: scope === 'global' ? ('pass' as const) : ('not-applicable' as const),
      detail: `${scope}: loadBalancingScheme=${service.loadBalancingScheme ?? 'EXTERNAL'}${scope === 'global' ? ' (global)' : ' (regional)'}`,
    }));
    if (external.length === 0) return { resources };
    return { resources, outcome: resources.some((r) => r.verdict === 'pass') ? 'pass' : 'fail' };
  },
});
