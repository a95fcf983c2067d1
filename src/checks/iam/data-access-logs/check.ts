import terraformFix from './terraform.js';
import { defineCheck, type ResourceVerdict } from '../../types.js';
import { MalformedEvidence } from '../../evidence.js';
import { IAM_HIERARCHY_PERMISSIONS } from '../hierarchy.js';
import type { Policy } from '../../../gcp/model/iam.js';
import { DATA_ACCESS_LOG_ID, keptBy } from '../../../gcp/model/logging.js';

const REQUIRED = ['ADMIN_READ', 'DATA_READ', 'DATA_WRITE'] as const;

/** The log types a policy turns on for allServices, and who it exempts. */
function allServices(policy: Policy): { types: string[]; exempted: string[]; others: string[] } {
  const configs = policy.auditConfigs ?? [];
  const all = configs.find((c) => c.service === 'allServices');
  return {
    types: (all?.auditLogConfigs ?? []).map((c) => c.logType ?? '').filter(Boolean),
    exempted: (all?.auditLogConfigs ?? []).flatMap((c) => c.exemptedMembers ?? []),
    others: configs.filter((c) => c.service !== 'allServices').map((c) => c.service ?? '?'),
  };
}

export default defineCheck({
  id: 'iam.data-access-logs',
  title: 'Data Access audit logs (admin read, data read, data write) are on for all services',
  collects: ['resourcemanager.iamPolicy', 'resourcemanager.ancestorPolicies', 'logging.sinks'],
  permissions: ['logging.sinks.list', ...IAM_HIERARCHY_PERMISSIONS],
  remediation: {
    terraform: terraformFix,
    text: 'Add google_project_iam_audit_config { service = "allServices" } with audit_log_config for ADMIN_READ, DATA_READ and DATA_WRITE (or the same on the folder or organization above, which every project below inherits), and keep a sink that stores cloudaudit.googleapis.com/data_access: the _Default sink enabled, with no exclusion that matches it.',
  },
  // Audit configs are inherited: what a project logs is the union of its own configuration and that of every
  // folder and organization above it (Cloud Audit Logs: configure Data Access audit logs). So a project with
  // none of its own can be covered from above, and a level that cannot be read leaves the answer unknown.
  // Every project has an IAM policy, so this always applies: no audit configuration anywhere fails.
  evaluate(data) {
    const above = data.get('resourcemanager.ancestorPolicies');
    const levels = [
      { name: 'project', policy: data.get('resourcemanager.iamPolicy') },
      ...above.policies.map((p) => ({ name: p.resource, policy: p.policy })),
    ];
    const union = new Set<string>();
    const resources: ResourceVerdict[] = levels.map(({ name, policy }) => {
      const { types, exempted, others } = allServices(policy);
      types.forEach((t) => union.add(t));
      return {
        name: `${name} allServices`,
        verdict: 'not-applicable',
        detail: `${name === 'project' ? '' : `inherited from ${name}: `}logTypes=${[...new Set(types)].sort().join(',') || 'none'}${exempted.length ? `; exempted: ${exempted.join(', ')}` : ''}${others.length ? `; per-service configs: ${others.join(', ')}` : ''}`,
      };
    });
    const missing = REQUIRED.filter((t) => !union.has(t));
    if (missing.length > 0 && above.unreadable.length > 0)
      // What the unread levels hold could complete the set: unverified, never a fail or a pass.
      throw new MalformedEvidence(
        `missing ${missing.join(', ')} at the levels read; could not read ${above.unreadable.join('; ')}`,
      );
    const effective = {
      name: 'allServices',
      verdict: missing.length === 0 ? 'pass' : 'fail',
      detail: `logTypes=${[...union].sort().join(',') || 'none'} (the project's and its ancestors')${missing.length ? `; missing ${missing.join(', ')}` : ''}`,
    } satisfies ResourceVerdict;
    // Audit configs decide what is written; sinks decide whether it is kept. Every Data Access entry goes to one
    // log, and a sink that is disabled or excludes it leaves the configuration writing into nothing.
    const kept = keptBy(data.get('logging.sinks'), { project: data.project, logId: DATA_ACCESS_LOG_ID });
    if (kept.verdict === 'unknown' && missing.length === 0)
      throw new MalformedEvidence(`${DATA_ACCESS_LOG_ID}: ${kept.detail}`);
    const stored = {
      name: DATA_ACCESS_LOG_ID,
      verdict: kept.verdict === 'pass' ? 'pass' : kept.verdict === 'fail' ? 'fail' : 'not-applicable',
      detail: kept.verdict === 'pass' ? `stored: ${kept.detail}` : kept.detail,
    } satisfies ResourceVerdict;
    return { resources: [effective, stored, ...resources] };
  },
});
