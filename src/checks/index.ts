import armorAttached from './armor/attached/check.js';
import armorWafRules from './armor/waf-rules/check.js';
import billingBudgetPubsub from './billing/budget-pubsub/check.js';
import billingBudget from './billing/budget/check.js';
import binauthzEnforced from './binauthz/enforced/check.js';
import deployCanary from './deploy/canary/check.js';
import drillRecentRestore from './drill/recent-restore/check.js';
import deployRollbackAutomation from './deploy/rollback-automation/check.js';
import gkeMultiRegion from './gke/multi-region/check.js';
import gkeRegional from './gke/regional/check.js';
import iamDataAccessLogs from './iam/data-access-logs/check.js';
import iamJustInTimeAccess from './iam/just-in-time-access/check.js';
import k8sArgocd from './k8s/argocd/check.js';
import k8sPolicyConstraints from './k8s/policy-constraints/check.js';
import k8sPolicyEnforced from './k8s/policy-enforced/check.js';
import lbGlobalExternal from './lb/global-external/check.js';
import monitoringQuotaAlert from './monitoring/quota-alert/check.js';
import monitoringSloBurnRateAlert from './monitoring/slo-burn-rate-alert/check.js';
import repoDependencyUpdates from './repo/dependency-updates/check.js';
import repoSbomSigning from './repo/sbom-signing/check.js';
import repoSecretScanning from './repo/secret-scanning/check.js';
import repoSqlInjectionAnalysis from './repo/sql-injection-analysis/check.js';
import repoTerraformApplySerialized from './repo/terraform-apply-serialized/check.js';
import repoTerraformBackend from './repo/terraform-backend/check.js';
import scanningVulnerabilityScanning from './scanning/vulnerability-scanning/check.js';
import sccMisconfigurationAgreement from './scc/misconfiguration-agreement/check.js';
import sccVulnerabilityFindings from './scc/vulnerability-findings/check.js';
import sqlBackups from './sql/backups/check.js';
import sqlCrossRegionReplica from './sql/cross-region-replica/check.js';
import sqlDeletionProtection from './sql/deletion-protection/check.js';
import sqlHighAvailability from './sql/high-availability/check.js';
import sqlPitr from './sql/pitr/check.js';
import storageBackupBucketLock from './storage/backup-bucket-lock/check.js';
import storageStateBucket from './storage/state-bucket/check.js';
import guardrailBinauthzEnforced from './guardrail/binauthz-enforced/check.js';
import guardrailSqlDeletionProtection from './guardrail/sql-deletion-protection/check.js';
import guardrailSqlHighAvailability from './guardrail/sql-high-availability/check.js';
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
  iamJustInTimeAccess,
  sccVulnerabilityFindings,
  sccMisconfigurationAgreement,
  repoDependencyUpdates,
  repoSecretScanning,
  repoSqlInjectionAnalysis,
  repoSbomSigning,
  repoTerraformApplySerialized,
  repoTerraformBackend,
  k8sArgocd,
  k8sPolicyEnforced,
  k8sPolicyConstraints,
  guardrailSqlDeletionProtection,
  guardrailSqlHighAvailability,
  guardrailBinauthzEnforced,
];

export const CHECKS_BY_ID: ReadonlyMap<string, CheckDefinition> = new Map(CHECKS.map((c) => [c.id, c]));

export { CHECK_IDS } from './ids.js';
