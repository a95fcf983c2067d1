import armorAttached from './armor/attached.js';
import armorWafRules from './armor/waf-rules.js';
import billingBudgetPubsub from './billing/budget-pubsub.js';
import billingBudget from './billing/budget.js';
import binauthzEnforced from './binauthz/enforced.js';
import deployCanary from './deploy/canary.js';
import drillRecentRestore from './drill/recent-restore.js';
import deployRollbackAutomation from './deploy/rollback-automation.js';
import gkeMultiRegion from './gke/multi-region.js';
import gkeRegional from './gke/regional.js';
import iamDataAccessLogs from './iam/data-access-logs.js';
import k8sArgocd from './k8s/argocd.js';
import k8sPolicyConstraints from './k8s/policy-constraints.js';
import k8sPolicyEnforced from './k8s/policy-enforced.js';
import lbGlobalExternal from './lb/global-external.js';
import monitoringQuotaAlert from './monitoring/quota-alert.js';
import monitoringSloBurnRateAlert from './monitoring/slo-burn-rate-alert.js';
import repoDependencyUpdates from './repo/dependency-updates.js';
import repoSbomSigning from './repo/sbom-signing.js';
import repoSecretScanning from './repo/secret-scanning.js';
import repoTerraformBackend from './repo/terraform-backend.js';
import scanningVulnerabilityScanning from './scanning/vulnerability-scanning.js';
import sccMisconfigurationAgreement from './scc/misconfiguration-agreement.js';
import sccVulnerabilityFindings from './scc/vulnerability-findings.js';
import sqlBackups from './sql/backups.js';
import sqlCrossRegionReplica from './sql/cross-region-replica.js';
import sqlDeletionProtection from './sql/deletion-protection.js';
import sqlHighAvailability from './sql/high-availability.js';
import sqlPitr from './sql/pitr.js';
import storageBackupBucketLock from './storage/backup-bucket-lock.js';
import storageStateBucket from './storage/state-bucket.js';
import type { CheckDefinition } from './types.js';

/** The catalogue: every check gtp knows, by id. Checks are pure and light, so the list itself is cheap to load. */
export const CHECKS: readonly CheckDefinition[] = [
  sqlPitr,
  sqlBackups,
  sqlDeletionProtection,
  sqlHighAvailability,
  sqlCrossRegionReplica,
  drillRecentRestore,
  gkeRegional,
  gkeMultiRegion,
  armorAttached,
  armorWafRules,
  lbGlobalExternal,
  billingBudget,
  billingBudgetPubsub,
  scanningVulnerabilityScanning,
  binauthzEnforced,
  deployCanary,
  deployRollbackAutomation,
  monitoringSloBurnRateAlert,
  monitoringQuotaAlert,
  storageStateBucket,
  storageBackupBucketLock,
  iamDataAccessLogs,
  sccVulnerabilityFindings,
  sccMisconfigurationAgreement,
  repoDependencyUpdates,
  repoSecretScanning,
  repoSbomSigning,
  repoTerraformBackend,
  k8sArgocd,
  k8sPolicyEnforced,
  k8sPolicyConstraints,
];

export const CHECKS_BY_ID: ReadonlyMap<string, CheckDefinition> = new Map(CHECKS.map((c) => [c.id, c]));

export const CHECK_IDS: ReadonlySet<string> = new Set(CHECKS_BY_ID.keys());
