import { sqlInstanceEvidence } from '../evidence.js';
import { SQL_SETTINGS_FIX } from '../terraform.js';
import { defineCheck } from '../../types.js';
import { pitrEnabled, pitrField } from '../../../gcp/model/sql.js';
import { judgePrimaries } from '../primary-rule.js';
import { enhancedPitr } from '../enhanced.js';
import { settle } from '../../evidence.js';
import { backupsManagedByBackupDr } from '../../../gcp/model/backupdr.js';

export default defineCheck({
  id: 'sql.pitr',
  title: 'Cloud SQL instances can be restored to a point in time',
  collects: ['sql.instances', 'backupdr.sqlProtection'],
  evidence: sqlInstanceEvidence,
  permissions: ['backupdr.backupPlanAssociations.list', 'backupdr.backupPlans.list', 'cloudsql.instances.list'],
  remediation: {
    terraform: SQL_SETTINGS_FIX,
    text: 'Enable point-in-time recovery: settings.backup_configuration.point_in_time_recovery_enabled (PostgreSQL, SQL Server) or binary_log_enabled (MySQL), with automated backups on; for enhanced backups, set log_retention_days on the Backup and DR backup plan.',
  },
  evaluate(data) {
    const backupDr = data.get('backupdr.sqlProtection');
    return {
      resources: settle(
        judgePrimaries(data.get('sql.instances'), (instance) => {
          if (backupsManagedByBackupDr(instance.settings?.backupConfiguration?.backupTier))
            return enhancedPitr(data.project, instance, backupDr);
          const field = pitrField(instance.databaseVersion);
          const backup = instance.settings?.backupConfiguration;
          return {
            verdict: pitrEnabled(instance) ? 'pass' : 'fail',
            detail: `${instance.databaseVersion ?? 'unknown engine'}: backupConfiguration.${field}=${backup?.[field] ?? false}, backupConfiguration.enabled=${backup?.enabled ?? false}`,
          };
        }),
      ),
    };
  },
});
