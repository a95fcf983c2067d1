# storage.backup-bucket-lock: Backup buckets have a locked retention policy (Bucket Lock), so no one can delete or overwrite backups early
# Resources: acme-prod-sql-backups
# Change: Set retention_policy { retention_period = <seconds>, is_locked = true } on each backup bucket. Locking is irreversible: the period can then only grow.
# Risks: Locking a retention policy is IRREVERSIBLE: the period can then only grow, and the bucket cannot be deleted before every object has aged out.
# The lock is left off; rerun with --allow-irreversible to emit it on.
#
# In the google_storage_bucket resource of acme-prod-sql-backups, set:
#   retention_policy {
#     retention_period = 2592000 # 30 days
#     is_locked        = false # true locks it: irreversible, see above
#   }
