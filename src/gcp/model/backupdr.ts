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

/** Backup and DR v1 RuleConfigInfo: how the last backup of one rule of the plan went. */
export interface RuleConfigInfo {
  ruleId?: string;
  /** FIRST_BACKUP_PENDING, PERMISSION_DENIED, SUCCEEDED or FAILED ("The last backup state for rule"). */
  lastBackupState?: string;
  lastBackupError?: { code?: number; message?: string };
  lastSuccessfulBackupConsistencyTime?: string;
}

/** Backup and DR v1 BackupPlanAssociation: a workload and the plan that backs it up. */
export interface BackupPlanAssociation {
  name?: string;
  /** "Resource type of workload on which backupplan is applied": `sqladmin.googleapis.com/Instance` for Cloud SQL. */
  resourceType?: string;
  /** "The resource name (e.g., "projects/my-project/zones/...") or the full resource URI". */
  resource?: string;
  backupPlan?: string;
  state?: string;
  rulesConfigInfo?: RuleConfigInfo[];
}

/** Backup and DR v1 BackupPlan: the fields that say where backups go and how long logs are kept. */
export interface BackupPlan {
  name?: string;
  state?: string;
  resourceType?: string;
  backupVault?: string;
  /** int64 in JSON, a string: "Applicable only for Cloud SQL resource_type. Configures how long logs will be stored." */
  logRetentionDays?: string;
}

/**
 * What Backup and DR says of the project's Cloud SQL instances whose backups it manages. Read only when one of
 * them has enhanced backups; never an error of its own, so that each such instance is judged unverified with the
 * reason while the other instances are judged as they are.
 */
export type SqlProtectionReading =
  | { read: 'not-needed' }
  | { read: true; associations: BackupPlanAssociation[]; plans: BackupPlan[] }
  | { read: false; why: string };

export const CLOUD_SQL_RESOURCE_TYPE = 'sqladmin.googleapis.com/Instance';

/** Whether Backup and DR, not Cloud SQL, takes the instance's backups (BackupConfiguration.backupTier). */
export function backupsManagedByBackupDr(backupTier: string | undefined): boolean {
  // "ENHANCED: Instance is managed by Google Cloud Backup and DR Service." ADVANCED is its deprecated name
  // ("Deprecated: ADVANCED is deprecated. Please use ENHANCED instead."), so it is judged the same way.
  return backupTier === 'ENHANCED' || backupTier === 'ADVANCED';
}

/**
 * The project-relative name of the workload an association names, from either form the API allows (a resource
 * name, or a full resource URI): `projects/P/instances/I`.
 */
function workloadName(resource: string): string | undefined {
  const at = resource.lastIndexOf('projects/');
  return at < 0 ? undefined : resource.slice(at).replace(/\/+$/, '');
}

/** An enhanced-backup instance as Backup and DR protects it: each step named, so that the evidence says where it stops. */
export type SqlProtection =
  | { state: 'protected'; association: BackupPlanAssociation; plan?: BackupPlan; rules: RuleConfigInfo[] }
  | { state: 'failing'; why: string }
  | { state: 'unknown'; why: string };

/**
 * Whether the instance's backups run: an ACTIVE association names it, and every rule's last backup SUCCEEDED.
 * A FAILED, PERMISSION_DENIED or FIRST_BACKUP_PENDING rule fails it; an association that cannot be found (it may
 * live in a backup management project gtp does not read, or name the project by number) or says nothing of its
 * rules leaves it unknown.
 */
export function protectionOf(project: string, instance: string, reading: SqlProtectionReading): SqlProtection {
  if (reading.read === 'not-needed') return { state: 'unknown', why: 'Backup and DR was not read' };
  if (reading.read === false)
    return { state: 'unknown', why: `the backup plan associations could not be read: ${reading.why}` };
  const wanted = `projects/${project}/instances/${instance}`;
  const named = reading.associations.filter(
    (a) =>
      a.resourceType === CLOUD_SQL_RESOURCE_TYPE && a.resource !== undefined && workloadName(a.resource) === wanted,
  );
  if (named.length === 0)
    return {
      state: 'unknown',
      why: `no backup plan association of the project names ${wanted} (${reading.associations.length} read): it may live in a backup management project gtp does not read`,
    };
  const active = named.filter((a) => a.state === 'ACTIVE');
  if (active.length === 0)
    return {
      state: 'failing',
      why: named.map((a) => `${a.name ?? 'an association'} is ${a.state ?? 'of unknown state'}, not ACTIVE`).join('; '),
    };
  const association = active[0]!;
  const rules = association.rulesConfigInfo ?? [];
  if (rules.length === 0)
    return { state: 'unknown', why: `${association.name ?? 'the association'} reports no backup rule states` };
  const bad = rules.filter((r) => r.lastBackupState !== 'SUCCEEDED');
  const failing = bad.filter((r) =>
    ['FAILED', 'PERMISSION_DENIED', 'FIRST_BACKUP_PENDING'].includes(r.lastBackupState!),
  );
  const describe = (r: RuleConfigInfo) =>
    `rule ${r.ruleId ?? '(unnamed)'} last backup ${r.lastBackupState ?? 'unset'}${r.lastBackupError?.message ? ` (${r.lastBackupError.message})` : ''}`;
  if (failing.length > 0) return { state: 'failing', why: `${association.name}: ${failing.map(describe).join('; ')}` };
  if (bad.length > 0) return { state: 'unknown', why: `${association.name}: ${bad.map(describe).join('; ')}` };
  const plan = reading.plans.find((p) => p.name === association.backupPlan);
  return { state: 'protected', association, ...(plan ? { plan } : {}), rules };
}
