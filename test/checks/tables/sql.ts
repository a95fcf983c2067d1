import backups from '../../../src/checks/sql/backups/check.js';
import deletionProtection from '../../../src/checks/sql/deletion-protection/check.js';
import highAvailability from '../../../src/checks/sql/high-availability/check.js';
import pitr from '../../../src/checks/sql/pitr/check.js';
import { DENIED, withError, type CheckCase } from '../../helpers/check-table.js';
import { OFF_SCHEMA_WORLDS, SQL_WORLDS as W } from '../../fixtures/check-worlds.js';
import { KEY } from '../../fixtures/keys.js';
import { PARTIAL_KEY } from '../../../src/gcp/incomplete.js';

const tables: [typeof pitr, CheckCase[]][] = [
  [
    pitr,
    [
      {
        name: 'PostgreSQL with PITR',
        world: W.hardenedPostgres,
        outcome: 'pass',
        verdicts: { pg: 'pass' },
        mentions: ['pointInTimeRecoveryEnabled=true'],
      },
      {
        name: 'PostgreSQL whose binlog flag is set but PITR is off',
        world: W.postgresWithoutPitr,
        outcome: 'fail',
        verdicts: { pg: 'fail' },
      },
      {
        name: 'MySQL recovers through its binary log',
        world: W.mysqlWithBinlog,
        outcome: 'pass',
        mentions: ['binaryLogEnabled=true'],
      },
      {
        name: 'MySQL with only the PostgreSQL flag',
        world: W.mysqlWithPitrFlagOnly,
        outcome: 'fail',
        mentions: ['binaryLogEnabled=false'],
      },
      { name: 'SQL Server with PITR', world: W.sqlServerWithPitr, outcome: 'pass' },
      { name: 'PITR without automated backups', world: W.pitrWithoutBackups, outcome: 'fail' },
      {
        name: 'replica judged through its primary',
        world: W.primaryWithReplica,
        outcome: 'pass',
        verdicts: { 'pg-replica': 'pass' },
        mentions: ['through its primary pg'],
      },
      {
        name: 'replica of a failing primary',
        world: W.replicaOfUnprotectedPrimary,
        outcome: 'fail',
        verdicts: { pg: 'fail', 'pg-replica': 'fail' },
      },
      {
        name: 'enhanced backups whose plan keeps logs',
        world: W.enhancedProtected,
        outcome: 'pass',
        mentions: ['backupTier=ENHANCED', 'keeps logs 7 day(s) (logRetentionDays)'],
      },
      {
        name: 'enhanced backups whose plan keeps no logs: backups only',
        world: W.enhancedPlanKeepsNoLogs,
        outcome: 'fail',
        mentions: ['keeps no logs (logRetentionDays unset)'],
      },
      {
        name: 'enhanced backups whose last backup failed recover to no point',
        world: W.enhancedBackupFailed,
        outcome: 'fail',
        mentions: ['rule hourly last backup FAILED (vault access denied)'],
      },
      {
        name: 'enhanced backups whose plan is in a backup management project gtp does not read',
        world: W.enhancedPlanElsewhere,
        outcome: 'error',
        mentions: ['projects/backup-admin/locations/us-central1/backupPlans/sql-hourly is not among the project'],
      },
      { name: 'replica whose primary is elsewhere', world: W.replicaOnly, outcome: 'not-applicable' },
      { name: 'no instances', world: {}, outcome: 'not-applicable' },
      { name: 'on-premises source only', world: W.onPremisesOnly, outcome: 'not-applicable' },
      {
        name: 'instances unreadable',
        world: withError(W.hardenedPostgres, 'sql.instances', DENIED),
        outcome: 'error',
        mentions: ['x.y.list'],
      },
      {
        name: 'maxResults over the limit: "the returned result set may be incomplete" too',
        world: {
          ...W.regionUnreachable,
          [PARTIAL_KEY]: { [KEY.sql]: { warnings: [{ code: 'MAX_RESULTS_EXCEEDS_LIMIT' }] } },
        },
        outcome: 'error',
        mentions: ['may be incomplete: MAX_RESULTS_EXCEEDS_LIMIT'],
      },
      {
        name: 'a warning about compromised credentials says nothing of the list',
        world: {
          ...W.regionUnreachable,
          [PARTIAL_KEY]: { [KEY.sql]: { warnings: [{ code: 'COMPROMISED_CREDENTIALS' }] } },
        },
        outcome: 'pass',
      },
      {
        name: 'a region unreachable: the list may be incomplete, so nothing is judged on it',
        world: W.regionUnreachable,
        outcome: 'error',
        mentions: ['REGION_UNREACHABLE (asia-south2)'],
      },
    ],
  ],
  [
    backups,
    [
      { name: 'backups on', world: W.hardenedPostgres, outcome: 'pass' },
      {
        name: 'backups off',
        world: W.pitrWithoutBackups,
        outcome: 'fail',
        mentions: ['backupConfiguration.enabled=false'],
      },
      {
        name: 'replica without its own backups is not failed',
        world: W.primaryWithReplica,
        outcome: 'pass',
        verdicts: { 'pg-replica': 'pass' },
      },
      { name: 'no instances', world: {}, outcome: 'not-applicable' },
      {
        name: 'enhanced backups: an ACTIVE association whose rules last SUCCEEDED',
        world: W.enhancedProtected,
        outcome: 'pass',
        verdicts: { pg: 'pass' },
        mentions: ['backupTier=ENHANCED', 'hourly SUCCEEDED (consistent at 2026-06-01T11:00:00Z)'],
      },
      {
        name: 'enhanced backups whose last backup FAILED',
        world: W.enhancedBackupFailed,
        outcome: 'fail',
        mentions: ['rule hourly last backup FAILED (vault access denied)'],
      },
      {
        name: 'enhanced backups still waiting for their first backup',
        world: W.enhancedFirstBackupPending,
        outcome: 'fail',
        mentions: ['FIRST_BACKUP_PENDING'],
      },
      {
        name: 'enhanced backups whose association is not ACTIVE',
        world: W.enhancedAssociationInactive,
        outcome: 'fail',
        mentions: ['is INACTIVE, not ACTIVE'],
      },
      {
        name: 'enhanced backups with no association in the project: unverified, never a fail',
        world: W.enhancedAssociationElsewhere,
        outcome: 'error',
        mentions: ['no backup plan association of the project names projects/acme-prod/instances/pg (1 read)'],
      },
      {
        name: 'enhanced backups, and a location the associations list could not reach',
        world: W.enhancedLocationUnreachable,
        outcome: 'error',
        mentions: ['unreachable asia-south2'],
      },
      {
        name: 'enhanced backups, Backup and DR unreadable',
        world: withError(W.enhancedProtected, 'backupdr.sqlProtection', DENIED),
        outcome: 'error',
      },
      { name: 'instances unreadable', world: withError({}, 'sql.instances', DENIED), outcome: 'error' },
      { name: 'a region unreachable', world: W.regionUnreachable, outcome: 'error', mentions: ['may be incomplete'] },
    ],
  ],
  [
    deletionProtection,
    [
      {
        name: 'API-level protection on',
        world: W.hardenedPostgres,
        outcome: 'pass',
        mentions: ['deletionProtectionEnabled=true'],
      },
      { name: 'protection off', world: W.postgresWithoutPitr, outcome: 'fail', verdicts: { pg: 'fail' } },
      {
        name: 'the string "false" where the schema says boolean is unreadable, never "not true" and never true',
        world: OFF_SCHEMA_WORLDS.stringsForBooleans,
        outcome: 'error',
        mentions: ['pg: settings.deletionProtectionEnabled must be a boolean, got the string "false"'],
      },
      {
        name: 'replicas are judged themselves',
        world: W.replicaOfUnprotectedPrimary,
        outcome: 'fail',
        verdicts: { 'pg-replica': 'fail' },
      },
      { name: 'no instances', world: {}, outcome: 'not-applicable' },
      { name: 'instances unreadable', world: withError({}, 'sql.instances', DENIED), outcome: 'error' },
      { name: 'a region unreachable', world: W.regionUnreachable, outcome: 'error', mentions: ['may be incomplete'] },
    ],
  ],
  [
    highAvailability,
    [
      {
        name: 'REGIONAL primary, zonal replica',
        world: W.primaryWithReplica,
        outcome: 'pass',
        verdicts: { pg: 'pass', 'pg-replica': 'not-applicable' },
      },
      { name: 'ZONAL primary', world: W.postgresWithoutPitr, outcome: 'fail', mentions: ['availabilityType=ZONAL'] },
      {
        name: 'availability unset means zonal',
        world: W.mysqlWithBinlog,
        outcome: 'fail',
        mentions: ['unset (ZONAL)'],
      },
      { name: 'no instances', world: {}, outcome: 'not-applicable' },
      { name: 'instances unreadable', world: withError({}, 'sql.instances', DENIED), outcome: 'error' },
      { name: 'a region unreachable', world: W.regionUnreachable, outcome: 'error', mentions: ['may be incomplete'] },
    ],
  ],
];

export default tables;
