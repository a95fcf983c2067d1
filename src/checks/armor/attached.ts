import { defineCheck, type ResourceVerdict } from '../types.js';

interface BackendService {
  name?: string;
  loadBalancingScheme?: string;
  securityPolicy?: string;
}

interface ScopedList {
  backendServices?: BackendService[];
  warning?: { code?: string };
}

/** Only external load balancers take traffic from the internet; internal ones are reachable from the VPC alone. */
const INTERNET_FACING = new Set(['EXTERNAL', 'EXTERNAL_MANAGED']);

export default defineCheck({
  id: 'armor.attached',
  title: 'Internet-facing backend services have a Cloud Armor security policy',
  collects: ['compute.backendServices'],
  permissions: ['compute.backendServices.list'],
  remediation: {
    terraform: 'armor-attached',
    text: 'Attach a Cloud Armor policy: google_compute_backend_service.security_policy = google_compute_security_policy.<name>.id.',
  },
  evaluate(data) {
    const scopes = data.get<Record<string, ScopedList>>('compute.backendServices');
    const resources: ResourceVerdict[] = [];
    // Empty scopes carry only a NO_RESULTS_ON_PAGE warning and no backendServices.
    for (const [scope, list] of Object.entries(scopes)) {
      for (const service of list.backendServices ?? []) {
        const name = service.name ?? '(unnamed backend service)';
        const scheme = service.loadBalancingScheme ?? 'EXTERNAL';
        if (!INTERNET_FACING.has(scheme)) {
          resources.push({ name, verdict: 'not-applicable', detail: `${scope}: loadBalancingScheme=${scheme} (not internet-facing)` });
          continue;
        }
        const policy = service.securityPolicy?.split('/').at(-1);
        resources.push({
          name,
          verdict: policy ? 'pass' : 'fail',
          detail: `${scope}: loadBalancingScheme=${scheme}, securityPolicy=${policy ?? 'none'}`,
        });
      }
    }
    return { resources };
  },
});
