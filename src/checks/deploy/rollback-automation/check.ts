import terraformFix from './terraform.js';
import { defineCheck, type ResourceVerdict } from '../../types.js';
import { pipelineLabel, type Automation } from '../../../gcp/model/deploy.js';

/** An automation that will roll a failed rollout back: a repair rule with a rollback phase, not suspended. */
function rollsBack(automation: Automation): boolean {
  return (
    automation.suspended !== true &&
    (automation.rules ?? []).some((rule) =>
      (rule.repairRolloutRule?.repairPhases ?? []).some((phase) => phase.rollback !== undefined),
    )
  );
}

export default defineCheck({
  id: 'deploy.rollback-automation',
  title: 'Every delivery pipeline has an active automation that rolls back a failed rollout',
  collects: ['deploy.pipelines', 'deploy.automations'],
  permissions: ['clouddeploy.automations.list', 'clouddeploy.deliveryPipelines.list', 'clouddeploy.locations.list'],
  remediation: {
    terraform: terraformFix,
    text: 'Add a google_clouddeploy_automation with a repair_rollout_rule whose repair_phases include rollback {}, and keep it unsuspended.',
  },
  evaluate(data) {
    const automations = data.get('deploy.automations');
    return {
      resources: data.get('deploy.pipelines').map((pipeline): ResourceVerdict => {
        const own = automations.filter((a) => pipeline.name && a.name?.startsWith(`${pipeline.name}/automations/`));
        const active = own.filter(rollsBack);
        const suspended = own.filter((a) => a.suspended === true).length;
        return {
          name: pipelineLabel(pipeline.name),
          verdict: active.length > 0 ? 'pass' : 'fail',
          detail:
            active.length > 0
              ? `rollback automation ${active.map((a) => a.name!.split('/').at(-1)).join(', ')}`
              : `${own.length} automation(s), none rolls back${suspended ? ` (${suspended} suspended)` : ''}`,
        };
      }),
    };
  },
});
