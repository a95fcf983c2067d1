import { sqlInstanceEvidence } from '../evidence.js';
import { SQL_SETTINGS_FIX } from '../terraform.js';
import { defineCheck } from '../../types.js';
import { pitrEnabled, pitrField } from '../../../gcp/model/sql.js';
import { judgePrimaries } from '../primary-rule.js';

export default defineCheck({
  id: 'sql.pitr',
  title: 'Cloud SQL instances can be restored to a point in time',
  collects: ['sql.instances'],
  evidence: sqlInstanceEvidence,
  permissions: ['cloudsql.instances.list'],
  remediation: {
    terraform: SQL_SETTINGS_FIX,
    text: 'Enable point-in-time recovery: settings.backup_configuration.point_in_time_recovery_enabled (PostgreSQL, SQL Server) or binary_log_enabled (MySQL), with automated backups on.',
  },
  evaluate(data) {
    return {
      resources: judgePrimaries(data.get('sql.instances'), (instance) => {
        const field = pitrField(instance.databaseVersion);
        const backup = instance.settings?.backupConfiguration;
        return {
          verdict: pitrEnabled(instance) ? 'pass' : 'fail',
          detail: `${instance.databaseVersion ?? 'unknown engine'}: backupConfiguration.${field}=${backup?.[field] ?? false}, backupConfiguration.enabled=${backup?.enabled ?? false}`,
        };
      }),
    };
  },
});
