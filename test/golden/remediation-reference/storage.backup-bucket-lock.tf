# storage.backup-bucket-lock: Backups are immutable: each backup bucket has a locked retention policy (Bucket Lock) and each Backup and DR vault a locked enforced retention
# Resources: acme-prod-sql-backups
# Change: Set retention_policy { retention_period = <seconds>, is_locked = true } on each backup bucket, and on each Backup and DR vault a backup_minimum_enforced_retention_duration with an effective_time (the lock). Locking is irreversible: the period can then only grow.
# Risks: Locking a retention policy is IRREVERSIBLE: the period can then only grow, and the bucket cannot be deleted before every object has aged out.
# The lock is left off; rerun with --allow-irreversible to emit it on.
#
# In the google_storage_bucket resource of acme-prod-sql-backups, set:
#   retention_policy {
#     retention_period = 2592000 # 30 days
#     is_locked        = false # true locks it: irreversible, see above
#   }
