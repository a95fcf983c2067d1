import { evidence } from './evidence.js';
import terraformFix from './terraform.js';
import { backendServices, isInternetFacing, shortName } from '../../../gcp/model/compute.js';
import { defineCheck, type ResourceVerdict } from '../../types.js';

export default defineCheck({
  id: 'armor.attached',
  title: 'Internet-facing backend services have a Cloud Armor security policy',
  collects: ['compute.backendServices'],
  evidence,
  permissions: ['compute.backendServices.list'],
  remediation: {
    terraform: terraformFix,
    text: 'Attach a Cloud Armor policy: google_compute_backend_service.security_policy = google_compute_security_policy.<name>.id.',
  },
  evaluate(data) {
    const resources = backendServices(data.get('compute.backendServices')).map(
      ({ scope, service, name }): ResourceVerdict => {
        const scheme = service.loadBalancingScheme ?? 'EXTERNAL';
        if (!isInternetFacing(service))
          return {
            name,
            verdict: 'not-applicable',
            detail: `${scope}: loadBalancingScheme=${scheme} (not internet-facing)`,
          };
        const policy = shortName(service.securityPolicy);
        return {
          name,
          verdict: policy ? 'pass' : 'fail',
          detail: `${scope}: loadBalancingScheme=${scheme}, securityPolicy=${policy ?? 'none'}`,
          ...(policy ? {} : { data: { scope, service } }),
        };
      },
    );
    return { resources };
  },
});
