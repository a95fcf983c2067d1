import terraformFix from './terraform.js';
import { defineCheck, type ResourceVerdict } from '../../types.js';
import { backupBuckets } from '../buckets.js';

export default defineCheck({
  id: 'storage.backup-bucket-lock',
  title: 'Backup buckets have a locked retention policy (Bucket Lock), so no one can delete or overwrite backups early',
  collects: ['storage.namedBuckets', 'storage.buckets'],
  permissions: ['storage.buckets.get', 'storage.buckets.list'],
  remediation: {
    terraform: terraformFix,
    text: 'Set retention_policy { retention_period = <seconds>, is_locked = true } on each backup bucket. Locking is irreversible: the period can then only grow.',
  },
  evaluate(data) {
    const selected = backupBuckets(data.resources, data.get('storage.namedBuckets'), data.get('storage.buckets'));
    if (selected.size === 0) {
      const configured = data.resources.backupBuckets !== undefined;
      return {
        resources: [
          {
            name: 'backup buckets',
            verdict: 'not-applicable',
            detail: configured
              ? 'no bucket matches resources.backupBuckets'
              : 'the register names no resources.backupBuckets',
          },
        ],
      };
    }
    return {
      resources: [...selected].map(([name, bucket]): ResourceVerdict => {
        if (!bucket)
          return { name, verdict: 'fail', detail: 'the bucket does not exist (or is not visible to the caller)' };
        const policy = bucket.retentionPolicy;
        if (!policy) return { name, verdict: 'fail', detail: 'no retention policy' };
        return {
          name,
          verdict: policy.isLocked === true ? 'pass' : 'fail',
          detail: `retentionPolicy.retentionPeriod=${policy.retentionPeriod ?? '?'}s, isLocked=${policy.isLocked === true}`,
        };
      }),
    };
  },
});
