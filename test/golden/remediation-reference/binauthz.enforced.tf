# binauthz.enforced: Binary Authorization admits only attested images, and every cluster enforces it
# Resources: policy, prod
# Change: Set google_binary_authorization_policy.default_admission_rule (and every cluster, namespace or identity override) to REQUIRE_ATTESTATION / ENFORCED_BLOCK_AND_AUDIT_LOG, allowlist only specific system images, and set binary_authorization { evaluation_mode = "PROJECT_SINGLETON_POLICY_ENFORCE" } on each cluster.
# Risks: Enforcement blocks every image without an attestation: attest what CI builds first, and try DRYRUN_AUDIT_LOG_ONLY before ENFORCED_BLOCK_AND_AUDIT_LOG.
#
# On each cluster resource below, set binary_authorization { evaluation_mode = "PROJECT_SINGLETON_POLICY_ENFORCE" }:
#   google_container_cluster for prod
variable "attestor" {
  description = "Attestor that CI signs with, e.g. projects/P/attestors/built-by-ci."
  type        = string
}

resource "google_binary_authorization_policy" "policy" {
  project                       = "acme-prod"
  global_policy_evaluation_mode = "ENABLE"

  default_admission_rule {
    evaluation_mode         = "REQUIRE_ATTESTATION"
    enforcement_mode        = "ENFORCED_BLOCK_AND_AUDIT_LOG"
    require_attestations_by = [var.attestor]
  }
}
