import armorAttached from './armor/attached.js';
import billingBudget from './billing/budget.js';
import gkeRegional from './gke/regional.js';
import scanningVulnerabilityScanning from './scanning/vulnerability-scanning.js';
import sqlBackups from './sql/backups.js';
import sqlDeletionProtection from './sql/deletion-protection.js';
import sqlHighAvailability from './sql/high-availability.js';
import sqlPitr from './sql/pitr.js';
import type { CheckDefinition } from './types.js';

/** The catalogue: every check gtp knows, by id. Checks are pure and light, so the list itself is cheap to load. */
export const CHECKS: readonly CheckDefinition[] = [
  sqlPitr,
  sqlBackups,
  sqlDeletionProtection,
  sqlHighAvailability,
  gkeRegional,
  armorAttached,
  billingBudget,
  scanningVulnerabilityScanning,
];

export const CHECKS_BY_ID: ReadonlyMap<string, CheckDefinition> = new Map(CHECKS.map((c) => [c.id, c]));

export const CHECK_IDS: ReadonlySet<string> = new Set(CHECKS_BY_ID.keys());
