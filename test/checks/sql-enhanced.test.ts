import { describe, expect, it } from 'vitest';
import backups from '../../src/checks/sql/backups/check.js';
import pitr from '../../src/checks/sql/pitr/check.js';
import { remediations } from '../../src/terraform/remediations.js';
import { hcl } from '../../src/terraform/hcl.js';
import { runCheck } from '../helpers/check-table.js';
import { SQL_WORLDS as W } from '../fixtures/check-worlds.js';

describe('an instance with enhanced backups is fixed in Backup and DR, not by turning Cloud SQL backups on', () => {
  it('its failing verdict carries no instance for the Cloud SQL fix, and the fix file writes no instance', async () => {
    const results = [await runCheck(backups, W.enhancedBackupFailed), await runCheck(pitr, W.enhancedPlanKeepsNoLogs)];
    expect(results.map((r) => r.outcome)).toEqual(['fail', 'fail']);
    for (const result of results) expect(result.resources.find((r) => r.name === 'pg')?.data).toBeUndefined();
    const text = remediations(results, { project: 'acme-prod', allowIrreversible: false })
      .map((r) => hcl(r.blocks))
      .join('\n');
    expect(text).not.toContain('resource "google_sql_database_instance"');
    expect(text).toContain('Backup and DR backup plan');
    expect(text).toContain('Not written here: pg, whose backups Backup and DR manages');
  });

  it('a standard instance failing the same control is still written from its live data', async () => {
    const result = await runCheck(backups, W.pitrWithoutBackups);
    expect(result.outcome).toBe('fail');
    const text = remediations([result], { project: 'acme-prod', allowIrreversible: false })
      .map((r) => hcl(r.blocks))
      .join('\n');
    expect(text).toContain('resource "google_sql_database_instance"');
  });
});
