import { sqlInstanceEvidence } from '../evidence.js';
import { SQL_SETTINGS_FIX } from '../terraform.js';
import { defineCheck, type ResourceVerdict } from '../../types.js';
import { nameOf, roleOf } from '../../../gcp/model/sql.js';

export default defineCheck({
  id: 'sql.deletion-protection',
  title: 'Cloud SQL instances are protected from deletion by the API',
  collects: ['sql.instances'],
  evidence: sqlInstanceEvidence,
  permissions: ['cloudsql.instances.list'],
  remediation: {
    terraform: SQL_SETTINGS_FIX,
    // Terraform's own deletion_protection only guards `terraform destroy`; the console, gcloud and the API ignore it.
    text: "Set settings.deletion_protection_enabled = true (the API-level flag; Terraform's deletion_protection alone does not stop a console or gcloud delete).",
  },
  evaluate(data) {
    return {
      resources: data.get('sql.instances').map((instance): ResourceVerdict => {
        const name = nameOf(instance);
        if (roleOf(instance) === 'external')
          return { name, verdict: 'not-applicable', detail: 'on-premises source: not a Cloud SQL instance' };
        const on = instance.settings?.deletionProtectionEnabled === true;
        return {
          name,
          verdict: on ? 'pass' : 'fail',
          detail: `settings.deletionProtectionEnabled=${on}`,
          ...(on ? {} : { data: instance }),
        };
      }),
    };
  },
});
