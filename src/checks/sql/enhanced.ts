import type { MaybeUnknown } from '../evidence.js';
import { protectionOf, type SqlProtection, type SqlProtectionReading } from '../../gcp/model/backupdr.js';
import { nameOf, type SqlInstance } from '../../gcp/model/sql.js';

/** No `data`: Cloud SQL's Terraform fix (backups on) is not the fix for a plan whose backups fail. */
type Judged = Omit<MaybeUnknown, 'name'>;
const NO_SQL_FIX = { data: undefined };

/**
 * An instance with enhanced backups reads `backupConfiguration.enabled` false once a backup plan is attached:
 * Backup and DR, not Cloud SQL, takes its backups ("Choose your backup option": enhanced backups give a backup
 * vault, enforced retention and point-in-time recovery using logs). It is judged by what Backup and DR says.
 */
function protection(project: string, instance: SqlInstance, reading: SqlProtectionReading): SqlProtection {
  return protectionOf(project, nameOf(instance), reading);
}

/** In the evidence of every instance judged by Backup and DR: the Terraform fix names them apart. */
export const MANAGED_BY_BACKUP_DR = '(backups managed by Backup and DR)';
const TIER = (instance: SqlInstance) =>
  `backupTier=${instance.settings?.backupConfiguration?.backupTier ?? 'unset'} ${MANAGED_BY_BACKUP_DR}`;

/** Whether Backup and DR takes the enhanced-backup instance's backups, and they succeed. */
export function enhancedBackups(project: string, instance: SqlInstance, reading: SqlProtectionReading): Judged {
  const p = protection(project, instance, reading);
  if (p.state === 'unknown')
    return { verdict: 'fail', unknown: true, ...NO_SQL_FIX, detail: `unverified: ${TIER(instance)}: ${p.why}` };
  if (p.state === 'failing') return { verdict: 'fail', ...NO_SQL_FIX, detail: `${TIER(instance)}: ${p.why}` };
  const rules = p.rules
    .map(
      (r) =>
        `${r.ruleId ?? '(unnamed)'} SUCCEEDED${r.lastSuccessfulBackupConsistencyTime ? ` (consistent at ${r.lastSuccessfulBackupConsistencyTime})` : ''}`,
    )
    .join(', ');
  return {
    verdict: 'pass',
    detail: `${TIER(instance)}: ${p.association.name} ACTIVE under ${p.association.backupPlan ?? 'an unnamed plan'}; rules ${rules}`,
  };
}

/**
 * Whether the enhanced-backup instance can be recovered to a point in time: its backups run, and the backup plan
 * keeps logs (BackupPlan.logRetentionDays: "Applicable only for Cloud SQL resource_type. Configures how long logs
 * will be stored"). A plan gtp cannot read (in a backup management project) leaves it unverified.
 */
export function enhancedPitr(project: string, instance: SqlInstance, reading: SqlProtectionReading): Judged {
  const backups = enhancedBackups(project, instance, reading);
  if (backups.verdict !== 'pass') return backups;
  const p = protection(project, instance, reading) as Extract<SqlProtection, { state: 'protected' }>;
  if (!p.plan)
    return {
      verdict: 'fail',
      unknown: true,
      ...NO_SQL_FIX,
      detail: `unverified: ${TIER(instance)}: backup plan ${p.association.backupPlan ?? '(unnamed)'} is not among the project's plans, so how long it keeps logs is unknown: it may live in a backup management project gtp does not read`,
    };
  const days = Number(p.plan.logRetentionDays ?? 0);
  if (!Number.isInteger(days) || days < 0)
    return {
      verdict: 'fail',
      unknown: true,
      ...NO_SQL_FIX,
      detail: `unverified: ${TIER(instance)}: ${p.plan.name} has logRetentionDays ${JSON.stringify(p.plan.logRetentionDays)}, not a number of days`,
    };
  return days > 0
    ? { verdict: 'pass', detail: `${TIER(instance)}: ${p.plan.name} keeps logs ${days} day(s) (logRetentionDays)` }
    : {
        verdict: 'fail',
        ...NO_SQL_FIX,
        detail: `${TIER(instance)}: ${p.plan.name} keeps no logs (logRetentionDays ${p.plan.logRetentionDays ?? 'unset'}): backups only, no point-in-time recovery`,
      };
}
