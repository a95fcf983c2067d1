import { sqlInstanceEvidence } from '../evidence.js';
import { SQL_SETTINGS_FIX } from '../terraform.js';
import { defineCheck } from '../../types.js';
import { judgePrimaries } from '../primary-rule.js';
import { enhancedBackups } from '../enhanced.js';
import { settle } from '../../evidence.js';
import { backupsManagedByBackupDr } from '../../../gcp/model/backupdr.js';

export default defineCheck({
  id: 'sql.backups',
  title: 'Cloud SQL instances take automated backups',
  collects: ['sql.instances', 'backupdr.sqlProtection'],
  evidence: sqlInstanceEvidence,
  permissions: ['backupdr.backupPlanAssociations.list', 'backupdr.backupPlans.list', 'cloudsql.instances.list'],
  remediation: {
    terraform: SQL_SETTINGS_FIX,
    text: 'Enable automated backups: settings.backup_configuration.enabled = true; or, for enhanced backups, associate the instance with a Backup and DR backup plan and fix the rules whose last backup failed.',
  },
  evaluate(data) {
    const backupDr = data.get('backupdr.sqlProtection');
    return {
      resources: settle(
        judgePrimaries(data.get('sql.instances'), (instance) => {
          if (backupsManagedByBackupDr(instance.settings?.backupConfiguration?.backupTier))
            return enhancedBackups(data.project, instance, backupDr);
          const enabled = instance.settings?.backupConfiguration?.enabled === true;
          return { verdict: enabled ? 'pass' : 'fail', detail: `backupConfiguration.enabled=${enabled}` };
        }),
      ),
    };
  },
});
