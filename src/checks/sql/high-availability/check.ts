import { sqlInstanceEvidence } from '../evidence.js';
import { SQL_SETTINGS_FIX } from '../terraform.js';
import { defineCheck } from '../../types.js';
import { judgePrimaries } from '../primary-rule.js';

export default defineCheck({
  id: 'sql.high-availability',
  title: 'Cloud SQL primary instances are highly available (REGIONAL)',
  collects: ['sql.instances'],
  evidence: sqlInstanceEvidence,
  permissions: ['cloudsql.instances.list'],
  remediation: {
    terraform: SQL_SETTINGS_FIX,
    text: 'Set settings.availability_type = "REGIONAL" on every primary instance.',
  },
  evaluate(data) {
    return {
      resources: judgePrimaries(
        data.get('sql.instances'),
        (instance) => {
          const type = instance.settings?.availabilityType ?? 'unset (ZONAL)';
          return { verdict: type === 'REGIONAL' ? 'pass' : 'fail', detail: `settings.availabilityType=${type}` };
        },
        'not-applicable',
      ),
    };
  },
});
