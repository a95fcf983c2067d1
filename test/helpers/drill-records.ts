import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { drillId, scratchName } from '../../src/drill/scratch.js';
import type { DrillRecord } from '../../src/evidence/record.js';
import { scratchDir } from './scratch.js';

const DAY = 86_400_000;

/** A drill record of acme-prod/orders-db that ended `daysAgo` days before `now`, passing unless told otherwise. */
export function drillRecord(daysAgo: number, overrides: Partial<DrillRecord>, now: Date): DrillRecord {
  const finished = new Date(now.getTime() - daysAgo * DAY);
  const started = new Date(finished.getTime() - 20 * 60_000);
  return {
    schemaVersion: 1,
    id: drillId('orders-db', started),
    project: 'acme-prod',
    source: { instance: 'orders-db', databaseVersion: 'POSTGRES_15', region: 'us-central1' },
    method: 'backup-restore',
    restorePoint: { backupRunId: '1764126000000', time: new Date(started.getTime() - 3600_000).toISOString() },
    scratch: { instance: scratchName('orders-db', started), labels: { 'gtp-drill': 'true' } },
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    outcome: 'passed',
    steps: [],
    rtoSeconds: 1000,
    rpoSeconds: 3600,
    verification: [{ name: 'orders were restored', outcome: 'pass', expected: 'a value of at least 1', actual: '250' }],
    cleanup: { outcome: 'deleted' },
    ...overrides,
  };
}

/** A directory holding these drill records, as `gtp drill restore --evidence DIR` would leave it. */
export function evidenceDir(records: readonly DrillRecord[]): string {
  const dir = scratchDir('gtp-drills-');
  mkdirSync(dir, { recursive: true });
  for (const record of records) writeFileSync(join(dir, `${record.id}.json`), JSON.stringify(record));
  return dir;
}

/**
 * What a hardened project keeps: a verified drill of orders-db yesterday, and a restore-only drill of its MySQL
 * primary (gtp verifies PostgreSQL data only). `now` is the day the audit that reads them is judged on.
 */
export function recentDrillEvidence(now: Date): string {
  const mysql = drillRecord(2, {}, now);
  return evidenceDir([
    drillRecord(1, {}, now),
    {
      ...mysql,
      id: mysql.id.replace('orders-db', 'billing-mysql'),
      source: { instance: 'billing-mysql', databaseVersion: 'MYSQL_8_0' },
      verification: [],
    },
  ]);
}
