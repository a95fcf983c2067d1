import terraformFix from './terraform.js';
import { defineCheck, type ResourceVerdict } from '../../types.js';
import { isEnabled, policyLabel, queriesOf } from '../../../gcp/model/monitoring.js';

export default defineCheck({
  id: 'monitoring.slo-burn-rate-alert',
  title: 'An enabled alert policy fires on SLO burn rate, so a bad release is caught by its error budget',
  collects: ['monitoring.alertPolicies', 'deploy.pipelines'],
  permissions: ['clouddeploy.deliveryPipelines.list', 'clouddeploy.locations.list', 'monitoring.alertPolicies.list'],
  remediation: {
    terraform: terraformFix,
    text: 'Create a google_monitoring_alert_policy whose condition_threshold filter is select_slo_burn_rate("<slo name>", "3600s"), with notification channels.',
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
    // A policy with no notification channel fires into the console and tells nobody (as for the quota alert).
    const resources = burnRate.map((policy): ResourceVerdict => {
      const channels = policy.notificationChannels?.length ?? 0;
      return {
        name: policyLabel(policy),
        verdict: isEnabled(policy) && channels > 0 ? 'pass' : 'fail',
        detail: `select_slo_burn_rate condition, enabled=${isEnabled(policy)}, notificationChannels=${channels}`,
      };
    });
    if (resources.some((r) => r.verdict === 'pass')) return { resources, outcome: 'pass' };
    resources.push({
      name: 'alert policies',
      verdict: 'fail',
      detail: 'no enabled alert policy evaluates select_slo_burn_rate and notifies a channel',
    });
    return { resources, outcome: 'fail' };
  },
});
