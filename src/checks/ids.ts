/**
 * Every check id gtp knows, without loading the checks themselves: commands that only read the register
 * (`report`, `validate`, `attest`) check its `check:` references against this list and start without building
 * the catalogue's evidence schemas. The catalogue test holds it equal to the ids in `index.ts`.
 */
export const CHECK_IDS: ReadonlySet<string> = new Set([
  'armor.attached',
  'armor.waf-rules',
  'billing.budget',
  'billing.budget-pubsub',
  'binauthz.enforced',
  'deploy.canary',
  'deploy.rollback-automation',
  'drill.recent-restore',
  'gke.multi-region',
  'gke.regional',
  'iam.data-access-logs',
  'iam.just-in-time-access',
  'k8s.argocd',
  'k8s.policy-constraints',
  'k8s.policy-enforced',
  'lb.global-external',
  'monitoring.quota-alert',
  'monitoring.slo-burn-rate-alert',
  'repo.dependency-updates',
  'repo.sbom-signing',
  'repo.secret-scanning',
  'repo.terraform-backend',
  'scanning.vulnerability-scanning',
  'scc.misconfiguration-agreement',
  'scc.vulnerability-findings',
  'sql.backups',
  'sql.cross-region-replica',
  'sql.deletion-protection',
  'sql.high-availability',
  'sql.pitr',
  'storage.backup-bucket-lock',
  'storage.state-bucket',
]);
