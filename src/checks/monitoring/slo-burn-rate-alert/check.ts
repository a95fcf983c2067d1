import terraformFix from './terraform.js';
import { defineCheck } from '../../types.js';
import { queriesOf } from '../../../gcp/model/monitoring.js';
import { judgeAlerts, NOTIFYING_COLLECTIONS, NOTIFYING_PERMISSIONS } from '../notifying.js';

export default defineCheck({
  id: 'monitoring.slo-burn-rate-alert',
  title: 'An enabled alert policy fires on SLO burn rate, so a bad release is caught by its error budget',
  collects: ['monitoring.alertPolicies', 'deploy.pipelines', ...NOTIFYING_COLLECTIONS],
  permissions: [
    'clouddeploy.deliveryPipelines.list',
    'clouddeploy.locations.list',
    'monitoring.alertPolicies.list',
    ...NOTIFYING_PERMISSIONS,
  ],
  remediation: {
    terraform: terraformFix,
    text: 'Create a google_monitoring_alert_policy whose condition_threshold filter is select_slo_burn_rate("<slo name>", "3600s"), with notification channels that are enabled and verified, and end any snooze on it.',
  },
  evaluate(data) {
    // The burn-rate alert exists to roll releases back; a project that deploys nothing has none to roll back.
    if (data.get('deploy.pipelines').length === 0) {
      return {
        resources: [
          { name: 'deploy', verdict: 'not-applicable', detail: 'no delivery pipelines: nothing is released here' },
        ],
      };
    }
    const burnRate = data
      .get('monitoring.alertPolicies')
      .filter((p) => queriesOf(p).some((q) => q.includes('select_slo_burn_rate(')));
    return judgeAlerts(
      data,
      burnRate,
      'select_slo_burn_rate condition',
      'no enabled alert policy evaluates select_slo_burn_rate and notifies a channel that delivers',
    );
  },
});
