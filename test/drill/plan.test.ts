import { describe, expect, it } from 'vitest';
import { DrillRefusal } from '../../src/drill/errors.js';
import { planDrill, type PlanInput, type SourceInstance } from '../../src/drill/plan.js';
import { scratchExpiry, scratchLabels, scratchName } from '../../src/drill/scratch.js';
import type { BackupRun } from '../../src/gcp/sql-admin.js';

const NOW = new Date('2026-11-26T06:00:00Z');
const HOUR = 3600_000;

const source = (backupConfiguration: Record<string, unknown>, extra: Partial<SourceInstance> = {}): SourceInstance => ({
  name: 'orders-db',
  region: 'us-central1',
  databaseVersion: 'POSTGRES_15',
  instanceType: 'CLOUD_SQL_INSTANCE',
  settings: {
    tier: 'db-custom-4-16384',
    availabilityType: 'REGIONAL',
    ipConfiguration: { ipv4Enabled: false, privateNetwork: 'projects/acme-prod/global/networks/prod' },
    backupConfiguration,
  },
  ...extra,
});
const PITR = { enabled: true, pointInTimeRecoveryEnabled: true, transactionLogRetentionDays: 7 };
const run = (id: string, status: string, endTime: string): BackupRun => ({ id, status, endTime, startTime: endTime });
const RUNS = [
  run('3', 'SUCCESSFUL', '2026-11-24T03:04:00Z'),
  run('5', 'SUCCESSFUL', '2026-11-26T03:04:00Z'),
  run('4', 'FAILED', '2026-11-25T03:01:00Z'),
];

const plan = (input: Partial<PlanInput>) =>
  planDrill({
    project: 'acme-prod',
    instance: source(PITR),
    request: { kind: 'backup', backup: 'latest' },
    backupRuns: RUNS,
    now: NOW,
    lifetimeMs: 2 * HOUR,
    ...input,
  });

describe('planning a drill (pure: reads and writes nothing)', () => {
  it('latest: the newest successful backup run, restored into a new zonal, labelled, unprotected instance', () => {
    const p = plan({});
    expect(p.method).toBe('backup-restore');
    expect(p.restorePoint).toEqual({ backupRunId: '5', time: '2026-11-26T03:04:00Z' });
    expect(p.scratch.instance).toBe('gtp-drill-orders-db-20261126-060000');
    expect(p.scratch.labels).toEqual({
      'gtp-drill': 'true',
      'gtp-drill-expires': String((NOW.getTime() + 2 * HOUR) / 1000),
      'gtp-drill-source': 'orders-db',
    });
    expect(p.scratchBody).toMatchObject({
      name: p.scratch.instance,
      databaseVersion: 'POSTGRES_15',
      region: 'us-central1',
      settings: {
        tier: 'db-custom-4-16384',
        availabilityType: 'ZONAL',
        backupConfiguration: { enabled: false },
        deletionProtectionEnabled: false,
        userLabels: p.scratch.labels,
        ipConfiguration: { privateNetwork: 'projects/acme-prod/global/networks/prod' },
      },
    });
  });

  it('a named backup run', () => {
    expect(plan({ request: { kind: 'backup', backup: '3' } }).restorePoint.backupRunId).toBe('3');
  });

  it('a point in time inside the window: a clone, no instance body', () => {
    const p = plan({
      request: { kind: 'point-in-time', at: '2026-11-26T05:00:00Z' },
      latestRecoveryTime: '2026-11-26T05:59:00Z',
    });
    expect(p.method).toBe('point-in-time-clone');
    expect(p.restorePoint).toEqual({ pointInTime: '2026-11-26T05:00:00.000Z', time: '2026-11-26T05:00:00.000Z' });
    expect(p.scratchBody).toBeUndefined();
  });

  const refusals: [string, Partial<PlanInput>, string][] = [
    [
      'a read replica',
      { instance: source(PITR, { instanceType: 'READ_REPLICA_INSTANCE', masterInstanceName: 'acme-prod:orders-db' }) },
      'is a read replica',
    ],
    [
      'no successful backup run',
      { backupRuns: [run('4', 'FAILED', '2026-11-25T03:01:00Z')] },
      'has no successful backup run',
    ],
    [
      'backups off and none taken',
      { instance: source({ enabled: false }), backupRuns: [] },
      'automated backups turned off',
    ],
    ['a backup run that does not exist', { request: { kind: 'backup', backup: '99' } }, 'has no backup run 99'],
    ['a backup run that failed', { request: { kind: 'backup', backup: '4' } }, 'is FAILED, not SUCCESSFUL'],
    [
      'point in time without PITR',
      {
        instance: source({ enabled: true, pointInTimeRecoveryEnabled: false }),
        request: { kind: 'point-in-time', at: '2026-11-26T05:00:00Z' },
      },
      'does not have point-in-time recovery enabled',
    ],
    // The binary log is MySQL's point-in-time recovery, not PostgreSQL's (as sql.pitr judges it).
    [
      'PostgreSQL with only the binary log flag',
      {
        instance: source({ enabled: true, binaryLogEnabled: true }),
        request: { kind: 'point-in-time', at: '2026-11-26T05:00:00Z' },
      },
      'does not have point-in-time recovery enabled',
    ],
    // Enhanced backups live in a Backup and DR vault: Cloud SQL's backup runs are not what it would be restored from.
    [
      'an instance with enhanced backups, from a backup',
      { instance: source({ enabled: false, backupTier: 'ENHANCED' }) },
      'has enhanced backups (backupTier ENHANCED): its backups are in a Backup and DR vault',
    ],
    [
      'an instance with enhanced backups, to a point in time',
      {
        instance: source({ enabled: true, pointInTimeRecoveryEnabled: true, backupTier: 'ENHANCED' }),
        request: { kind: 'point-in-time', at: '2026-11-26T05:00:00Z' },
      },
      'which gtp drill restore cannot restore from yet',
    ],
    ['a time that is not a time', { request: { kind: 'point-in-time', at: 'yesterday' } }, 'is not an RFC 3339 time'],
    [
      'a time after the latest recovery time',
      { request: { kind: 'point-in-time', at: '2026-11-26T05:59:30Z' }, latestRecoveryTime: '2026-11-26T05:59:00Z' },
      'after the latest recovery time',
    ],
    [
      'a time before the log retention',
      { request: { kind: 'point-in-time', at: '2026-11-18T00:00:00Z' } },
      'before the recovery window of orders-db starts',
    ],
  ];
  it.each(refusals)('refuses %s', (_name, input, reason) => {
    expect(() => plan(input)).toThrow(DrillRefusal);
    expect(() => plan(input)).toThrow(reason);
  });

  it("the window is the instance's log retention, by default 14 days on Enterprise Plus and 7 on Enterprise", () => {
    const tenDaysAgo = { kind: 'point-in-time' as const, at: '2026-11-16T06:00:00Z' };
    const { transactionLogRetentionDays: _unset, ...pitrDefault } = PITR;
    const plus = source(pitrDefault, {});
    plus.settings!.edition = 'ENTERPRISE_PLUS';
    expect(plan({ instance: plus, request: tenDaysAgo }).method).toBe('point-in-time-clone');
    expect(() => plan({ instance: plus, request: { kind: 'point-in-time', at: '2026-11-11T06:00:00Z' } })).toThrow(
      '14 days of transaction logs',
    );
    expect(() => plan({ instance: source(pitrDefault), request: tenDaysAgo })).toThrow('7 days of transaction logs');
    const kept35 = source({ ...pitrDefault, transactionLogRetentionDays: 35 });
    kept35.settings!.edition = 'ENTERPRISE_PLUS';
    expect(plan({ instance: kept35, request: { kind: 'point-in-time', at: '2026-10-30T06:00:00Z' } }).method).toBe(
      'point-in-time-clone',
    );
  });

  it('MySQL recovers to a point in time through its binary log', () => {
    const mysql = source({ enabled: true, binaryLogEnabled: true }, { databaseVersion: 'MYSQL_8_0' });
    expect(plan({ instance: mysql, request: { kind: 'point-in-time', at: '2026-11-26T05:00:00Z' } }).method).toBe(
      'point-in-time-clone',
    );
  });
});

describe('scratch instances', () => {
  it('are named gtp-drill-<instance>-<time>, within 63 characters, never with a doubled hyphen', () => {
    expect(scratchName('orders-db', NOW)).toBe('gtp-drill-orders-db-20261126-060000');
    const long = scratchName(`${'a'.repeat(30)}-${'b'.repeat(40)}`, NOW);
    expect(long.length).toBeLessThanOrEqual(63);
    expect(long).toMatch(/^gtp-drill-a+-b*[a-z]-20261126-060000$|^gtp-drill-a+-20261126-060000$/);
    expect(scratchName(`${'a'.repeat(32)}-x`, NOW)).not.toContain('--');
  });

  it('carry an expiry that gc reads back; anything unlabelled has none', () => {
    const labels = scratchLabels('Orders.DB', new Date('2026-11-26T08:00:00Z'));
    expect(labels['gtp-drill-source']).toBe('orders-db');
    expect(scratchExpiry(labels)).toEqual(new Date('2026-11-26T08:00:00Z'));
    expect(scratchExpiry({ env: 'prod' })).toBeUndefined();
    expect(scratchExpiry({ 'gtp-drill': 'true', 'gtp-drill-expires': 'soon' })).toBeUndefined();
    expect(scratchExpiry(undefined)).toBeUndefined();
  });
});
