import { MalformedEvidence } from '../evidence.js';
import type { CheckData, Evaluation, ResourceVerdict } from '../types.js';
import { policyLabel, reachOf, type AlertPolicy } from '../../gcp/model/monitoring.js';

/** The collections and permissions every alert check reads to know whether a policy reaches someone. */
export const NOTIFYING_COLLECTIONS = ['monitoring.notificationChannels', 'monitoring.snoozes'] as const;
export const NOTIFYING_PERMISSIONS = ['monitoring.notificationChannels.list', 'monitoring.snoozes.list'] as const;

/**
 * The alert checks' shared rule: the control is in force when at least one of the matching policies notifies
 * someone now. A policy gtp cannot judge (an unset field, a channel it did not find) may be that one, so with no
 * policy in force it leaves the check unverified rather than failed; with none at all, `missing` says what fails.
 */
export function judgeAlerts(
  data: CheckData,
  policies: readonly AlertPolicy[],
  condition: string,
  missing: string,
): Evaluation {
  const channels = data.get('monitoring.notificationChannels');
  const snoozes = data.get('monitoring.snoozes');
  // Read wherever the project has alert policies; a policy judged without them would be judged blind.
  if (policies.length > 0 && (!channels || !snoozes))
    throw new MalformedEvidence('alert policies were found, but their notification channels and snoozes were not read');
  const context = { channels: channels ?? [], snoozes: snoozes ?? [], now: data.now };
  const reaches = policies.map((policy) => ({ policy, reach: reachOf(policy, context) }));
  const resources = reaches
    .filter(({ reach }) => reach.verdict !== 'unknown')
    .map(({ policy, reach }): ResourceVerdict => ({
      name: policyLabel(policy),
      verdict: reach.verdict === 'pass' ? 'pass' : 'fail',
      detail: `${condition}: ${reach.detail}`,
    }));
  if (resources.some((r) => r.verdict === 'pass')) return { resources, outcome: 'pass' };
  const unknown = reaches.filter(({ reach }) => reach.verdict === 'unknown');
  if (unknown.length > 0)
    throw new MalformedEvidence(
      unknown.map(({ policy, reach }) => `alert '${policyLabel(policy)}': ${reach.detail}`).join('; '),
    );
  resources.push({ name: 'alert policies', verdict: 'fail', detail: missing });
  return { resources, outcome: 'fail' };
}
