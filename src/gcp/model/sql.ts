/** The fields of a Cloud SQL DatabaseInstance (sqladmin v1 REST) that the checks and the Terraform remediation read. */
export interface SqlInstance {
  name?: string;
  region?: string;
  databaseVersion?: string;
  instanceType?: string;
  masterInstanceName?: string;
  /** RUNNABLE, SUSPENDED, PENDING_DELETE, PENDING_CREATE, MAINTENANCE, FAILED, … */
  state?: string;
  settings?: {
    tier?: string;
    /** ENTERPRISE or ENTERPRISE_PLUS: decides the default log retention, among other things. */
    edition?: string;
    availabilityType?: string;
    /** ALWAYS, or NEVER: "The instance never starts." */
    activationPolicy?: string;
    /** On a read replica: false once replication is stopped (instances.stopReplica). */
    databaseReplicationEnabled?: boolean;
    deletionProtectionEnabled?: boolean;
    userLabels?: Record<string, string>;
    ipConfiguration?: { sslMode?: string; requireSsl?: boolean };
    backupConfiguration?: {
      enabled?: boolean;
      startTime?: string;
      binaryLogEnabled?: boolean;
      pointInTimeRecoveryEnabled?: boolean;
      transactionLogRetentionDays?: number;
      backupRetentionSettings?: { retainedBackups?: number; retentionUnit?: string };
      /** Output only: STANDARD ("managed by Cloud SQL") or ENHANCED ("managed by Google Cloud Backup and DR"). */
      backupTier?: string;
    };
  };
}

/** MySQL recovers to a point in time from its binary log; PostgreSQL and SQL Server from archived WAL/logs. */
export function pitrField(databaseVersion: string | undefined): 'binaryLogEnabled' | 'pointInTimeRecoveryEnabled' {
  return databaseVersion?.startsWith('MYSQL') ? 'binaryLogEnabled' : 'pointInTimeRecoveryEnabled';
}

/** Whether the instance can be recovered to a point in time: automated backups on, and its engine's log kept. */
export function pitrEnabled(instance: SqlInstance): boolean {
  const backup = instance.settings?.backupConfiguration;
  return backup?.enabled === true && backup[pitrField(instance.databaseVersion)] === true;
}

/**
 * Whether the instance refuses unencrypted connections: sslMode ENCRYPTED_ONLY or TRUSTED_CLIENT_CERTIFICATE_REQUIRED,
 * or, where sslMode is unset, the legacy requireSsl (sslMode takes priority over it).
 */
export function acceptsOnlyEncrypted(instance: SqlInstance): boolean {
  const ip = instance.settings?.ipConfiguration;
  if (ip?.sslMode && ip.sslMode !== 'SSL_MODE_UNSPECIFIED') return ip.sslMode !== 'ALLOW_UNENCRYPTED_AND_ENCRYPTED';
  return ip?.requireSsl === true;
}

export type Role = 'primary' | 'replica' | 'external';

/** Read replicas and read pools follow their primary; an on-premises source is not a Cloud SQL instance. */
export function roleOf(instance: SqlInstance): Role {
  switch (instance.instanceType) {
    case 'READ_REPLICA_INSTANCE':
    case 'READ_POOL_INSTANCE':
      return 'replica';
    case 'ON_PREMISES_INSTANCE':
      return 'external';
    default:
      return instance.masterInstanceName ? 'replica' : 'primary';
  }
}

export function nameOf(instance: SqlInstance): string {
  return instance.name ?? '(unnamed instance)';
}

/** masterInstanceName is "project:instance". */
export function primaryNameOf(replica: SqlInstance): string | undefined {
  return replica.masterInstanceName?.split(':').at(-1);
}

/**
 * Every replica that copies `primary`'s data: its own replicas and, transitively, theirs. A cascading replica
 * (Cloud SQL: "cascading replicas", a replica whose primary is itself a replica) holds the same data, so
 * primary → replica → cross-region replica is a cross-region copy.
 */
export function replicasOf(instances: readonly SqlInstance[], primary: string): SqlInstance[] {
  const found: SqlInstance[] = [];
  const seen = new Set<string>([primary]);
  const queue = [primary];
  while (queue.length > 0) {
    const source = queue.shift()!;
    for (const candidate of instances) {
      const name = candidate.name;
      if (roleOf(candidate) !== 'replica' || primaryNameOf(candidate) !== source || !name || seen.has(name)) continue;
      seen.add(name);
      found.push(candidate);
      queue.push(name);
    }
  }
  return found;
}

/**
 * Days of transaction logs kept for point-in-time recovery: the instance's transactionLogRetentionDays, else the
 * edition's default, 14 days for Cloud SQL Enterprise Plus and 7 for Enterprise (Cloud SQL: use point-in-time
 * recovery, log retention). Enterprise Plus may keep up to 35.
 */
export function logRetentionDays(instance: SqlInstance): number {
  const set = instance.settings?.backupConfiguration?.transactionLogRetentionDays;
  if (typeof set === 'number' && set > 0) return set;
  return instance.settings?.edition === 'ENTERPRISE_PLUS' ? 14 : 7;
}

/**
 * Why a read replica is not a copy in force, or undefined where it is (sqladmin v1 reference):
 * - `settings.databaseReplicationEnabled: false`: what instances.stopReplica leaves, "a read-only instance that is no
 *   longer replicating from its primary";
 * - `settings.activationPolicy: NEVER`: "The instance never starts";
 * - `state` SUSPENDED ("not available, for example due to problems with billing"), FAILED, PENDING_DELETE, or
 *   PENDING_CREATE (not there yet).
 */
export function replicationGap(replica: SqlInstance): string | undefined {
  if (replica.settings?.databaseReplicationEnabled === false)
    return 'replication stopped (settings.databaseReplicationEnabled: false)';
  if (replica.settings?.activationPolicy === 'NEVER') return 'stopped (settings.activationPolicy: NEVER)';
  if (replica.state && ['SUSPENDED', 'FAILED', 'PENDING_DELETE', 'PENDING_CREATE'].includes(replica.state))
    return `not running (state: ${replica.state})`;
  return undefined;
}
