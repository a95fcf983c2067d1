# Images are scanned for vulnerabilities, and only attested images run (supply-chain-attack).
resource "google_project_service" "container_scanning" {
  service            = "containerscanning.googleapis.com"
  disable_on_destroy = false
}

resource "google_artifact_registry_repository" "images" {
  repository_id = "images"
  location      = var.region
  format        = "DOCKER"

  vulnerability_scanning_config {
    enablement_config = "INHERITED"
  }

  depends_on = [google_project_service.container_scanning]
}

resource "google_binary_authorization_policy" "policy" {
  global_policy_evaluation_mode = "ENABLE"

  default_admission_rule {
    evaluation_mode         = "REQUIRE_ATTESTATION"
    enforcement_mode        = "ENFORCED_BLOCK_AND_AUDIT_LOG"
    require_attestations_by = [google_binary_authorization_attestor.built_by_ci.name]
  }
}

resource "google_binary_authorization_attestor" "built_by_ci" {
  name = "built-by-ci"

  attestation_authority_note {
    note_reference = "projects/${var.project_id}/notes/built-by-ci"
  }
}
