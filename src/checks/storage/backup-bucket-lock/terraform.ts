import { failing, header, perCheck } from '../../../terraform/kit.js';

/** storage.backup-bucket-lock: the Terraform that makes the check pass. */
export default perCheck((check, ctx) => {
  const lines = [
    '  retention_policy {',
    '    retention_period = 2592000 # 30 days',
    `    is_locked        = ${ctx.allowIrreversible ? 'true' : 'false # true locks it: irreversible, see above'}`,
    '  }',
  ];
  return {
    check: check.id,
    blocks: [
      header(
        check,
        'Locking a retention policy is IRREVERSIBLE: the period can then only grow, and the bucket cannot be deleted before every object has aged out.',
        [
          ctx.allowIrreversible
            ? 'Emitted with the lock on (--allow-irreversible).'
            : 'The lock is left off; rerun with --allow-irreversible to emit it on.',
          '',
          ...failing(check).flatMap((r) =>
            r.name.startsWith('vault ')
              ? [
                  `In the Backup and DR ${r.name}, set backup_minimum_enforced_retention_duration (e.g. "2592000s") and`,
                  '  effective_time: after that time the vault is locked and its retention can no longer be lowered.',
                ]
              : [`In the google_storage_bucket resource of ${r.name}, set:`, ...lines],
          ),
        ],
      ),
    ],
  };
});
