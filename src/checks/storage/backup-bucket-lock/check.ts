import terraformFix from './terraform.js';
import { defineCheck, type ResourceVerdict } from '../../types.js';
import { backupBuckets } from '../buckets.js';
import { MalformedEvidence } from '../../evidence.js';
import type { BackupVault } from '../../../gcp/model/backupdr.js';

export default defineCheck({
  id: 'storage.backup-bucket-lock',
  title:
    'Backups are immutable: each backup bucket has a locked retention policy (Bucket Lock) and each Backup and DR vault a locked enforced retention',
  collects: ['storage.namedBuckets', 'storage.buckets', 'backupdr.vaults'],
  permissions: ['backupdr.backupVaults.list', 'storage.buckets.get', 'storage.buckets.list'],
  remediation: {
    terraform: terraformFix,
    text: 'Set retention_policy { retention_period = <seconds>, is_locked = true } on each backup bucket, and on each Backup and DR vault a backup_minimum_enforced_retention_duration with an effective_time (the lock). Locking is irreversible: the period can then only grow.',
  },
  evaluate(data) {
    const selected = backupBuckets(data.resources, data.get('storage.namedBuckets'), data.get('storage.buckets'));
    const buckets = [...selected].map(([name, bucket]): ResourceVerdict => {
      if (!bucket)
        return { name, verdict: 'fail', detail: 'the bucket does not exist (or is not visible to the caller)' };
      const policy = bucket.retentionPolicy;
      const soft = softDeleteNote(bucket.softDeletePolicy?.retentionDurationSeconds);
      if (!policy) return { name, verdict: 'fail', detail: `no retention policy${soft}` };
      return {
        name,
        verdict: policy.isLocked === true ? 'pass' : 'fail',
        detail: `retentionPolicy.retentionPeriod=${policy.retentionPeriod ?? '?'}s, isLocked=${policy.isLocked === true}${soft}`,
      };
    });
    const reading = data.get('backupdr.vaults');
    const vaults = reading.read ? reading.vaults.map((v) => judgeVault(v, data.now)) : [];
    const resources = [...buckets, ...vaults];
    if (!reading.read && !reading.apiDisabled) {
      // A vault gtp could not list may be an unlocked copy: only a sure failure stands without it.
      if (resources.some((r) => r.verdict === 'fail')) return { resources };
      throw new MalformedEvidence(`Backup and DR vaults could not be read: ${reading.why}`);
    }
    if (resources.length > 0) return { resources };
    const configured = data.resources.backupBuckets !== undefined;
    return {
      resources: [
        {
          name: 'backups',
          verdict: 'not-applicable',
          detail: `${configured ? 'no bucket matches resources.backupBuckets' : 'the register names no resources.backupBuckets'}, and the project has no Backup and DR vault${reading.read ? '' : ' (the Backup and DR API is off)'}`,
        },
      ],
    };
  },
});

/**
 * Soft delete keeps deleted objects for a while, and is on by default; it is named, never counted as a lock:
 * anyone who may update the bucket can set its duration to 0.
 */
function softDeleteNote(seconds: string | undefined): string {
  const value = Number(seconds);
  return seconds !== undefined && Number.isFinite(value) && value > 0
    ? `; soft delete ${Math.round(value / 86400)} d (not a lock: storage.buckets.update can set it to 0)`
    : '';
}

/**
 * A vault keeps its backups immutable when it enforces a minimum retention ("The default and minimum enforced
 * retention for each backup within the backup vault") and is locked ("Time after which the BackupVault resource is
 * locked": effectiveTime, past). Before that time the retention can still be lowered.
 */
function judgeVault(vault: BackupVault, now: Date): ResourceVerdict {
  const name = vault.name?.split('/').at(-1) ?? '(unnamed vault)';
  const retention = /^(\d+)(\.\d+)?s$/.exec(vault.backupMinimumEnforcedRetentionDuration ?? '')?.[1];
  const days = retention === undefined ? undefined : Number(retention) / 86400;
  const locked = vault.effectiveTime !== undefined && Date.parse(vault.effectiveTime) <= now.getTime();
  const detail = `Backup and DR vault ${vault.name ?? name}: enforced retention ${days === undefined ? 'none' : `${days} d`}, ${locked ? `locked since ${vault.effectiveTime}` : vault.effectiveTime ? `not locked until ${vault.effectiveTime}` : 'never locked (no effectiveTime)'}`;
  return {
    name: `vault ${name}`,
    verdict: days !== undefined && days > 0 && locked && vault.state === 'ACTIVE' ? 'pass' : 'fail',
    detail: vault.state === 'ACTIVE' ? detail : `${detail}; state ${vault.state ?? 'unset'}`,
  };
}
