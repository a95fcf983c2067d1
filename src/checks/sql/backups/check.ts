import { sqlInstanceEvidence } from '../evidence.js';
import { SQL_SETTINGS_FIX } from '../terraform.js';
import { defineCheck } from '../../types.js';
import { judgePrimaries } from '../primary-rule.js';

export default defineCheck({
  id: 'sql.backups',
  title: 'Cloud SQL instances take automated backups',
  collects: ['sql.instances'],
  evidence: sqlInstanceEvidence,
  permissions: ['cloudsql.instances.list'],
  remediation: {
    terraform: SQL_SETTINGS_FIX,
    text: 'Enable automated backups: settings.backup_configuration.enabled = true.',
  },
  evaluate(data) {
    return {
      resources: judgePrimaries(data.get('sql.instances'), (instance) => {
        const enabled = instance.settings?.backupConfiguration?.enabled === true;
        return { verdict: enabled ? 'pass' : 'fail', detail: `backupConfiguration.enabled=${enabled}` };
      }),
    };
  },
});
