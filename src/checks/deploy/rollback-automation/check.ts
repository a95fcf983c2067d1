import terraformFix from './terraform.js';
import { defineCheck, type ResourceVerdict } from '../../types.js';
import { MalformedEvidence } from '../../evidence.js';
import { finalTarget, pipelineLabel, selects, type Automation } from '../../../gcp/model/deploy.js';

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
    const unknown: string[] = [];
    const resources = data.get('deploy.pipelines').map((pipeline): ResourceVerdict => {
      const name = pipelineLabel(pipeline.name);
      const own = automations.filter((a) => pipeline.name && a.name?.startsWith(`${pipeline.name}/automations/`));
      const active = own.filter(rollsBack);
      const suspended = own.filter((a) => a.suspended === true).length;
      // An automation applies to the targets its selector names: one that selects only staging leaves the
      // production target (the pipeline's last stage) without a rollback.
      const production = finalTarget(pipeline);
      if (!production) return { name, verdict: 'fail', detail: 'serialPipeline has no stages: no production target' };
      const covering = active.filter((a) => selects(a, production) === 'yes');
      const byLabels = active.filter((a) => selects(a, production) === 'by-labels');
      const label = (list: Automation[]) => list.map((a) => a.name?.split('/').at(-1) ?? '?').join(', ');
      if (covering.length > 0)
        return {
          name,
          verdict: 'pass',
          detail: `rollback automation ${label(covering)} selects target ${production}`,
        };
      if (byLabels.length > 0) {
        unknown.push(name);
        return {
          name,
          verdict: 'fail',
          detail: `unverified: rollback automation ${label(byLabels)} selects targets by labels, which gtp does not read`,
        };
      }
      return {
        name,
        verdict: 'fail',
        detail:
          active.length === 0
            ? `${own.length} automation(s), none rolls back${suspended ? ` (${suspended} suspended)` : ''}`
            : `rollback automation ${label(active)} does not select the production target ${production}`,
      };
    });
    // A label selector may take in the production target: unknown, so it decides nothing. A pipeline that surely
    // has no rollback fails the check all the same; if the unknown ones are all that fail, the check is unverified.
    const sureFails = resources.filter((r) => r.verdict === 'fail' && !unknown.includes(r.name));
    if (unknown.length > 0 && sureFails.length === 0)
      throw new MalformedEvidence(
        resources
          .filter((r) => unknown.includes(r.name))
          .map((r) => `${r.name}: ${r.detail}`)
          .join('; '),
      );
    return { resources };
  },
});
