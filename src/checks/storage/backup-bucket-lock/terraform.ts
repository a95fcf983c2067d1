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
          ...failing(check).flatMap((r) => [`In the google_storage_bucket resource of ${r.name}, set:`, ...lines]),
        ],
      ),
    ],
  };
});
