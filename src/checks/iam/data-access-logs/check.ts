import terraformFix from './terraform.js';
import { defineCheck } from '../../types.js';

const REQUIRED = ['ADMIN_READ', 'DATA_READ', 'DATA_WRITE'] as const;

export default defineCheck({
  id: 'iam.data-access-logs',
  title: 'Data Access audit logs (admin read, data read, data write) are on for all services',
  collects: ['resourcemanager.iamPolicy'],
  permissions: ['resourcemanager.projects.getIamPolicy'],
  remediation: {
    terraform: terraformFix,
    text: 'Add google_project_iam_audit_config { service = "allServices" } with audit_log_config for ADMIN_READ, DATA_READ and DATA_WRITE.',
  },
  // Every project has an IAM policy, so this always applies: a policy without audit configs fails.
  evaluate(data) {
    const configs = data.get('resourcemanager.iamPolicy').auditConfigs ?? [];
    const all = configs.find((c) => c.service === 'allServices');
    const types = new Set((all?.auditLogConfigs ?? []).map((c) => c.logType));
    const missing = REQUIRED.filter((t) => !types.has(t));
    const exempted = (all?.auditLogConfigs ?? []).flatMap((c) => c.exemptedMembers ?? []);
    const others = configs.filter((c) => c.service !== 'allServices').map((c) => c.service);
    return {
      resources: [
        {
          name: 'allServices',
          verdict: missing.length === 0 ? 'pass' : 'fail',
          detail: `logTypes=${[...types].filter(Boolean).sort().join(',') || 'none'}${missing.length ? `; missing ${missing.join(', ')}` : ''}${exempted.length ? `; exempted: ${exempted.join(', ')}` : ''}${others.length ? `; per-service configs: ${others.join(', ')}` : ''}`,
        },
      ],
    };
  },
});
