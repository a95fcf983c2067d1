/** Backup and DR v1 BackupVault: the fields that say whether the backups it holds can be deleted early. */
export interface BackupVault {
  name?: string;
  state?: string;
  /** A google.protobuf.Duration in JSON ("2592000s"): "The default and minimum enforced retention for each backup". */
  backupMinimumEnforcedRetentionDuration?: string;
  /** "Time after which the BackupVault resource is locked." */
  effectiveTime?: string;
}

/**
 * The project's vaults, or why they could not be read. Never an error of its own: the check decides what an unread
 * list means (a project that does not use Backup and DR has the API off).
 */
export type VaultReading = { read: true; vaults: BackupVault[] } | { read: false; apiDisabled: boolean; why: string };
